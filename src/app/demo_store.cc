#include "app/demo_store.h"

namespace fg::app::demo_store {

namespace {
// The INSERT head and column count of each Batch::Table, in the enum's order.
struct TableSql {
  const char* head;
  int cols;
};
constexpr TableSql kTables[] = {
    {"INSERT INTO entrepreneurs (id_number, id_tail, name, sex, birth_date, phone, category, region_code, "
     "county_code, return_date, start_date, created_at, updated_at)", 13},
    {"INSERT INTO market_entities (credit_code, name, entity_type, region_code, county_code, "
     "registered_date, industry, jobs, created_at, updated_at)", 10},
    {"INSERT INTO entity_founders (entity_id, entrepreneur_id)", 2},
    {"INSERT INTO activities (indicator, id_number, name, region_code, county_code, date, detail, course, "
     "mode, hours, mentor, topic, support_kind, created_at)", 14},
    {"INSERT INTO loans (loan_no, id_number, name, region_code, county_code, borrower_type, amount_fen, "
     "disbursed_date, term_months, bank, credit_village, policy_doc_no, created_at)", 13},
};
const TableSql& table_sql(Batch::Table t) { return kTables[static_cast<size_t>(t)]; }

std::map<std::string, int64_t> key_ids(db::Connection& c, const char* sql) {
  std::map<std::string, int64_t> out;
  for (const auto& r : c.query(sql)) out[r.str(0)] = r.i64(1);
  return out;
}
}  // namespace

Batch::Batch(db::Connection& c, Table table) : c_(c), head_(table_sql(table).head), cols_(table_sql(table).cols) {}

void Batch::add(db::Params row) {
  for (auto& p : row) params_.push_back(std::move(p));
  if (++rows_ == 100) flush();
}

void Batch::flush() {
  if (!rows_) return;
  std::string tuple = "(";
  for (int i = 0; i < cols_; ++i) tuple += i ? ",?" : "?";
  tuple += ")";
  std::string sql = head_;
  for (int i = 0; i < rows_; ++i) sql += (i ? "," : " VALUES ") + tuple;
  c_.execute(sql, params_);
  params_.clear();
  rows_ = 0;
}

std::map<std::string, int64_t> person_ids(db::Connection& c) {
  return key_ids(c, "SELECT id_number, id, start_date FROM entrepreneurs");
}

std::map<std::string, int64_t> entity_ids(db::Connection& c) {
  return key_ids(c, "SELECT credit_code, id FROM market_entities");
}

int64_t city_enterprises(db::Connection& c) {
  return c.query_i64("SELECT COUNT(*) FROM market_entities WHERE entity_type = 'enterprise' AND county_code <> '410526'");
}

void promote_to_enterprises(db::Connection& c, int64_t n) {
  c.execute("UPDATE market_entities SET entity_type = 'enterprise' WHERE id IN (SELECT id FROM market_entities "
            "WHERE entity_type <> 'enterprise' AND county_code <> '410526' ORDER BY id LIMIT ?)",
            {n});
}

std::vector<std::pair<std::string, std::string>> loan_candidates(db::Connection& c, const std::string& born_after,
                                                                 const std::string& born_before, int limit) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query("SELECT id_number, id FROM entrepreneurs WHERE region_code = '410581107' AND "
                               "birth_date > ? AND birth_date < ? AND id_number NOT IN (SELECT id_number FROM loans) "
                               "ORDER BY id LIMIT ?",
                               {born_after, born_before, limit})) {
    out.emplace_back(r.str(0), r.str(1));
  }
  return out;
}

int64_t count_competitions(db::Connection& c) { return c.query_i64("SELECT COUNT(*) FROM competitions"); }

std::optional<ContestCandidate> contest_candidate(db::Connection& c, const std::string& name_end, const std::string& from,
                                                  const std::string& to, const std::vector<std::string>& used) {
  db::Params params{"%" + name_end, from, to};
  std::string not_in;
  for (const auto& code : used) {
    not_in += not_in.empty() ? " AND m.credit_code NOT IN (?" : ",?";
    params.emplace_back(code);
  }
  if (!not_in.empty()) not_in += ")";
  auto r = c.query_one("SELECT e.id_number, e.name, COALESCE(e.phone, ''), m.name, m.credit_code, m.registered_date, "
                       "m.region_code FROM market_entities m JOIN entity_founders f ON f.entity_id = m.id "
                       "JOIN entrepreneurs e ON e.id = f.entrepreneur_id WHERE m.name LIKE ? "
                       "AND m.registered_date >= ? AND m.registered_date <= ? "
                       "AND m.county_code IN ('410581', '410523') AND m.region_code <> m.county_code" +
                           not_in + " ORDER BY m.id LIMIT 1",
                       params);
  if (!r) return std::nullopt;
  return ContestCandidate{r->str(0), r->str(1), r->str(2), r->str(3), r->str(4), r->str(5), r->str(6)};
}

}  // namespace fg::app::demo_store
