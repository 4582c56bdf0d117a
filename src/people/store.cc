#include "people/store.h"

#include "db/bulk.h"
#include "db/columns.h"
#include "people/ledger_rows.h"

#include <algorithm>
#include <span>

namespace fg::people::store {

namespace {

const db::Columns<Entrepreneur> kPerson{
    {"id", &Entrepreneur::id}, {"id_number", &Entrepreneur::id_number}, {"name", &Entrepreneur::name},
    {"sex", &Entrepreneur::sex}, {"birth_date", &Entrepreneur::birth_date}, {"phone", &Entrepreneur::phone},
    {"category", &Entrepreneur::category}, {"region_code", &Entrepreneur::region_code},
    {"county_code", &Entrepreneur::county_code}, {"return_date", &Entrepreneur::return_date},
    {"start_date", &Entrepreneur::start_date}, {"created_at", &Entrepreneur::created_at},
    {"updated_at", &Entrepreneur::updated_at}};

const db::Columns<MarketEntity> kEntity{
    {"id", &MarketEntity::id}, {"credit_code", &MarketEntity::credit_code}, {"name", &MarketEntity::name},
    {"entity_type", &MarketEntity::entity_type}, {"region_code", &MarketEntity::region_code},
    {"county_code", &MarketEntity::county_code}, {"registered_date", &MarketEntity::registered_date},
    {"industry", &MarketEntity::industry}, {"jobs", &MarketEntity::jobs},
    {"created_at", &MarketEntity::created_at}, {"updated_at", &MarketEntity::updated_at}};

db::Param opt(const std::string& s) { return s.empty() ? db::Param(nullptr) : db::Param(s); }

using db::each_in_chunks;

// Rows inserted per statement: fewer round trips, well under both engines' parameter limits.
constexpr size_t kPersonBatch = 50;

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'X' || c == 'x'; });
}
}  // namespace

std::optional<Entrepreneur> find_person(db::Connection& c, int64_t id) {
  return kPerson.one(c, "FROM entrepreneurs WHERE id = ?", {id});
}

std::optional<Entrepreneur> find_person_by_id_number(db::Connection& c, const std::string& id_number) {
  return kPerson.one(c, "FROM entrepreneurs WHERE id_number = ?", {id_number});
}

int64_t insert_person(db::Connection& c, const Entrepreneur& p) {
  return c.query_one(
              "INSERT INTO entrepreneurs (id_number, id_tail, name, sex, birth_date, phone, category, region_code, "
              "county_code, return_date, start_date, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {p.id_number, p.id_number.substr(p.id_number.size() - 4), p.name, p.sex, p.birth_date, opt(p.phone),
               p.category, p.region_code, p.county_code, opt(p.return_date), p.start_date, p.created_at, p.updated_at})
      ->i64(0);
}

void update_person(db::Connection& c, const Entrepreneur& p) {
  c.execute("UPDATE entrepreneurs SET name = ?, phone = ?, category = ?, region_code = ?, county_code = ?, "
            "return_date = ?, start_date = ?, updated_at = ? WHERE id = ?",
            {p.name, opt(p.phone), p.category, p.region_code, p.county_code, opt(p.return_date), p.start_date,
             p.updated_at, p.id});
}

void delete_person(db::Connection& c, int64_t id) {
  c.execute("DELETE FROM entity_founders WHERE entrepreneur_id = ?", {id});
  c.execute("DELETE FROM entrepreneurs WHERE id = ?", {id});
}

std::vector<Entrepreneur> list_people(db::Connection& c, const PersonQuery& q, int64_t* total) {
  auto f = db::Filter().any_of("region_code", q.region_codes);
  if (!q.q.empty()) {
    std::string text = q.q;
    for (auto& ch : text) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (q.q.size() == 18 && all_digits(q.q)) {
      f.where("id_number = ?", {text});
    } else if (q.q.size() >= 4 && q.q.size() <= 6 && all_digits(q.q)) {
      // The last digits of an ID number, as clerks read them off a card: the indexed last four,
      // then the rest of what was typed.
      f.where("id_tail = ?", {text.substr(text.size() - 4)});
      if (text.size() > 4) f.where("id_number LIKE ?", {"%" + text});
    } else if (c.dialect() == db::Dialect::sqlite) {
      // A name prefix as a range, so SQLite can use the index (its LIKE is case-folding and cannot).
      f.where("name >= ? AND name < ?", {q.q, q.q + "\xF4\x8F\xBF\xBF"});
    } else {
      f.where("name LIKE ?", {q.q + "%"});
    }
  }
  if (!q.category.empty()) {
    f.equals("category", q.category);
  } else if (!q.start_from.empty() || !q.start_to.empty()) {
    // No index of its own for start_date (each index costs every million-row import): every
    // category listed lets the (category, start_date) index serve the range as five ranges.
    f.where("category IN ('migrant_worker', 'graduate', 'veteran', 'returnee_talent', 'other')");
  }
  f.between("start_date", q.start_from, q.start_to);
  return kPerson.page(c, "entrepreneurs", f, db::order_by(q.sort, kPersonSorts, "id DESC"), q.page, q.page_size,
                      total);
}

