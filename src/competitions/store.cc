#include "competitions/store.h"

#include "db/columns.h"

#include "base/text.h"

namespace fg::competitions::store {
namespace {

db::Param opt(const std::string& s) { return s.empty() ? db::Param(nullptr) : db::Param(s); }


const db::Columns<Competition> kCompetition{
    {"id", &Competition::id}, {"name", &Competition::name}, {"year", &Competition::year},
    {"phase", &Competition::phase}, {"registration_deadline", &Competition::registration_deadline},
    {"provincial_quota", &Competition::provincial_quota}, {"normalise", &Competition::normalise},
    {"published_at", &Competition::published_at}, {"created_at", &Competition::created_at},
    {"updated_at", &Competition::updated_at}};

void load_parts(db::Connection& c, Competition& k) {
  for (const auto& r : c.query("SELECT id, group_key, name, rule, years, roadshow_slots, first_prizes, second_prizes, "
                               "third_prizes FROM competition_groups WHERE competition_id = ? ORDER BY position",
                               {k.id})) {
    k.groups.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), static_cast<int>(r.i64(4)),
                        static_cast<int>(r.i64(5)), static_cast<int>(r.i64(6)), static_cast<int>(r.i64(7)),
                        static_cast<int>(r.i64(8))});
  }
  for (const auto& r : c.query("SELECT id, kind, name, deadline, experts_per_entry, load_cap FROM competition_stages "
                               "WHERE competition_id = ? ORDER BY CASE kind WHEN 'online' THEN 0 ELSE 1 END",
                               {k.id})) {
    Stage s{r.i64(0), r.str(1), r.str(2), r.str(3), static_cast<int>(r.i64(4)), static_cast<int>(r.i64(5)), {}};
    for (const auto& q : c.query("SELECT id, name, weight, max_score FROM competition_criteria WHERE stage_id = ? "
                                 "ORDER BY position",
                                 {s.id})) {
      s.criteria.push_back({q.i64(0), q.str(1), static_cast<int>(q.i64(2)), static_cast<int>(q.i64(3))});
    }
    k.stages.push_back(std::move(s));
  }
}

void insert_parts(db::Connection& c, const Competition& k) {
  int pos = 0;
  for (const auto& g : k.groups) {
    c.execute("INSERT INTO competition_groups (competition_id, group_key, name, rule, years, roadshow_slots, "
              "first_prizes, second_prizes, third_prizes, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {k.id, g.key, g.name, g.rule, g.years, g.roadshow_slots, g.first_prizes, g.second_prizes,
               g.third_prizes, pos++});
  }
  for (const auto& s : k.stages) {
    int64_t sid = c.query_one("INSERT INTO competition_stages (competition_id, kind, name, deadline, "
                              "experts_per_entry, load_cap) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                              {k.id, s.kind, s.name, s.deadline, s.experts_per_entry, s.load_cap})
                      ->i64(0);
    int p = 0;
    for (const auto& q : s.criteria) {
      c.execute("INSERT INTO competition_criteria (stage_id, name, weight, max_score, position) VALUES (?, ?, ?, ?, ?)",
                {sid, q.name, q.weight, q.max_score, p++});
    }
  }
}


const db::Columns<Entry> kEntry{
    {"e.id", &Entry::id}, {"e.competition_id", &Entry::competition_id},
    {"e.owner_user_id", &Entry::owner_user_id}, {"e.group_key", &Entry::group_key},
    {"e.project", &Entry::project}, {"e.summary", &Entry::summary}, {"e.team", &Entry::team},
    {"e.leader_name", &Entry::leader_name}, {"e.leader_id_number", &Entry::leader_id_number},
    {"e.phone", &Entry::phone}, {"e.entity_name", &Entry::entity_name}, {"e.credit_code", &Entry::credit_code},
    {"e.registered_date", &Entry::registered_date}, {"e.region_code", &Entry::region_code},
    {"e.county_code", &Entry::county_code}, {"e.status", &Entry::status},
    {"e.return_reason", &Entry::return_reason}, {"e.reviewed_by", &Entry::reviewed_by},
    {"e.reviewed_at", &Entry::reviewed_at}, {"e.roadshow", &Entry::roadshow},
    {"e.online_score_centi", &Entry::online_score_centi},
    {"e.roadshow_score_centi", &Entry::roadshow_score_centi}, {"e.online_rank", &Entry::online_rank},
    {"e.roadshow_rank", &Entry::roadshow_rank}, {"e.prize", &Entry::prize},
    {"e.provincial", &Entry::provincial}, {"e.created_at", &Entry::created_at},
    {"e.updated_at", &Entry::updated_at}};
}  // namespace

std::optional<Competition> find(db::Connection& c, int64_t id) {
  auto k = kCompetition.one(c, "FROM competitions WHERE id = ?", {id});
  if (k) load_parts(c, *k);
  return k;
}

std::vector<Competition> list(db::Connection& c) {
  auto out = kCompetition.all(c, "FROM competitions ORDER BY year DESC, id DESC");
  for (auto& k : out) load_parts(c, k);
  return out;
}

