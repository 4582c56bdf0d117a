#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "auth/model.h"
#include "base/clock.h"
#include "db/database.h"
#include "ledger/import.h"
#include "loans/model.h"
#include "loans/store.h"
#include "regions/service.h"

namespace fg::loans {

std::vector<Policy> load_policies(db::Connection& c);

// Guarantee loans: policies, applications and their workflow, disbursed loans, repayments and the
// interest subsidy. Every method checks the actor's role and region itself.
class Service {
 public:
  Service(db::Database& db, regions::Service& regions, const Clock& clock = Clock::system());

  template <typename T>
  struct Page {
    std::vector<T> items;
    int64_t total = 0;
  };

  // Policies: everyone logged in reads them; the city writes them.
  Result<std::vector<Policy>> policies(const auth::Actor& actor);
  Result<Policy> save_policy(const auth::Actor& actor, std::optional<int64_t> id, const Policy& p);

  // Eligibility of an application as it stands today, each reason citing its policy.
  struct Check {
    std::optional<Policy> policy;
    std::vector<Reason> reasons;
    bool eligible() const;
  };
  Result<Check> check(const auth::Actor& actor, const ApplicationInput& in);

  // Submission: `application` is empty when a rule failed (then `check` says which).
  struct Submitted {
    std::optional<Application> application;
    Check check;
  };
  Result<Submitted> submit(const auth::Actor& actor, const ApplicationInput& in);
  Result<Submitted> update(const auth::Actor& actor, int64_t id, const ApplicationInput& in);

  struct AppListQuery {
    std::string status;
    bool mine = false;
    std::string q, region, from, to;
    std::string sort = "-id";
    int page = 1, page_size = 20;
  };
  Result<Page<Application>> list(const auth::Actor& actor, const AppListQuery& q);
  Result<nlohmann::json> queue_counts(const auth::Actor& actor);

  struct Detail {
    Application application;
    std::vector<Step> steps;
    std::vector<Attachment> attachments;
    std::vector<std::string> allowed_actions;
    std::optional<Loan> loan;
  };
  Result<Detail> get(const auth::Actor& actor, int64_t id);
  // Whether the actor may see this application, loan or claim at all (404 when there is none):
  // what the router checks before any handler of the record's routes parses its input.
  Result<void> reach_application(const auth::Actor& actor, int64_t id);
  Result<void> reach_loan(const auth::Actor& actor, int64_t id);
  Result<void> reach_claim(const auth::Actor& actor, int64_t id);

  struct ActionInput {
    std::string action, comment;
    std::optional<int> rate_bp;
    std::string repayment_method, disbursed_date, bank;
  };
  Result<Application> act(const auth::Actor& actor, int64_t id, const ActionInput& in);

  // The applicant's full ID number and phone, for the roles that handle the loan (the bank needs them to
  // lend); every view is audited.
  struct Contact {
    std::string id_number, phone;
  };
  Result<Contact> reveal(const auth::Actor& actor, int64_t id);
  static bool can_reveal(auth::Role r);

  Result<Attachment> attach(const auth::Actor& actor, int64_t id, const std::string& filename, const std::string& bytes);
  Result<std::pair<Attachment, std::string>> attachment(const auth::Actor& actor, int64_t id, int64_t aid);
  Result<void> remove_attachment(const auth::Actor& actor, int64_t id, int64_t aid);

  // Disbursed loans.
  struct LoanListQuery {
    std::string status, q, region, from, to;
    std::string sort = "-disbursed_date";
    int page = 1, page_size = 20;
  };
  Result<Page<Loan>> loans(const auth::Actor& actor, const LoanListQuery& q);
  struct LoanDetail {
    Loan loan;
    std::vector<Installment> schedule;
    std::vector<Repayment> repayments;
  };
  Result<LoanDetail> loan(const auth::Actor& actor, int64_t id);
  Result<Repayment> repay(const auth::Actor& actor, int64_t loan_id, const Repayment& in);
  Result<Loan> compensate(const auth::Actor& actor, int64_t loan_id, const std::string& date,
                          const std::string& comment);
  Result<nlohmann::json> figures(const auth::Actor& actor, const std::string& region, const std::string& from,
                                 const std::string& to);

  // Quarterly interest-subsidy claims: read by the city, county officers and the auditor.
  static bool claims_reader(auth::Role r);
  Result<Page<Claim>> claims(const auth::Actor& actor, const std::string& region, const std::string& status, int page,
                             int page_size);
  Result<Claim> create_claim(const auth::Actor& actor, const std::string& quarter, const std::string& region);
  struct ClaimLine {
    std::string loan_no, person_name, id_number, paid_date, policy_doc_no;
    int64_t interest_fen = 0, subsidy_fen = 0;
    int share_bp = 0;
  };
  Result<std::pair<Claim, std::vector<ClaimLine>>> claim(const auth::Actor& actor, int64_t id);
  Result<Claim> claim_action(const auth::Actor& actor, int64_t id, const std::string& action);

  std::string today() const { return clock_.today().iso(); }

  // The offices that read every application and loan of their region (the auditor city-wide).
  static bool office(auth::Role r);

  // The `loans` ledger kind of interchange.md: disbursed loans, each checked against the limit of
  // the policy in force on its disbursement date; the policy applied is stored with the loan.
  static bool can_import(auth::Role r);
  Result<ledger::ImportReport> import(const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& opt, const std::string& filename);
  static const ledger::Schema& schema();

 private:
  Result<std::vector<std::string>> scope_for(const auth::Actor& actor, const std::string& region);
  Result<void> can_read_app(const auth::Actor& actor, const Application& a);
  // Application `id` when the actor may read it: 404 when there is none, else can_read_app.
  Result<Application> readable_app(db::Connection& c, const auth::Actor& actor, int64_t id);
  Result<Check> check_in(db::Connection& c, const auth::Actor& actor, const ApplicationInput& in,
                         int64_t exclude_application, Application* filled);
  std::vector<std::string> allowed_actions(const auth::User& u, const Application& a);
  Result<Loan> readable_loan(db::Connection& c, const auth::Actor& actor, int64_t id);

  db::Database& db_;
  regions::Service& regions_;
  const Clock& clock_;
};

}  // namespace fg::loans