std::optional<PersonRef> find_person_ref(db::Connection& c, const std::string& id_number) {
  auto r = c.query_one("SELECT id, name, region_code FROM entrepreneurs WHERE id_number = ?", {id_number});
  if (!r) return std::nullopt;
  return PersonRef{r->i64(0), r->str(1), r->str(2)};
}

std::unordered_map<std::string, std::string> regions_by_id_number(db::Connection& c,
                                                                  const std::vector<std::string>& id_numbers) {
  std::unordered_map<std::string, std::string> out;
  each_in_chunks(c, "SELECT id_number, region_code FROM entrepreneurs WHERE id_number", id_numbers,
                 [&](const db::Row& r) { out.emplace(r.str(0), r.str(1)); });
  return out;
}

std::vector<std::pair<int64_t, std::string>> regions_by_person_id(db::Connection& c, const std::vector<int64_t>& ids) {
  std::vector<std::pair<int64_t, std::string>> out;
  each_in_chunks(c, "SELECT id, region_code FROM entrepreneurs WHERE id", ids,
                 [&](const db::Row& r) { out.emplace_back(r.i64(0), r.str(1)); });
  return out;
}

void insert_person_rows(db::Connection& c, const std::vector<const detail::PersonRow*>& rows, const std::string& now) {
  static const std::string head =
      "INSERT INTO entrepreneurs (id_number, id_tail, name, sex, birth_date, phone, category, region_code, "
      "county_code, return_date, start_date, created_at, updated_at) VALUES ";
  std::string full_sql;
  db::Params p;
  for (size_t i = 0; i < rows.size(); i += kPersonBatch) {
    size_t n = std::min(kPersonBatch, rows.size() - i);
    std::string partial_sql;
    if (n == kPersonBatch && full_sql.empty()) {
      full_sql = head;
      for (size_t k = 0; k < n; ++k) full_sql += k ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }
    if (n != kPersonBatch) {
      partial_sql = head;
      for (size_t k = 0; k < n; ++k) partial_sql += k ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }
    p.clear();
    p.reserve(n * 13);
    for (size_t k = 0; k < n; ++k) {
      const detail::PersonRow& e = *rows[i + k];
      using db::Param;
      p.push_back(Param::borrow(e.id_number));
      p.push_back(Param::borrow(e.id_number.substr(e.id_number.size() - 4)));
      p.push_back(Param::borrow(e.name));
      p.push_back(Param::borrow(e.sex));
      p.push_back(Param::borrow(e.birth_date()));
      p.push_back(e.phone.empty() ? Param(nullptr) : Param::borrow(e.phone));
      p.push_back(Param::borrow(e.category));
      p.push_back(Param::borrow(e.region_code));
      p.push_back(Param::borrow(e.county_code));
      p.push_back(e.return_date.empty() ? Param(nullptr) : Param::borrow(e.return_date));
      p.push_back(Param::borrow(e.start_date));
      p.push_back(Param::borrow(now));
      p.push_back(Param::borrow(now));
    }
    c.execute(n == kPersonBatch ? full_sql : partial_sql, p);
  }
}

namespace {
const std::vector<std::pair<const char*, const char*>>& person_indexes() {
  static const std::vector<std::pair<const char*, const char*>> list = {
      {"entrepreneurs_region", "CREATE INDEX entrepreneurs_region ON entrepreneurs (region_code, start_date)"},
      {"entrepreneurs_name", "CREATE INDEX entrepreneurs_name ON entrepreneurs (name)"},
      {"entrepreneurs_tail", "CREATE INDEX entrepreneurs_tail ON entrepreneurs (id_tail)"},
      {"entrepreneurs_category", "CREATE INDEX entrepreneurs_category ON entrepreneurs (category, start_date)"}};
  return list;
}
}  // namespace

void drop_person_indexes(db::Connection& c) {
  for (const auto& [name, ddl] : person_indexes()) c.exec_script(std::string("DROP INDEX IF EXISTS ") + name);
}

