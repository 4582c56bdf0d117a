#include "people/ledger.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <cstring>
#include <deque>
#include <exception>
#include <iterator>
#include <map>
#include <thread>
#include <unordered_map>

#include "base/id_number.h"

#include "audit/store.h"
#include "base/date.h"
#include "base/text.h"
#include "ledger/xlsx_writer.h"
#include "people/ledger_rows.h"
#include "people/rules.h"
#include "people/service.h"
#include "people/store.h"

namespace fg::people {

namespace {
using ledger::RowError;

ledger::Schema make_entrepreneur_schema() {
  return {"entrepreneurs",
          {{"id_number", "身份证号", true},
           {"name", "姓名", true},
           {"region_code", "区划代码", true},
           {"category", "人员类别", true},
           {"start_date", "创业日期", true},
           {"phone", "联系电话", false},
           {"return_date", "返乡日期", false}}};
}

ledger::Schema make_entity_schema() {
  return {"market_entities",
          {{"credit_code", "统一社会信用代码", true},
           {"name", "名称", true},
           {"entity_type", "主体类型", true},
           {"region_code", "区划代码", true},
           {"registered_date", "登记日期", true},
           {"founder_id_number", "创办人身份证号", true},
           {"jobs", "带动就业人数", true},
           {"industry", "行业", false}}};
}

RowError row_error(int line, const Error& e) { return RowError{line, e.field, e.zh, e.en}; }

// Dates in ledgers come in several forms (and XLSX date cells arrive as ISO text); normalise
// them before the shared rules see them.
std::string date_text(std::string_view cell) {
  if (ledger::is_blank(cell)) return "";
  auto d = ledger::parse_date_cell(cell, "");
  return d ? d->iso() : std::string(trim(cell));
}

bool write_allowed(const auth::Actor& actor) {
  if (!actor.user) return actor.source == "cli";
  return Service::can_write(actor.user->role);
}

Error outside(const std::string& code) {
  return invalid_field("region_code", "区划 " + code + " 不在您的管辖范围内", "Region " + code + " is outside your region");
}

// Phase timings of large imports, in the log at debug level (FENGGUI_LOG=debug).
// CPU time too (all threads), which a machine shared with other work distorts far less.
struct Phases {
  std::chrono::steady_clock::time_point t = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  void mark(const char* what) {
    auto now = std::chrono::steady_clock::now();
    std::clock_t cpu_now = std::clock();
    spdlog::debug("import phase {}: {:.0f} ms ({:.0f} ms CPU)", what,
                  std::chrono::duration<double, std::milli>(now - t).count(),
                  1000.0 * static_cast<double>(cpu_now - cpu) / CLOCKS_PER_SEC);
    t = now;
    cpu = cpu_now;
  }
};

using detail::PersonRow;

// Indexes of `rows` sorted by ID number, ties in position order. The first 24 bytes of the number
// (ID numbers have 18) are packed big-endian into three integers; only longer numbers that agree
// on all of them fall back to comparing the strings.
std::vector<size_t> sorted_by_id_number(const std::vector<PersonRow>& rows) {
  struct Key {
    uint64_t k[3];
    uint32_t index;
  };
  std::vector<Key> keys(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string_view s = rows[i].id_number;
    unsigned char buf[24] = {};
    std::memcpy(buf, s.data(), std::min<size_t>(s.size(), sizeof buf));
    for (int w = 0; w < 3; ++w) {
      uint64_t v = 0;
      for (int b = 0; b < 8; ++b) v = v << 8 | buf[w * 8 + b];
      keys[i].k[w] = v;
    }
    keys[i].index = static_cast<uint32_t>(i);
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.k[0] != b.k[0]) return a.k[0] < b.k[0];
    if (a.k[1] != b.k[1]) return a.k[1] < b.k[1];
    if (a.k[2] != b.k[2]) return a.k[2] < b.k[2];
    if (int c = rows[a.index].id_number.compare(rows[b.index].id_number); c != 0) return c < 0;
    return a.index < b.index;
  });
  std::vector<size_t> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) out[i] = keys[i].index;
  return out;
}

bool same_person(const Entrepreneur& a, const Entrepreneur& b) {
  return a.name == b.name && a.phone == b.phone && a.category == b.category && a.region_code == b.region_code &&
         a.return_date == b.return_date && a.start_date == b.start_date;
}

