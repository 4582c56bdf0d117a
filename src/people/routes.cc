// HTTP handlers for the registry: people (返乡创业人员) and market entities (市场主体).
#include "people/routes.h"

#include "http/reach.h"

#include <nlohmann/json.hpp>
#include <set>

#include "base/date.h"
#include "ledger/table.h"
#include "ledger/xlsx_writer.h"
#include "people/store.h"
#include "people/rules.h"
#include "regions/routes.h"
#include "people/service.h"

namespace fg::people {

namespace {
using http::Context;
using http::Json;
using http::Response;

Json person_json(const Entrepreneur& p, const regions::Tree& t, bool full, const Date& today) {
  int age = 0;
  if (auto b = Date::parse(p.birth_date)) {
    age = today.year() - b->year() - ((today.month() < b->month() || (today.month() == b->month() && today.day() < b->day())) ? 1 : 0);
  }
  return {{"id", p.id},
          {"id_number", full ? p.id_number : mask_id(p.id_number)},
          {"id_number_masked", !full},
          {"name", p.name},
          {"sex", p.sex},
          {"birth_date", p.birth_date},
          {"age", age},
          {"phone", full ? p.phone : mask_phone(p.phone)},
          {"category", p.category},
          {"category_label", label_of(kCategories, p.category)},
          {"region", regions::ref_json(t, p.region_code)},
          {"county", regions::ref_json(t, p.county_code)},
          {"return_date", p.return_date},
          {"start_date", p.start_date},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

// `hidden`: founders outside the caller's region, left out of founder_ids (and counted instead).
Json entity_json(const MarketEntity& e, const regions::Tree& t, const std::set<int64_t>& hidden = {}) {
  Json founders = Json::array();
  for (int64_t id : e.founder_ids) {
    if (!hidden.count(id)) founders.push_back(id);
  }
  return {{"id", e.id},
          {"credit_code", e.credit_code},
          {"name", e.name},
          {"entity_type", e.entity_type},
          {"entity_type_label", label_of(kEntityTypes, e.entity_type)},
          {"region", regions::ref_json(t, e.region_code)},
          {"county", regions::ref_json(t, e.county_code)},
          {"registered_date", e.registered_date},
          {"industry", e.industry},
          {"jobs", e.jobs},
          {"founder_ids", founders},
          {"founders_outside_scope", static_cast<int64_t>(e.founder_ids.size() - founders.size())},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

Json history_json(const std::vector<audit::Entry>& h) {
  Json out = Json::array();
  for (const auto& e : h) {
    out.push_back({{"at", e.at}, {"username", e.username}, {"action", e.action}, {"before", e.before},
                   {"after", e.after}, {"source", e.source}});
  }
  return out;
}

Error bad_date_param(const char* name) {
  return make_error(ErrorKind::bad_request, "bad_parameter", name, std::string("日期格式应为 YYYY-MM-DD（") + name + "）",
                    std::string("Dates are YYYY-MM-DD (") + name + ")");
}

// What the person and the entity lists read alike: the search text, the sort, a date range
// (`from`, `to`: query names and fields) and the page; an export (`paged` false) takes every row.
template <class Query>
Result<Query> list_query(const http::Request& req, bool paged, http::SortColumns sorts,
                         std::initializer_list<std::pair<const char*, std::string Query::*>> dates) {
  Query q;
  q.q = req.q("q");
  FG_TRY(auto sort, http::query_sort(req, sorts, "-id"));
  q.sort = sort.spec();
  for (auto [name, field] : dates) {
    std::string v = req.q(name);
    if (v.empty()) continue;
    auto d = Date::parse(v);
    if (!d) return bad_date_param(name);
    q.*field = d->iso();
  }
  FG_CHECK(http::read_page(req, paged, q));
  return q;
}

Result<PersonQuery> person_query(const http::Request& req, bool paged) {
  FG_TRY(auto q, list_query<PersonQuery>(req, paged, {store::kPersonSorts},
                                          {{"start_from", &PersonQuery::start_from}, {"start_to", &PersonQuery::start_to}}));
  q.category = req.q("category");
  return q;
}

Result<EntityQuery> entity_query(const http::Request& req, bool paged) {
  FG_TRY(auto q, list_query<EntityQuery>(req, paged, {store::kEntitySorts},
                                          {{"registered_from", &EntityQuery::registered_from},
                                           {"registered_to", &EntityQuery::registered_to}}));
  q.entity_type = req.q("entity_type");
  return q;
}

Result<EntrepreneurInput> person_input(const Json& b) {
  EntrepreneurInput in;
  FG_CHECK(http::read_strings(b, {{"id_number", &in.id_number}, {"name", &in.name}, {"phone", &in.phone},
                               {"category", &in.category}, {"region_code", &in.region_code},
                               {"return_date", &in.return_date}, {"start_date", &in.start_date}}));
  return in;
}

Result<EntityInput> entity_input(const Json& b) {
  EntityInput in;
  FG_CHECK(http::read_strings(b, {{"credit_code", &in.credit_code}, {"name", &in.name},
                               {"entity_type", &in.entity_type}, {"region_code", &in.region_code},
                               {"registered_date", &in.registered_date}, {"industry", &in.industry}}));
  if (auto it = b.find("jobs"); it != b.end() && !it->is_null()) {
    if (it->is_number_integer()) in.jobs = std::to_string(it->get<int64_t>());
    else if (it->is_string()) in.jobs = it->get<std::string>();
    else return make_error(ErrorKind::bad_request, "bad_field", "jobs", "字段 jobs 应为整数", "Field jobs must be an integer");
  }
  if (auto it = b.find("founder_id_numbers"); it != b.end() && !it->is_null()) {
    if (!it->is_array()) {
      return make_error(ErrorKind::bad_request, "bad_field", "founder_id_numbers", "字段 founder_id_numbers 应为列表",
                        "Field founder_id_numbers must be a list");
    }
    for (const auto& x : *it) {
      if (!x.is_string()) {
        return make_error(ErrorKind::bad_request, "bad_field", "founder_id_numbers", "创办人身份证号应为文本",
                          "Founder ID numbers must be strings");
      }
      in.founder_id_numbers.push_back(x.get<std::string>());
    }
  }
  return in;
}

Response table_download(const ledger::Sheet& sheet, const std::string& format, const std::string& base_name) {
  if (format == "csv") {
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel on Chinese Windows then reads UTF-8 correctly
    for (size_t i = 0; i < sheet.headers.size(); ++i) {
      if (i) out += ',';
      ledger::append_csv_field(out, sheet.headers[i]);
    }
    out += "\r\n";
    for (const auto& row : sheet.rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        std::string v;
        if (auto p = std::get_if<std::string>(&row[i])) v = *p;
        else if (auto p = std::get_if<int64_t>(&row[i])) v = std::to_string(*p);
        if (i) out += ',';
        ledger::append_csv_field(out, v);
      }
      out += "\r\n";
    }
    return Response::bytes(out, "text/csv; charset=utf-8", base_name + ".csv");
  }
  return Response::bytes(ledger::write_xlsx(sheet), ledger::kXlsxMime,
                         base_name + ".xlsx");
}
// Founder ids of a list of entities that the caller may not see.
auto founders_hidden_from(Service& svc) {
  return [&svc](const Context& ctx, const std::vector<MarketEntity>& list) {
    std::vector<int64_t> ids;
    for (const auto& e : list) ids.insert(ids.end(), e.founder_ids.begin(), e.founder_ids.end());
    return svc.outside_scope(ctx.actor(), ids);
  };
}

void person_routes(http::Router& r, Service& svc, regions::Service& regions) {
  using http::Access;
  const Access read = Access::to(auth::Permission::people_read), write = Access::to(auth::Permission::people_write);
  const Access admin = Access::to(auth::Permission::people_delete);
  auto hidden_founders = founders_hidden_from(svc);
  // The record of the path must lie in the caller's region (404 when there is none).
  auto person = http::reach_by_id(
      [&svc](const auth::Actor& a, int64_t id) { return svc.get_person(a, id); });

  r.get("/api/v1/entrepreneurs", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto q, person_query(ctx.req, true));
    FG_TRY(auto page, svc.list_people(ctx.actor(), q, ctx.req.q("region")));
    auto t = regions.tree();
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& p) { return person_json(p, *t, false, svc.today()); }));
  }, read);