int64_t insert(db::Connection& c, const Competition& k) {
  Competition copy = k;
  copy.id = c.query_one("INSERT INTO competitions (name, year, phase, registration_deadline, provincial_quota, normalise, "
                        "created_at, updated_at) VALUES (?, ?, 'setup', ?, ?, ?, ?, ?) RETURNING id",
                        {k.name, k.year, k.registration_deadline, k.provincial_quota, k.normalise, k.created_at,
                         k.updated_at})
                ->i64(0);
  insert_parts(c, copy);
  return copy.id;
}

void replace(db::Connection& c, const Competition& k) {
  c.execute("UPDATE competitions SET name = ?, year = ?, registration_deadline = ?, provincial_quota = ?, normalise = ?, "
            "updated_at = ? WHERE id = ?",
            {k.name, k.year, k.registration_deadline, k.provincial_quota, k.normalise, k.updated_at, k.id});
  c.execute("DELETE FROM competition_criteria WHERE stage_id IN (SELECT id FROM competition_stages WHERE competition_id = ?)",
            {k.id});
  c.execute("DELETE FROM competition_stages WHERE competition_id = ?", {k.id});
  c.execute("DELETE FROM competition_groups WHERE competition_id = ?", {k.id});
  insert_parts(c, k);
}

void set_phase(db::Connection& c, int64_t id, const std::string& phase, const std::string& now) {
  c.execute("UPDATE competitions SET phase = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' THEN ? "
            "ELSE published_at END WHERE id = ?",
            {phase, now, phase, now, id});
}

int64_t count_passed(db::Connection& c, int64_t competition_id) {
  return c.query_i64("SELECT COUNT(*) FROM competition_entries WHERE competition_id = ? AND status = 'passed'",
                     {competition_id});
}

std::vector<Expert> experts(db::Connection& c) {
  std::vector<Expert> out;
  for (const auto& r : c.query("SELECT x.user_id, u.username, u.display_name, x.specialty, x.affiliation, x.county_code, "
                               "x.credit_code, x.relations FROM competition_experts x JOIN users u ON u.id = x.user_id "
                               "WHERE u.disabled = 0 ORDER BY x.user_id")) {
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), split_nonempty(r.str(7), '\n')});
  }
  return out;
}

std::optional<Expert> expert(db::Connection& c, int64_t user_id) {
  for (auto& e : experts(c)) {
    if (e.user_id == user_id) return e;
  }
  return std::nullopt;
}

void save_expert(db::Connection& c, const Expert& e, const std::string& now) {
  db::Params p{e.specialty, e.affiliation, opt(e.county_code), opt(e.credit_code), join(e.relations, '\n'), now,
               e.user_id};
  if (c.execute("UPDATE competition_experts SET specialty = ?, affiliation = ?, county_code = ?, credit_code = ?, "
                "relations = ?, updated_at = ? WHERE user_id = ?",
                p) == 0) {
    c.execute("INSERT INTO competition_experts (specialty, affiliation, county_code, credit_code, relations, updated_at, "
              "user_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
              p);
  }
}

std::optional<Entry> entry(db::Connection& c, int64_t id) {
  return kEntry.one(c, "FROM competition_entries e WHERE e.id = ?", {id});
}

std::optional<Entry> entry_by_code(db::Connection& c, int64_t competition_id, const std::string& credit_code) {
  return kEntry.one(c, "FROM competition_entries e WHERE e.competition_id = ? AND e.credit_code = ?",
                       {competition_id, credit_code});
}

// The columns an entry list orders by; scores are kept in hundredths (online_score_centi).
constexpr std::string_view kEntryOrderColumns[] = {"id",          "project",    "group_key",          "status",
                                                   "county_code", "updated_at", "online_score_centi", "roadshow_score_centi"};

std::vector<Entry> entries(db::Connection& c, const EntryQuery& q, int64_t* total) {
  db::Filter f;
  f.where("e.competition_id = ?", {q.competition_id}).equals("e.owner_user_id", q.owner);
  f.any_of("e.county_code", q.county_codes);
  if (q.expert) f.where("e.id IN (SELECT entry_id FROM competition_assignments WHERE expert_user_id = ?)", {*q.expert});
  f.equals("e.status", q.status).equals("e.group_key", q.group_key);
  if (q.roadshow_only) f.where("e.roadshow = 1");
  if (!q.q.empty()) {
    std::string like = "%" + q.q + "%";
    f.where("(e.project LIKE ? OR e.entity_name LIKE ? OR e.leader_name LIKE ?)", {like, like, like});
  }
  std::string sort = q.sort;
  if (sort.ends_with("_score")) sort += "_centi";
  return kEntry.page(c, "competition_entries e", f, db::order_by(sort, kEntryOrderColumns, "e.id ASC", "e.id"), q.page,
                     q.page_size, total);
}

