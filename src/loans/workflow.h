#pragma once
// Policies, loan applications and their approval workflow (申请 → 乡镇审核 → 县区复核 → 担保审核 →
// 银行审批 → 放款), the applicant's attachments and contact.
#include <optional>

#include "loans/service.h"

namespace fg::loans {

class Applications : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

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
  // Whether the actor may see this application at all (404 when there is none): what the router
  // checks before any handler of the record's routes parses its input.
  Result<void> reach_application(const auth::Actor& actor, int64_t id);

  struct ActionInput {
    std::string action, comment;
    std::optional<int> rate_bp;
    std::string repayment_method, disbursed_date, bank;
  };
  Result<Application> act(const auth::Actor& actor, int64_t id, const ActionInput& in);
  // The same action on several applications (bulk approval), each in its own transaction: one
  // that cannot move does not hold back the rest.
  struct Outcome {
    std::vector<int64_t> done;
    std::vector<std::pair<int64_t, Error>> failed;
  };
  Outcome act_on_each(const auth::Actor& actor, const std::vector<int64_t>& ids, const ActionInput& in);

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

 private:
  Result<Check> check_in(db::Connection& c, const auth::Actor& actor, const ApplicationInput& in,
                         int64_t exclude_application, Application* filled);
  std::vector<std::string> allowed_actions(const auth::User& u, const Application& a);
  // The steps of act(): the terms a bank sets, and the loan a disbursement creates.
  Result<void> set_terms(const auth::Actor& actor, const ActionInput& in, const Policy* today_policy, Application& a);
  Result<Loan> disburse(db::Connection& c, const auth::Actor& actor, const ActionInput& in,
                        const std::vector<Policy>& policies, const Application& a, const std::string& now);
};

}  // namespace fg::loans