bool same_entity(const MarketEntity& a, const MarketEntity& b) {
  auto fa = a.founder_ids, fb = b.founder_ids;
  std::sort(fa.begin(), fa.end());
  std::sort(fb.begin(), fb.end());
  return a.name == b.name && a.entity_type == b.entity_type && a.region_code == b.region_code &&
         a.registered_date == b.registered_date && a.industry == b.industry && a.jobs == b.jobs && fa == fb;
}

using ledger::finish_report;

void audit_import(db::Connection& c, const auth::Actor& actor, const ImportReport& rep, const std::string& filename) {
  audit::record(c, actor, "import", rep.kind, filename, actor.user ? actor.user->region_code : "", nullptr,
                {{"file", filename}, {"rows", rep.rows}, {"inserted", rep.inserted}, {"updated", rep.updated},
                 {"unchanged", rep.unchanged}, {"rejected", rep.rejected}});
}

Result<ImportReport> import_people(db::Database& db, regions::Service& regions, const auth::Actor& actor,
                                   const ledger::Table& t, const ledger::ColumnMap& cm, const std::string& filename,
                                   const ImportOptions& opt, const Clock& clock) {
  const auto& schema = entrepreneur_schema();
  ImportReport rep = ledger::start_report(schema, t, cm);
  auto tree = regions.tree();
  Date today = clock.today();
  std::string now = clock.now_iso();

  Phases phases;
  // Clean rows are checked on views of the cells (detail::fast_person); the others, and every
  // error, go through validate_person exactly as before.
  const std::string* scope = actor.user ? &actor.user->region_code : nullptr;
  const detail::RegionTable region_table(*tree, scope);
  const std::string today_iso = today.iso();
  // Validation is pure CPU work on independent rows: large files are split between two threads.
  // Each part writes its good rows into its own stretch of `good` (no second copy of a million rows).
  std::vector<PersonRow> good(t.rows.size());
  struct Part {
    size_t begin = 0, count = 0;          // its good rows: good[begin, begin + count)
    std::deque<Entrepreneur> normalised;  // rows the general rules rewrote; `good` views them
    std::vector<RowError> errors;
  };
  auto validate_range = [&](size_t begin, size_t end, Part& part) {
    part.begin = begin;
    PersonRow* out = good.data() + begin;
    for (size_t i = begin; i < end; ++i) {
      const auto& row = t.rows[i];
      PersonRow fast;
      if (detail::fast_person({cm.cell(row, 0), cm.cell(row, 1), cm.cell(row, 2), cm.cell(row, 3), cm.cell(row, 4),
                               cm.cell(row, 5), cm.cell(row, 6)},
                              region_table, today_iso, fast)) {
        fast.line = row.line;
        out[part.count++] = fast;
        continue;
      }
      EntrepreneurInput in{std::string(cm.cell(row, 0)), std::string(cm.cell(row, 1)), std::string(cm.cell(row, 5)),
                           std::string(cm.cell(row, 3)), std::string(trim(cm.cell(row, 2))),
                           date_text(cm.cell(row, 6)), date_text(cm.cell(row, 4))};
      auto p = validate_person(in, *tree, today);
      if (!p) {
        part.errors.push_back(row_error(row.line, p.error()));
        continue;
      }
      if (actor.user && !tree->within(p->region_code, actor.user->region_code)) {
        part.errors.push_back(row_error(row.line, outside(p->region_code)));
        continue;
      }
      part.normalised.push_back(std::move(*p));
      out[part.count++] = detail::row_of(part.normalised.back(), row.line);
    }
  };
  std::vector<Part> parts(t.rows.size() >= 20000 ? 2 : 1);
  {
    size_t half = parts.size() == 2 ? t.rows.size() / 2 : t.rows.size();
    std::exception_ptr failed;
    std::thread second;
    if (parts.size() == 2) {
      second = std::thread([&] {
        try {
          validate_range(half, t.rows.size(), parts[1]);
        } catch (...) {
          failed = std::current_exception();
        }
      });
    }
    try {
      validate_range(0, half, parts[0]);
    } catch (...) {
      if (second.joinable()) second.join();
      throw;
    }
    if (second.joinable()) second.join();
    if (failed) std::rethrow_exception(failed);
  }
  // `parts` stays alive to the end: the rows view its normalised entries.
  size_t kept = parts[0].count;
  rep.errors = std::move(parts[0].errors);
  for (size_t k = 1; k < parts.size(); ++k) {
    std::copy(good.begin() + static_cast<ptrdiff_t>(parts[k].begin),
              good.begin() + static_cast<ptrdiff_t>(parts[k].begin + parts[k].count),
              good.begin() + static_cast<ptrdiff_t>(kept));
    kept += parts[k].count;
    std::move(parts[k].errors.begin(), parts[k].errors.end(), std::back_inserter(rep.errors));
  }
  good.resize(kept);
  phases.mark("validate");
  // Rows in ID-number order (then file order): duplicates in the file are neighbours, and the
  // insert below wants this order anyway. Keys are the number's bytes packed into integers, so
  // the sort compares without chasing a pointer per string.
  std::vector<size_t> order = sorted_by_id_number(good);
  std::vector<char> dropped(good.size(), 0);
  for (size_t k = 0; k < order.size();) {
    size_t j = k + 1;
    while (j < order.size() && good[order[j]].id_number == good[order[k]].id_number) {
      size_t dup = order[j];
      rep.errors.push_back(RowError{good[dup].line, "id_number",
                                    "与第" + std::to_string(good[order[k]].line) + "行身份证号重复",
                                    "Same ID number as line " + std::to_string(good[order[k]].line)});
      dropped[dup] = 1;
      ++j;
    }
    k = j;
  }
  finish_report(rep, t, schema);
  phases.mark("duplicates");
  if (!rep.errors.empty() && !opt.skip_invalid) return rep;

  auto c = db.acquire();
  db::Transaction tx(*c);
  const int64_t before = store::count_people(*c);
  std::unordered_map<std::string, Entrepreneur> existing;
  if (before > 0) {  // an empty table has nothing to compare with
    std::vector<std::string> keys;
    keys.reserve(good.size());
    for (size_t i = 0; i < good.size(); ++i) {
      if (!dropped[i]) keys.emplace_back(good[i].id_number);
    }
    for (const auto& [id_number, region] : store::regions_by_id_number(*c, keys)) {
      existing.emplace(id_number, *store::find_person_by_id_number(*c, id_number));
    }
  }
  phases.mark("existing");
  std::vector<char> known(good.size(), 0);
  int64_t elsewhere = 0;  // rows of people registered outside the importer's region
  for (size_t i = 0; i < good.size() && !existing.empty(); ++i) {
    if (dropped[i]) continue;
    auto it = existing.find(std::string(good[i].id_number));
    if (it == existing.end()) continue;
    known[i] = 1;
    Entrepreneur p = detail::to_entrepreneur(good[i]);
    p.created_at = p.updated_at = now;
    const Entrepreneur& old = it->second;
    if (actor.user && !tree->within(old.region_code, actor.user->region_code)) {
      // Known elsewhere: a county may not move another county's person into its own ledger.
      rep.errors.push_back(RowError{good[i].line, "id_number", "身份证号 " + mask_id(p.id_number) + " 已在其他区划登记",
                                    "ID number " + mask_id(p.id_number) + " is registered in another region"});
      ++elsewhere;
      continue;
    }
    if (same_person(old, p)) {
      ++rep.unchanged;
      continue;
    }
    p.id = old.id;
    p.created_at = old.created_at;
    store::update_person(*c, p);
    audit::record(*c, actor, "import_update", "entrepreneur", std::to_string(p.id), p.region_code,
                  person_audit_json(old), person_audit_json(p));
    ++rep.updated;
  }
  // Those rows are rejected like any other: counted, in the rejects file, at their line.
  if (elsewhere > 0) finish_report(rep, t, schema);
  if (!opt.skip_invalid && elsewhere > 0) return rep;  // a cross-region row refuses the whole file
  // In key order the unique index grows at its end instead of at random places: much faster.
  std::vector<const PersonRow*> to_insert;
  to_insert.reserve(good.size());
  for (size_t i : order) {
    if (!dropped[i] && !known[i]) to_insert.push_back(&good[i]);
  }
  // A ledger that more than doubles a large table is loaded without its secondary indexes, which
  // are then rebuilt in the same transaction (readers keep seeing the old snapshot meanwhile).
  bool bulk = to_insert.size() >= 50000 && static_cast<int64_t>(to_insert.size()) >= before;
  phases.mark("sort");
  std::string totals_trigger;
  if (bulk) {
    store::drop_person_indexes(*c);
    totals_trigger = store::pause_people_totals(*c);
  }
  store::insert_person_rows(*c, to_insert, now);
  phases.mark("insert");
  if (bulk) {
    store::create_person_indexes(*c);
    // Hashed by content: a few hundred regions, a few hundred months, a million rows.
    std::unordered_map<std::string_view, std::unordered_map<std::string_view, int64_t>> counted;
    for (const PersonRow* p : to_insert) ++counted[p->region_code][p->start_date.substr(0, 7)];
    std::map<std::pair<std::string, std::string>, int64_t> totals;
    for (const auto& [region, months] : counted) {
      for (const auto& [month, n] : months) totals[{std::string(region), std::string(month)}] += n;
    }
    store::add_people_totals(*c, totals);
    store::resume_people_totals(*c, totals_trigger);
  }
  phases.mark("indexes");
  rep.inserted = static_cast<int64_t>(to_insert.size());
  audit_import(*c, actor, rep, filename);
  tx.commit();
  phases.mark("commit");
  rep.written = true;
  return rep;
}