  for (std::string format : {"xlsx", "csv"}) {
    r.get("/api/v1/entrepreneurs/export." + format, [&svc, &regions, format](Context& ctx) -> Result<Response> {
      FG_TRY(auto q, person_query(ctx.req, false));
      FG_TRY(auto page, svc.list_people(ctx.actor(), q, ctx.req.q("region")));
      auto t = regions.tree();
      ledger::Sheet sheet{"返乡创业人员",
                          {"身份证号", "姓名", "性别", "出生日期", "联系电话", "人员类别", "所属县区", "所属区划",
                           "区划代码", "返乡日期", "创业日期"},
                          {},
                          {22, 10, 6, 12, 14, 12, 10, 12, 12, 12, 12}};
      for (const auto& p : page.items) {
        const auto* reg = t->find(p.region_code);
        const auto* county = t->find(p.county_code);
        sheet.rows.push_back({mask_id(p.id_number), p.name, std::string(p.sex == "male" ? "男" : "女"), p.birth_date,
                              mask_phone(p.phone), label_of(kCategories, p.category), county ? county->name : "",
                              reg ? reg->name : "", p.region_code, p.return_date, p.start_date});
      }
      return table_download(sheet, format, "返乡创业人员");
    }, read);
  }

  r.get("/api/v1/entrepreneurs/{id}", [&svc, &regions, hidden_founders](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto p, svc.get_person(ctx.actor(), id));
    auto t = regions.tree();
    // The person's entities within the caller's region; others are only counted.
    Json entities = Json::array();
    int64_t entities_hidden = 0;
    auto own = svc.entities_of(id);
    auto hidden = hidden_founders(ctx, own);
    for (const auto& e : own) {
      if (regions.in_scope(ctx.user(), e.region_code)) entities.push_back(entity_json(e, *t, hidden));
      else ++entities_hidden;
    }
    Json j = person_json(p, *t, false, svc.today());
    j["entities"] = entities;
    j["entities_outside_scope"] = entities_hidden;
    // What the modules built after people hold on the person (activities, …), each in its field.
    for (const auto& section : svc.sections()) j[section.key] = section.read(ctx.actor(), p);
    j["history"] = history_json(svc.history("entrepreneur", id));
    j["can_reveal"] = Service::can_reveal(ctx.user().role);
    j["can_edit"] = Service::can_write(ctx.user().role);
    j["can_delete"] = auth::allows(ctx.user().role, auth::Permission::people_delete);
    return Response::json(j);
  }, read.reach("entrepreneur", person));

  r.post("/api/v1/entrepreneurs/{id}/reveal", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto p, svc.reveal_person(ctx.actor(), id));
    return Response::json({{"id_number", p.id_number}, {"phone", p.phone}});
  }, Access::to(auth::Permission::people_reveal).reach("entrepreneur", person));

  r.post("/api/v1/entrepreneurs", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, person_input(body));
    FG_TRY(auto p, svc.register_person(ctx.actor(), in));
    return Response::json(person_json(p, *regions.tree(), false, svc.today()), 201);
  }, write);

  r.put("/api/v1/entrepreneurs/{id}", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, person_input(body));
    FG_TRY(auto p, svc.update_person(ctx.actor(), id, in));
    return Response::json(person_json(p, *regions.tree(), false, svc.today()));
  }, write.reach("entrepreneur", person));

  r.del("/api/v1/entrepreneurs/{id}", http::delete_with_reason([&svc](const auth::Actor& a, int64_t id, const std::string& reason) {
    return svc.delete_person(a, id, reason);
  }), admin.reach("entrepreneur", person));

}

