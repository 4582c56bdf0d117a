#include "regions/service.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "audit/store.h"
#include "auth/permissions.h"
#include "base/embedded.h"
#include "base/text.h"
#include "regions/rules.h"
#include "regions/store.h"

namespace fg::regions {

namespace {
int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
nlohmann::json to_json(const Region& r) {
  return {{"code", r.code}, {"name", r.name}, {"level", r.level}, {"parent_code", r.parent_code},
          {"excluded_from_parent", r.excluded_from_parent}, {"has_platform", r.has_platform}};
}
}  // namespace

std::vector<Region> parse_reference_csv(std::string_view csv) {
  std::vector<Region> out;
  size_t pos = 0;
  bool header = true;
  while (pos < csv.size()) {
    size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string line(csv.substr(pos, end - pos));
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> f;
    size_t s = 0;
    while (true) {
      size_t comma = line.find(',', s);
      f.push_back(line.substr(s, comma == std::string::npos ? std::string::npos : comma - s));
      if (comma == std::string::npos) break;
      s = comma + 1;
    }
    if (f.size() < 6) continue;
    out.push_back(Region{f[0], f[1], f[2], f[3], f[4] == "1", f[5] == "1"});
  }
  return out;
}

void Service::seed_if_empty() {
  auto c = db_.acquire();
  db::Transaction tx(*c);
  if (store::count(*c) == 0) {
    auto csv = embedded_file("anyang_regions.csv");
    if (csv) {
      for (const auto& r : parse_reference_csv(*csv)) store::insert(*c, r);
    }
  }
  tx.commit();
  reload();
}

void Service::reload() {
  auto c = db_.acquire();
  auto t = std::make_shared<const Tree>(store::load_all(*c));
  std::lock_guard lock(mu_);
  tree_ = std::move(t);
  loaded_at_ = now_s();
}

std::shared_ptr<const Tree> Service::tree() {
  {
    std::lock_guard lock(mu_);
    // Another server process (PostgreSQL deployments) may have changed the table: refresh now and then.
    if (tree_ && now_s() - loaded_at_ < 30) return tree_;
  }
  reload();
  std::lock_guard lock(mu_);
  return tree_;
}

bool Service::in_scope(const auth::User& u, const std::string& code) { return tree()->within(code, u.region_code); }

Result<void> Service::require_scope(const auth::User& u, const std::string& code) {
  if (in_scope(u, code)) return {};
  return make_error(ErrorKind::forbidden, "forbidden_region", "region_code",
                    "无权访问该区划（" + code + "）的数据", "No access to region " + code);
}

Result<void> Service::require_scope_of_new(const auth::User& u, const std::string& code) {
  std::string c(trim(code));
  if (c.empty() || !tree()->find(c)) return {};
  return require_scope(u, c);
}

Result<std::vector<std::string>> Service::list_scope(const auth::Actor& actor, const std::string& region) {
  auto t = tree();
  std::string root = region;
  if (root.empty()) root = actor.user ? actor.user->region_code : t->root_code();
  if (!t->find(root)) {
    return invalid_field("region", "区划代码不存在：" + excerpt(root, 12), "No such region: " + excerpt(root, 12));
  }
  if (actor.user && !t->within(root, actor.user->region_code)) {
    return make_error(ErrorKind::forbidden, "forbidden_region", "region", "无权访问该区划（" + root + "）的数据",
                      "No access to region " + root);
  }
  if (root == t->root_code()) return std::vector<std::string>{};
  return t->subtree(root);
}

namespace {
// The tree is the city administrator's (or the operator's at the console).
Result<void> require_admin(const auth::Actor& actor) {
  if (actor.user ? auth::allows(actor.user->role, auth::Permission::regions_admin) : actor.source == "cli") return {};
  return errors::forbidden();
}
}  // namespace

Result<Region> Service::add(const auth::Actor& actor, Region r) {
  FG_CHECK(require_admin(actor));
  auto t = tree();
  if (t->find(r.code)) {
    return make_error(ErrorKind::conflict, "conflict", "code", "区划代码 " + r.code + " 已存在",
                      "Region code " + r.code + " already exists");
  }
  const Region* parent = t->find(r.parent_code);
  if (auto ok = check_new_region(r, parent); !ok) return ok.error();
  r.level = parent->level == "city" ? "county" : "township";
  {
    auto c = db_.acquire();
    db::Transaction tx(*c);
    store::insert(*c, r);
    audit::record(*c, actor, "create", "region", r.code, r.code, nullptr, to_json(r));
    tx.commit();
  }
  reload();
  return r;
}

Result<Region> Service::change(const auth::Actor& actor, const std::string& code, const Change& ch) {
  FG_CHECK(require_admin(actor));
  const Region* cur = tree()->find(code);
  if (!cur) return make_error(ErrorKind::not_found, "not_found", "", "区划不存在", "No such region");
  Region before = *cur, after = *cur;
  if (ch.name) {
    if (ch.name->empty() || ch.name->size() > 60) {
      return invalid_field("name", "区划名称不能为空且不超过20个字", "The name is required (at most 20 characters)");
    }
    after.name = *ch.name;
  }
  if (ch.excluded_from_parent) {
    if (before.level == "city" && *ch.excluded_from_parent) {
      return invalid_field("excluded_from_parent", "市级区划没有上级，不能设置不计入上级合计",
                           "The city has no parent to be excluded from");
    }
    after.excluded_from_parent = *ch.excluded_from_parent;
  }
  if (ch.has_platform) after.has_platform = *ch.has_platform;
  {
    auto c = db_.acquire();
    db::Transaction tx(*c);
    store::update(*c, after);
    audit::record(*c, actor, "update", "region", code, code, to_json(before), to_json(after));
    tx.commit();
  }
  reload();
  return after;
}

}  // namespace fg::regions