void create_person_indexes(db::Connection& c) {
  if (c.dialect() != db::Dialect::sqlite) {
    for (const auto& [name, ddl] : person_indexes()) c.exec_script(ddl);
    return;
  }
  // With temp_store=MEMORY SQLite sorts each index's keys as one in-memory list: at 10^6 rows a
  // linked-list merge sort that misses the CPU cache at every step. With temp files the sorter
  // sorts runs of cache_size bytes (2 MiB: they fit the CPU cache) on a helper thread while the
  // table is scanned, then merges them from files (the OS's page cache; nothing is synced).
  // 10^6 rows, four indexes: ≈ 5.7 s → ≈ 3.3 s of CPU, ≈ 2.7 s wall with the helper thread when
  // the second core is free (docs/performance.md). These settings belong to this connection and
  // are put back.
  const int64_t cache = c.query_i64("PRAGMA cache_size");
  const int64_t temp = c.query_i64("PRAGMA temp_store");
  const int64_t threads = c.query_i64("PRAGMA threads");
  bool tuned = true;
  try {
    c.exec_script("PRAGMA temp_store=FILE; PRAGMA cache_size=-2048; PRAGMA threads=1");
  } catch (const db::DbError&) {
    tuned = false;  // e.g. temp tables in use on this connection: keep the in-memory sort
  }
  auto restore = [&] {
    if (!tuned) return;
    c.exec_script("PRAGMA cache_size=" + std::to_string(cache) + "; PRAGMA temp_store=" + std::to_string(temp) +
                  "; PRAGMA threads=" + std::to_string(threads));
  };
  try {
    for (const auto& [name, ddl] : person_indexes()) c.exec_script(ddl);
  } catch (...) {
    restore();
    throw;
  }
  restore();
}

int64_t count_people(db::Connection& c) { return c.query_i64("SELECT COUNT(*) FROM entrepreneurs"); }

std::string pause_people_totals(db::Connection& c) {
  if (c.dialect() == db::Dialect::sqlite) {
    auto r = c.query_one("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'report_people_ins'");
    if (!r) return "";
    c.exec_script("DROP TRIGGER report_people_ins");
    return r->str(0);
  }
  if (!c.query_one("SELECT 1 FROM pg_trigger WHERE tgname = 'report_people'")) return "";
  c.exec_script("ALTER TABLE entrepreneurs DISABLE TRIGGER report_people");
  return "ALTER TABLE entrepreneurs ENABLE TRIGGER report_people";
}

void resume_people_totals(db::Connection& c, const std::string& token) {
  if (!token.empty()) c.exec_script(token);
}

void add_people_totals(db::Connection& c, const std::map<std::pair<std::string, std::string>, int64_t>& totals) {
  for (const auto& [key, n] : totals) {
    c.execute("INSERT INTO report_people_months (region_code, month, people) VALUES (?, ?, ?) "
              "ON CONFLICT (region_code, month) DO UPDATE SET people = report_people_months.people + excluded.people",
              {key.first, key.second, n});
  }
}

std::optional<MarketEntity> find_entity(db::Connection& c, int64_t id) {
  auto e = kEntity.one(c, "FROM market_entities WHERE id = ?", {id});
  if (!e) return std::nullopt;
  for (const auto& f : c.query("SELECT entrepreneur_id FROM entity_founders WHERE entity_id = ? ORDER BY entrepreneur_id", {id})) {
    e->founder_ids.push_back(f.i64(0));
  }
  return e;
}

std::optional<MarketEntity> find_entity_by_code(db::Connection& c, const std::string& credit_code) {
  auto r = c.query_one("SELECT id FROM market_entities WHERE credit_code = ?", {credit_code});
  if (!r) return std::nullopt;
  return find_entity(c, r->i64(0));
}

std::optional<std::string> entity_region(db::Connection& c, const std::string& credit_code) {
  auto r = c.query_one("SELECT region_code FROM market_entities WHERE credit_code = ?", {credit_code});
  if (!r) return std::nullopt;
  return r->str(0);
}

int64_t insert_entity(db::Connection& c, const MarketEntity& e) {
  int64_t id = c.query_one(
                    "INSERT INTO market_entities (credit_code, name, entity_type, region_code, county_code, "
                    "registered_date, industry, jobs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "RETURNING id",
                    {e.credit_code, e.name, e.entity_type, e.region_code, e.county_code, e.registered_date,
                     opt(e.industry), e.jobs, e.created_at, e.updated_at})
                   ->i64(0);
  for (int64_t f : e.founder_ids) {
    c.execute("INSERT INTO entity_founders (entity_id, entrepreneur_id) VALUES (?, ?)", {id, f});
  }
  return id;
}

std::unordered_map<std::string, PersonRef> people_by_id_number(db::Connection& c,
                                                              const std::vector<std::string>& id_numbers) {
  std::unordered_map<std::string, PersonRef> out;
  each_in_chunks(c, "SELECT id_number, id, name, region_code FROM entrepreneurs WHERE id_number", id_numbers,
                 [&](const db::Row& r) { out.emplace(r.str(0), PersonRef{r.i64(1), r.str(2), r.str(3)}); });
  return out;
}