int64_t insert_entry(db::Connection& c, const Entry& e) {
  return c.query_one("INSERT INTO competition_entries (competition_id, owner_user_id, group_key, project, summary, team, "
                     "leader_name, leader_id_number, phone, entity_name, credit_code, registered_date, region_code, "
                     "county_code, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     "?, ?) RETURNING id",
                     {e.competition_id, e.owner_user_id, e.group_key, e.project, e.summary, e.team, e.leader_name,
                      e.leader_id_number, opt(e.phone), e.entity_name, e.credit_code, e.registered_date, e.region_code,
                      e.county_code, e.status, e.created_at, e.updated_at})
      ->i64(0);
}

void update_entry(db::Connection& c, const Entry& e) {
  c.execute("UPDATE competition_entries SET group_key = ?, project = ?, summary = ?, team = ?, leader_name = ?, "
            "leader_id_number = ?, phone = ?, entity_name = ?, credit_code = ?, registered_date = ?, region_code = ?, "
            "county_code = ?, status = ?, return_reason = ?, reviewed_by = ?, reviewed_at = ?, roadshow = ?, "
            "online_score_centi = ?, roadshow_score_centi = ?, online_rank = ?, roadshow_rank = ?, prize = ?, "
            "provincial = ?, updated_at = ? WHERE id = ?",
            {e.group_key, e.project, e.summary, e.team, e.leader_name, e.leader_id_number, opt(e.phone), e.entity_name,
             e.credit_code, e.registered_date, e.region_code, e.county_code, e.status, opt(e.return_reason),
             opt(e.reviewed_by), opt(e.reviewed_at), e.roadshow, e.online_score_centi, e.roadshow_score_centi,
             e.online_rank, e.roadshow_rank, opt(e.prize), e.provincial, e.updated_at, e.id});
}

std::vector<Assignment> assignments(db::Connection& c, int64_t stage_id) {
  std::vector<Assignment> out;
  for (const auto& r : c.query("SELECT id, entry_id, stage_id, expert_user_id, created_at FROM competition_assignments "
                               "WHERE stage_id = ? ORDER BY entry_id, expert_user_id",
                               {stage_id})) {
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4)});
  }
  return out;
}

std::optional<Assignment> assignment(db::Connection& c, int64_t id) {
  auto r = c.query_one("SELECT id, entry_id, stage_id, expert_user_id, created_at FROM competition_assignments WHERE id = ?",
                       {id});
  if (!r) return std::nullopt;
  return Assignment{r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->str(4)};
}

int64_t insert_assignment(db::Connection& c, const Assignment& a) {
  return c.query_one("INSERT INTO competition_assignments (entry_id, stage_id, expert_user_id, created_at) VALUES "
                     "(?, ?, ?, ?) RETURNING id",
                     {a.entry_id, a.stage_id, a.expert_user_id, a.created_at})
      ->i64(0);
}

std::vector<Score> scores(db::Connection& c, int64_t stage_id) {
  std::vector<Score> out;
  for (const auto& r : c.query("SELECT s.assignment_id, s.criterion_id, s.score, s.comment, s.updated_at FROM "
                               "competition_scores s JOIN competition_assignments a ON a.id = s.assignment_id WHERE "
                               "a.stage_id = ? ORDER BY s.assignment_id, s.criterion_id",
                               {stage_id})) {
    out.push_back({r.i64(0), r.i64(1), static_cast<int>(r.i64(2)), r.str(3), r.str(4)});
  }
  return out;
}

std::vector<Score> scores_of(db::Connection& c, int64_t assignment_id) {
  std::vector<Score> out;
  for (const auto& r : c.query("SELECT assignment_id, criterion_id, score, comment, updated_at FROM competition_scores "
                               "WHERE assignment_id = ? ORDER BY criterion_id",
                               {assignment_id})) {
    out.push_back({r.i64(0), r.i64(1), static_cast<int>(r.i64(2)), r.str(3), r.str(4)});
  }
  return out;
}

void upsert_score(db::Connection& c, const Score& s) {
  if (c.execute("UPDATE competition_scores SET score = ?, comment = ?, updated_at = ? WHERE assignment_id = ? AND "
                "criterion_id = ?",
                {s.score, s.comment, s.updated_at, s.assignment_id, s.criterion_id}) == 0) {
    c.execute("INSERT INTO competition_scores (assignment_id, criterion_id, score, comment, updated_at) VALUES "
              "(?, ?, ?, ?, ?)",
              {s.assignment_id, s.criterion_id, s.score, s.comment, s.updated_at});
  }
}

}  // namespace fg::competitions::store

namespace fg::competitions::store {
namespace {
std::vector<Assignment> assignments_where(db::Connection& c, const std::string& where, int64_t v) {
  std::vector<Assignment> out;
  for (const auto& r : c.query("SELECT id, entry_id, stage_id, expert_user_id, created_at FROM competition_assignments "
                               "WHERE " + where + " = ? ORDER BY id",
                               {v})) {
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4)});
  }
  return out;
}
}  // namespace
std::vector<Assignment> assignments_of_expert(db::Connection& c, int64_t user_id) {
  return assignments_where(c, "expert_user_id", user_id);
}
std::vector<Assignment> assignments_of_entry(db::Connection& c, int64_t entry_id) {
  return assignments_where(c, "entry_id", entry_id);
}
}  // namespace fg::competitions::store
