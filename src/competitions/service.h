#pragma once
// Use cases of a contest: each checks role and region, runs the rules, writes in one transaction
// with its audit entry.
#include <functional>

#include "auth/model.h"
#include "competitions/model.h"
#include "competitions/rules.h"
#include "competitions/store.h"
#include "db/database.h"
#include "regions/scoped_service.h"

namespace fg::competitions {

// An upload: PDF, PNG or JPEG by magic bytes (the extension must agree), at most kMaxFileBytes.
inline constexpr size_t kMaxFileBytes = 10u << 20;
Result<std::string> sniff_content_type(const std::string& filename, const std::string& bytes);

// The contest's services, one per sub-domain, on one shared base: Contests (setup, phases, the
// expert pool), Registration (entries, the county review, files), Judging (experts' assignments
// and scores) and Awards (aggregation, roadshow selection, prizes, publication, exports).
class ServiceBase : public regions::ScopedService {
 public:
  using ScopedService::ScopedService;
  // A contest, for any logged-in role.
  Result<Competition> get(const auth::Actor& actor, int64_t id);

 protected:
  // The registered entity (by credit code) and leader (by ID number) an entry names must lie in the
  // entrant's region; unregistered ones are the entrant's word.
  Result<void> require_references(db::Connection& c, const auth::Actor& actor, const Entry& e);
  Result<void> can_see(const auth::User& u, db::Connection& c, const Entry& e);
};

class Contests : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;
  // Setup (city administrator).
  Result<Competition> create(const auth::Actor& actor, Competition k);
  Result<Competition> update(const auth::Actor& actor, int64_t id, Competition k);
  Result<std::vector<Competition>> list(const auth::Actor& actor);
  // setup → registration → review → scoring; later phases by select_roadshow, award, publish.
  Result<Competition> advance(const auth::Actor& actor, int64_t id, const std::string& phase);

  // The expert pool.
  Result<std::vector<Expert>> experts(const auth::Actor& actor);
  Result<Expert> save_expert(const auth::Actor& actor, Expert e);
  // An expert declares relations (credit codes, ID numbers or entity names) on their own record.
  Result<Expert> declare_relations(const auth::Actor& actor, const std::vector<std::string>& relations);
};

class Registration : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;
  // Entries.
  Result<Entry> register_entry(const auth::Actor& actor, int64_t competition_id, const EntryInput& in);
  Result<Entry> update_entry(const auth::Actor& actor, int64_t entry_id, const EntryInput& in);
  Result<Entry> entry(const auth::Actor& actor, int64_t entry_id);
  // The entrant's own entry: another's answers 404 as if it did not exist.
  Result<void> reach_own_entry(const auth::Actor& actor, int64_t entry_id);
  Result<Page<Entry>> entries(const auth::Actor& actor, store::EntryQuery q);
  Result<Entry> review(const auth::Actor& actor, int64_t entry_id, const std::string& decision,
                       const std::string& reason);

  Result<FileMeta> add_file(const auth::Actor& actor, int64_t entry_id, const std::string& kind,
                            const std::string& filename, const std::string& bytes);
  Result<std::vector<FileMeta>> files(const auth::Actor& actor, int64_t entry_id);
  Result<std::pair<FileMeta, std::string>> file(const auth::Actor& actor, int64_t entry_id, int64_t file_id);
  Result<void> delete_file(const auth::Actor& actor, int64_t entry_id, int64_t file_id);

 private:
  // The entry as the form gives it, validated against the contest while it takes entries, in the
  // entrant's region, naming only entities and people of that region.
  Result<Entry> checked_entry(db::Connection& c, const auth::Actor& actor, const Competition& k, const EntryInput& in);
};

class Judging : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;
  // Assignment of experts to the entries of a stage (online: passed entries; roadshow: selected).
  struct AssignReport {
    int created = 0;
    std::vector<int64_t> short_entries;
  };
  Result<AssignReport> auto_assign(const auth::Actor& actor, int64_t competition_id, const std::string& stage_kind);
  Result<Assignment> assign(const auth::Actor& actor, int64_t competition_id, const std::string& stage_kind,
                            int64_t entry_id, int64_t expert_user_id);
  struct AssignmentView {
    Assignment a;
    std::string stage_kind;
    std::string expert_name;
    bool complete = false;
  };
  Result<std::vector<AssignmentView>> assignments(const auth::Actor& actor, int64_t competition_id,
                                                  const std::string& stage_kind);
  // An expert's own assignments across open contests, with their own scores only.
  struct MyAssignment {
    Assignment a;
    Competition k;
    Stage stage;
    Entry e;
    std::vector<Score> scores;
    bool open = false;  // in the stage's phase and not past its deadline
  };
  Result<std::vector<MyAssignment>> my_assignments(const auth::Actor& actor);
  Result<MyAssignment> my_assignment(const auth::Actor& actor, int64_t assignment_id);
  struct ScoreInput {
    int64_t criterion_id = 0;
    int score = 0;
    std::string comment;
  };
  Result<MyAssignment> save_scores(const auth::Actor& actor, int64_t assignment_id, const std::vector<ScoreInput>& in);
};

class Awards : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;
  // Aggregation of a stage.
  struct MarkView {
    int64_t expert_id = 0;
    std::string expert_name;
    double raw = 0;   // weighted total 0–100
    double used = 0;  // after normalisation when on
  };
  struct Result_ {
    Competition k;
    Stage stage;
    std::vector<Standing> standings;
    std::map<int64_t, Entry> entries;
    std::map<int64_t, std::vector<MarkView>> marks;
    std::vector<ExpertFlag> flags;
    std::map<int64_t, std::string> expert_names;
    std::vector<int64_t> selected;  // online: top K per group; roadshow: empty
  };
  Result<Result_> results(const auth::Actor& actor, int64_t competition_id, const std::string& stage_kind);
  // scoring → roadshow: the top K of each group go on (entries.roadshow, online score and rank).
  Result<Competition> select_roadshow(const auth::Actor& actor, int64_t competition_id);
  // roadshow → awarded: prizes per group and the provincial quota.
  Result<Competition> award(const auth::Actor& actor, int64_t competition_id);
  // awarded → published: the 公示; every winner's leader gets a support record ('award') in the
  // same transaction.
  Result<Competition> publish(const auth::Actor& actor, int64_t competition_id);
  // Published contests only; no login.
  Result<std::pair<Competition, std::vector<Entry>>> public_results(int64_t competition_id);
  Result<std::vector<Competition>> published();

  Result<std::string> scores_xlsx(const auth::Actor& actor, int64_t competition_id);
  Result<std::string> rankings_xlsx(const auth::Actor& actor, int64_t competition_id);
};

std::string prize_label(const std::string& prize);

}  // namespace fg::competitions