Result<ImportReport> import_entities(db::Database& db, regions::Service& regions, const auth::Actor& actor,
                                     const ledger::Table& t, const ledger::ColumnMap& cm, const std::string& filename,
                                     const ImportOptions& opt, const Clock& clock) {
  const auto& schema = entity_schema();
  ImportReport rep = ledger::start_report(schema, t, cm);
  auto tree = regions.tree();
  Date today = clock.today();
  std::string now = clock.now_iso();
  auto c = db.acquire();
  Phases phases;

  // Each row checked on its own first; the founders then looked up all at once (one query per 500
  // ID numbers, not one per row), then the rows sharing a credit code merged in file order.
  struct Checked {
    MarketEntity entity;
    std::string founder;  // the founder's normalised ID number
    int line;
  };
  std::vector<Checked> checked;
  checked.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    EntityInput in{std::string(cm.cell(row, 0)), std::string(cm.cell(row, 1)), std::string(cm.cell(row, 2)),
                   std::string(trim(cm.cell(row, 3))), date_text(cm.cell(row, 4)), std::string(cm.cell(row, 7)),
                   std::string(cm.cell(row, 6)), {std::string(cm.cell(row, 5))}};
    // Ledgers may write jobs as "12" or "1,200" or "12.00".
    if (!ledger::is_blank(cm.cell(row, 6))) {
      if (auto n = ledger::parse_nonneg_int(cm.cell(row, 6), "jobs")) in.jobs = std::to_string(*n);
    }
    auto e = validate_entity(in, *tree, today);
    if (!e) {
      rep.errors.push_back(row_error(row.line, e.error()));
      continue;
    }
    if (actor.user && !tree->within(e->region_code, actor.user->region_code)) {
      rep.errors.push_back(row_error(row.line, outside(e->region_code)));
      continue;
    }
    auto idn = IdNumber::parse(in.founder_id_numbers[0], today);
    if (!idn) {
      Error err = idn.error();
      err.field = "founder_id_number";
      rep.errors.push_back(row_error(row.line, err));
      continue;
    }
    checked.push_back({std::move(*e), idn->str(), row.line});
  }
  std::unordered_map<std::string, store::PersonRef> founders;
  {
    std::vector<std::string> keys;
    keys.reserve(checked.size());
    for (const auto& r : checked) keys.push_back(r.founder);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    founders = store::people_by_id_number(*c, keys);
  }
  // Several rows may share a credit code, one per founder (a flat ledger's way to list founders).
  std::vector<MarketEntity> good;
  good.reserve(checked.size());
  std::unordered_map<std::string, size_t> by_code;
  std::vector<int> first_line;
  for (auto& [entity, founder, line] : checked) {
    auto pit = founders.find(founder);
    if (pit == founders.end() || (actor.user && !tree->within(pit->second.region_code, actor.user->region_code))) {
      std::string masked = mask_id(founder);
      rep.errors.push_back(RowError{line, "founder_id_number", "创办人（" + masked + "）尚未登记，请先导入人员台账",
                                    "Founder " + masked + " is not registered; import the people first"});
      continue;
    }
    const int64_t founder_id = pit->second.id;
    auto [it, fresh] = by_code.emplace(entity.credit_code, good.size());
    if (fresh) {
      entity.founder_ids = {founder_id};
      entity.created_at = entity.updated_at = now;
      good.push_back(std::move(entity));
      first_line.push_back(line);
      continue;
    }
    MarketEntity& prev = good[it->second];
    entity.founder_ids = prev.founder_ids;
    if (!same_entity(prev, entity)) {
      rep.errors.push_back(RowError{line, "credit_code",
                                    "与第" + std::to_string(first_line[it->second]) + "行信用代码相同但内容不同",
                                    "Same credit code as line " + std::to_string(first_line[it->second]) +
                                        " with different details"});
      continue;
    }
    if (std::find(prev.founder_ids.begin(), prev.founder_ids.end(), founder_id) == prev.founder_ids.end()) {
      prev.founder_ids.push_back(founder_id);
    }
  }
  phases.mark("validate");
  finish_report(rep, t, schema);
  if (!rep.errors.empty() && !opt.skip_invalid) return rep;

  db::Transaction tx(*c);
  std::unordered_map<std::string, MarketEntity> existing;
  {
    std::vector<std::string> codes;
    codes.reserve(good.size());
    for (const auto& e : good) codes.push_back(e.credit_code);
    existing = store::entities_by_code(*c, codes);
  }
  phases.mark("existing");
  std::vector<MarketEntity*> to_insert;
  to_insert.reserve(good.size());
  int64_t elsewhere = 0;  // entities registered outside the importer's region
  for (size_t i = 0; i < good.size(); ++i) {
    MarketEntity& e = good[i];
    auto found = existing.find(e.credit_code);
    if (found == existing.end()) {
      to_insert.push_back(&e);
      continue;
    }
    const MarketEntity* old = &found->second;
    if (actor.user && !tree->within(old->region_code, actor.user->region_code)) {
      rep.errors.push_back(RowError{first_line[i], "credit_code", "信用代码 " + e.credit_code + " 已在其他区划登记",
                                    "Credit code " + e.credit_code + " is registered in another region"});
      ++elsewhere;
      continue;
    }
    if (same_entity(*old, e)) {
      ++rep.unchanged;
      continue;
    }
    e.id = old->id;
    e.created_at = old->created_at;
    store::update_entity(*c, e);
    audit::record(*c, actor, "import_update", "market_entity", std::to_string(e.id), e.region_code,
                  entity_audit_json(*old), entity_audit_json(e));
    ++rep.updated;
  }
  if (elsewhere == 0 || opt.skip_invalid) {
    store::insert_entities(*c, to_insert);
    rep.inserted = static_cast<int64_t>(to_insert.size());
  }
  phases.mark("insert");
  if (elsewhere > 0) finish_report(rep, t, schema);
  if (!opt.skip_invalid && elsewhere > 0) return rep;
  audit_import(*c, actor, rep, filename);
  tx.commit();
  rep.written = true;
  return rep;
}
}  // namespace

