#include "app/module.h"

#include <algorithm>
#include <map>

namespace fg::app {

std::vector<std::string> menu_for(auth::Role role) {
  std::vector<const MenuEntry*> entries;
  for (const Module* m : modules()) {
    for (const auto& e : m->menu) {
      if (!e.permission || auth::allows(role, *e.permission)) entries.push_back(&e);
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const MenuEntry* a, const MenuEntry* b) { return a->order < b->order; });
  std::vector<std::string> out;
  for (const auto* e : entries) out.emplace_back(e->module);
  return out;
}

const LedgerKind* ledger_kind(std::string_view kind) {
  for (const Module* m : modules()) {
    for (const auto& k : m->ledger_kinds) {
      if (k.kind == kind) return &k;
    }
  }
  return nullptr;
}

std::vector<std::string> ledger_kinds() {
  std::vector<std::string> out;
  for (const Module* m : modules()) {
    for (const auto& k : m->ledger_kinds) out.emplace_back(k.kind);
  }
  return out;
}

http::Json meta_json() {
  using http::Json;
  Json permissions = Json::array();
  for (const auto& p : auth::permission_table()) {
    Json roles = Json::array();
    for (auto r : auth::kAllRoles) {
      if (auth::allows(r, p.id)) roles.push_back(std::string(auth::role_key(r)));
    }
    permissions.push_back({{"key", p.key}, {"roles", roles}, {"zh", p.zh}, {"en", p.en}});
  }
  Json menu = Json::array();
  Json ledgers = Json::array();
  // One label per code: modules that record the same action ("create") agree on its words.
  std::map<std::string, Json> entities, actions;
  auto add = [](std::map<std::string, Json>& to, const AuditCode& a) {
    to.emplace(std::string(a.code), Json{{"code", a.code}, {"zh", a.zh}, {"en", a.en}});
  };
  for (const auto& a : kCommonAuditActions) add(actions, a);
  Json enumerations = Json::object();
  for (const Module* m : modules()) {
    for (const auto& e : m->menu) {
      menu.push_back({{"module", e.module}, {"order", e.order}, {"module_of", m->name},
                      {"permission", e.permission ? Json(std::string(auth::info(*e.permission).key)) : Json()}});
    }
    for (const auto& k : m->ledger_kinds) {
      Json cols = Json::array();
      for (const auto& c : k.schema().columns) cols.push_back({{"key", c.key}, {"zh", c.zh}, {"required", c.required}});
      ledgers.push_back({{"kind", k.kind}, {"module", m->name}, {"permission", auth::info(k.permission).key}, {"columns", cols}});
    }
    for (const auto& a : m->audit_entities) add(entities, a);
    for (const auto& e : m->enumerations) enumerations[std::string(e.name)] = e.values();
    for (const auto& a : m->audit_actions) add(actions, a);
  }
  Json ent = Json::array(), act = Json::array();
  for (auto& [_, j] : entities) ent.push_back(j);
  for (auto& [_, j] : actions) act.push_back(j);
  return {{"permissions", permissions}, {"menu", menu}, {"ledger_kinds", ledgers},
          {"audit", {{"entities", ent}, {"actions", act}}}, {"enumerations", enumerations}};
}

}  // namespace fg::app