void entity_routes(http::Router& r, Service& svc, regions::Service& regions) {
  using http::Access;
  const Access read = Access::to(auth::Permission::people_read), write = Access::to(auth::Permission::people_write);
  const Access admin = Access::to(auth::Permission::people_delete);
  auto hidden_founders = founders_hidden_from(svc);
  auto entity = http::reach_by_id(
      [&svc](const auth::Actor& a, int64_t id) { return svc.get_entity(a, id); });
  r.get("/api/v1/market-entities", [&svc, &regions, hidden_founders](Context& ctx) -> Result<Response> {
    FG_TRY(auto q, entity_query(ctx.req, true));
    FG_TRY(auto page, svc.list_entities(ctx.actor(), q, ctx.req.q("region")));
    auto t = regions.tree();
    auto hidden = hidden_founders(ctx, page.items);
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& e) { return entity_json(e, *t, hidden); }));
  }, read);

  for (std::string format : {"xlsx", "csv"}) {
    r.get("/api/v1/market-entities/export." + format, [&svc, &regions, format](Context& ctx) -> Result<Response> {
      FG_TRY(auto q, entity_query(ctx.req, false));
      FG_TRY(auto page, svc.list_entities(ctx.actor(), q, ctx.req.q("region")));
      auto t = regions.tree();
      ledger::Sheet sheet{"市场主体",
                          {"统一社会信用代码", "名称", "主体类型", "所属县区", "所属区划", "区划代码", "登记日期",
                           "行业", "带动就业人数"},
                          {},
                          {22, 28, 14, 10, 12, 12, 12, 14, 10}};
      for (const auto& e : page.items) {
        const auto* reg = t->find(e.region_code);
        const auto* county = t->find(e.county_code);
        sheet.rows.push_back({e.credit_code, e.name, label_of(kEntityTypes, e.entity_type), county ? county->name : "",
                              reg ? reg->name : "", e.region_code, e.registered_date, e.industry, e.jobs});
      }
      return table_download(sheet, format, "市场主体");
    }, read);
  }

  r.get("/api/v1/market-entities/{id}", [&svc, &regions, hidden_founders](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto e, svc.get_entity(ctx.actor(), id));
    auto t = regions.tree();
    // Founders from outside the caller's region are left out, only counted (founders_outside_scope):
    // the entity is the county's, those people are not (issue 11 #13). An edit keeps them.
    auto hidden = hidden_founders(ctx, {e});
    Json j = entity_json(e, *t, hidden);
    Json founders = Json::array();
    for (const auto& p : svc.founders_of(id)) {
      if (!hidden.count(p.id)) founders.push_back(person_json(p, *t, false, svc.today()));
    }
    j["founders"] = founders;
    j["history"] = history_json(svc.history("market_entity", id));
    j["can_edit"] = Service::can_write(ctx.user().role);
    j["can_delete"] = auth::allows(ctx.user().role, auth::Permission::people_delete);
    return Response::json(j);
  }, read.reach("market_entity", entity));

  r.post("/api/v1/market-entities", [&svc, &regions, hidden_founders](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, entity_input(body));
    FG_TRY(auto e, svc.register_entity(ctx.actor(), in));
    return Response::json(entity_json(e, *regions.tree(), hidden_founders(ctx, {e})), 201);
  }, write);

  r.put("/api/v1/market-entities/{id}", [&svc, &regions, hidden_founders](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, entity_input(body));
    FG_TRY(auto e, svc.update_entity(ctx.actor(), id, in));
    return Response::json(entity_json(e, *regions.tree(), hidden_founders(ctx, {e})));
  }, write.reach("market_entity", entity));

  r.del("/api/v1/market-entities/{id}", http::delete_with_reason([&svc](const auth::Actor& a, int64_t id, const std::string& reason) {
    return svc.delete_entity(a, id, reason);
  }), admin.reach("market_entity", entity));
}
}  // namespace

void register_routes(http::Router& r, Service& svc, regions::Service& regions) {
  person_routes(r, svc, regions);
  entity_routes(r, svc, regions);
}

}  // namespace fg::people