const ledger::Schema& entrepreneur_schema() {
  static const ledger::Schema s = make_entrepreneur_schema();
  return s;
}
const ledger::Schema& entity_schema() {
  static const ledger::Schema s = make_entity_schema();
  return s;
}
const ledger::Schema* schema_for(const std::string& kind) {
  if (kind == "entrepreneurs") return &entrepreneur_schema();
  if (kind == "market_entities") return &entity_schema();
  return nullptr;
}

Result<ImportReport> import_table(db::Database& db, regions::Service& regions, const auth::Actor& actor,
                                  const std::string& kind, const ledger::Table& table, const std::string& filename,
                                  const ImportOptions& options, const Clock& clock) {
  const ledger::Schema* schema = schema_for(kind);
  if (!schema) {
    return make_error(ErrorKind::not_found, "unknown_kind", "kind", "不支持的台账类型：" + kind.substr(0, 40),
                      "Unknown ledger kind: " + kind.substr(0, 40));
  }
  if (!write_allowed(actor)) {
    return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权导入台账", "Your role may not import ledgers");
  }
  auto cm = ledger::map_header(*schema, table.header);
  if (!cm) return cm.error();
  if (kind == "entrepreneurs") return import_people(db, regions, actor, table, *cm, filename, options, clock);
  return import_entities(db, regions, actor, table, *cm, filename, options, clock);
}

}  // namespace fg::people