std::unordered_map<std::string, MarketEntity> entities_by_code(db::Connection& c,
                                                               const std::vector<std::string>& credit_codes) {
  std::unordered_map<std::string, MarketEntity> out;
  std::unordered_map<int64_t, MarketEntity*> by_id;
  each_in_chunks(c, "SELECT " + kEntity.list() + " FROM market_entities WHERE credit_code", credit_codes,
                 [&](const db::Row& r) {
                   MarketEntity e = kEntity.read(r);
                   std::string code = e.credit_code;
                   by_id[e.id] = &out.emplace(std::move(code), std::move(e)).first->second;
                 });
  std::vector<int64_t> ids;
  ids.reserve(by_id.size());
  for (const auto& [id, e] : by_id) ids.push_back(id);
  each_in_chunks(c, "SELECT entity_id, entrepreneur_id FROM entity_founders WHERE entity_id", ids,
                 [&](const db::Row& r) { by_id[r.i64(0)]->founder_ids.push_back(r.i64(1)); });
  for (auto& [id, e] : by_id) std::sort(e->founder_ids.begin(), e->founder_ids.end());
  return out;
}

void insert_entities(db::Connection& c, const std::vector<MarketEntity*>& entities) {
  db::BulkInsert rows(c, "INSERT INTO market_entities (credit_code, name, entity_type, region_code, county_code, "
                         "registered_date, industry, jobs, created_at, updated_at)", 10);
  std::vector<std::string> codes;
  codes.reserve(entities.size());
  std::unordered_map<std::string_view, MarketEntity*> by_code;
  for (MarketEntity* e : entities) {
    rows.add({db::Param::borrow(e->credit_code), db::Param::borrow(e->name), db::Param::borrow(e->entity_type),
              db::Param::borrow(e->region_code), db::Param::borrow(e->county_code),
              db::Param::borrow(e->registered_date), opt(e->industry), e->jobs, db::Param::borrow(e->created_at),
              db::Param::borrow(e->updated_at)});
    codes.push_back(e->credit_code);
    by_code.emplace(e->credit_code, e);
  }
  rows.finish();
  each_in_chunks(c, "SELECT credit_code, id FROM market_entities WHERE credit_code", codes,
                 [&](const db::Row& r) { by_code.at(r.str(0))->id = r.i64(1); });
  db::BulkInsert founders(c, "INSERT INTO entity_founders (entity_id, entrepreneur_id)", 2, 200);
  for (const MarketEntity* e : entities) {
    for (int64_t f : e->founder_ids) founders.add({e->id, f});
  }
  founders.finish();
}

void update_entity(db::Connection& c, const MarketEntity& e) {
  c.execute("UPDATE market_entities SET name = ?, entity_type = ?, region_code = ?, county_code = ?, "
            "registered_date = ?, industry = ?, jobs = ?, updated_at = ? WHERE id = ?",
            {e.name, e.entity_type, e.region_code, e.county_code, e.registered_date, opt(e.industry), e.jobs,
             e.updated_at, e.id});
  c.execute("DELETE FROM entity_founders WHERE entity_id = ?", {e.id});
  for (int64_t f : e.founder_ids) {
    c.execute("INSERT INTO entity_founders (entity_id, entrepreneur_id) VALUES (?, ?)", {e.id, f});
  }
}

void delete_entity(db::Connection& c, int64_t id) {
  c.execute("DELETE FROM entity_founders WHERE entity_id = ?", {id});
  c.execute("DELETE FROM market_entities WHERE id = ?", {id});
}

std::vector<MarketEntity> list_entities(db::Connection& c, const EntityQuery& q, int64_t* total) {
  auto f = db::Filter().any_of("region_code", q.region_codes);
  if (q.q.size() == 18) {
    f.equals("credit_code", q.q);
  } else if (!q.q.empty()) {
    f.where("name LIKE ?", {"%" + q.q + "%"});
  }
  f.equals("entity_type", q.entity_type).between("registered_date", q.registered_from, q.registered_to);
  return kEntity.page(c, "market_entities", f, db::order_by(q.sort, kEntitySorts, "id DESC"), q.page, q.page_size,
                      total);
}

std::vector<MarketEntity> entities_of_person(db::Connection& c, int64_t person_id) {
  std::vector<MarketEntity> out;
  for (const auto& r : c.query("SELECT entity_id FROM entity_founders WHERE entrepreneur_id = ? ORDER BY entity_id",
                               {person_id})) {
    if (auto e = find_entity(c, r.i64(0))) out.push_back(*e);
  }
  return out;
}

std::vector<Entrepreneur> founders_of(db::Connection& c, int64_t entity_id) {
  return kPerson.all(c,
                     "FROM entrepreneurs WHERE id IN (SELECT entrepreneur_id FROM entity_founders "
                     "WHERE entity_id = ?) ORDER BY id",
                     {entity_id});
}

}  // namespace fg::people::store
