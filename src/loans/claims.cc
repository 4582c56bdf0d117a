// Quarterly interest-subsidy claims (贴息申报).
#include <algorithm>

#include "audit/store.h"
#include "auth/permissions.h"
#include "loans/claims.h"
#include "loans/rules.h"

namespace fg::loans {

bool Claims::claims_reader(Role r) { return auth::allows(r, auth::Permission::loans_claims_read); }

Result<Page<Claim>> Claims::claims(const Actor& actor, const std::string& region, const std::string& status,
                                             int page, int page_size) {
  if (actor.user && !claims_reader(actor.user->role)) {
    return forbidden("您的角色不能查看贴息申报", "Your role may not see subsidy claims");
  }
  auto scope = scope_for(actor, region);
  if (!scope) return scope.error();
  if (!status.empty() &&
      std::none_of(kClaimStatuses.begin(), kClaimStatuses.end(), [&](auto& kv) { return kv.first == status; })) {
    return make_error(ErrorKind::bad_request, "bad_parameter", "status", "状态无效", "Unknown status");
  }
  auto c = db_.acquire();
  Page<Claim> out;
  out.items = store::list_claims(*c, *scope, status, page, page_size, &out.total);
  return out;
}

Result<Claim> Claims::create_claim(const Actor& actor, const std::string& quarter, const std::string& region) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_claims_write)) {
    return forbidden("贴息由县区经办人或市局申报", "Subsidy claims are made by county officers or the city");
  }
  auto tree = regions_.tree();
  std::string root = region.empty() ? (actor.user ? actor.user->region_code : tree->root_code()) : region;
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, root); !r) return r.error();
  }
  const auto* reg = tree->find(root);
  if (!reg || reg->level == "township") {
    return invalid_field("region_code", "贴息按县区或全市申报", "Claims are made for a county or the city");
  }
  auto scope = scope_for(actor, root);
  if (!scope) return scope.error();
  auto range = quarter_range(quarter);
  if (!range) return range.error();
  const std::string today = this->today();
  if (range->first > today) return invalid_field("quarter", "该季度尚未开始", "That quarter has not started");
  auto c = db_.acquire();
  db::Transaction tx(*c);
  std::string now = clock_.now_iso();
  int64_t id = store::insert_claim(*c, quarter, root, actor.name(), now);
  int64_t n = store::fill_claim(*c, id, *scope, range->first, range->second);
  if (n == 0) {
    return invalid_field("quarter", quarter + "在该区划没有未申报的贴息", "Nothing left to claim for " + quarter + " there");
  }
  auto out = store::find_claim(*c, id);
  audit::record(*c, actor, "create", "subsidy_claim", std::to_string(id), root, nullptr,
                {{"quarter", quarter}, {"lines", n}, {"total_interest_fen", out->total_interest_fen},
                 {"total_subsidy_fen", out->total_subsidy_fen}});
  tx.commit();
  return *out;
}

Result<void> Claims::reach_claim(const Actor& actor, int64_t id) {
  if (actor.user && !claims_reader(actor.user->role)) {
    return forbidden("您的角色不能查看贴息申报", "Your role may not see subsidy claims");
  }
  auto c = db_.acquire();
  auto cl = store::find_claim(*c, id);
  if (!cl) return not_found("贴息申报不存在", "No such claim");
  if (actor.user && !regions_.tree()->within(cl->region_code, actor.user->region_code)) {
    return forbidden("无权查看此贴息申报", "You may not see this claim");
  }
  return {};
}

Result<std::pair<Claim, std::vector<Claims::ClaimLine>>> Claims::claim(const Actor& actor, int64_t id) {
  if (auto reach = reach_claim(actor, id); !reach) return reach.error();
  auto c = db_.acquire();
  auto cl = store::find_claim(*c, id);
  if (!cl) return not_found("贴息申报不存在", "No such claim");
  auto policies = store::load_policies(*c);
  std::vector<ClaimLine> lines;
  for (const auto& r : store::claim_rows(*c, id)) {
    const Policy* p = policy_named(policies, r.policy_doc_no, r.disbursed_date);
    lines.push_back({r.loan_no, r.person_name, r.id_number, r.paid_date, r.policy_doc_no, r.interest_fen, r.subsidy_fen,
                     p ? p->subsidy_share_bp : 0});
  }
  return std::make_pair(*cl, lines);
}

Result<Claim> Claims::claim_action(const Actor& actor, int64_t id, const std::string& action) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_claims_write)) {
    return forbidden("您的角色不能办理贴息申报", "Your role may not act on subsidy claims");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto cl = store::find_claim(*c, id);
  if (!cl) return not_found("贴息申报不存在", "No such claim");
  if (actor.user && !regions_.tree()->within(cl->region_code, actor.user->region_code)) {
    return forbidden("无权办理此贴息申报", "You may not act on this claim");
  }
  std::string now = clock_.now_iso();
  auto illegal = [&]() {
    return make_error(ErrorKind::conflict, "illegal_transition", "action",
                      "申报状态为「" + label(kClaimStatuses, cl->status) + "」，不能执行此操作",
                      "Not allowed while the claim is " + cl->status);
  };
  if (action == "submit") {
    if (cl->status != "draft") return illegal();
    store::set_claim_submitted(*c, id, now);
  } else if (action == "mark_paid") {
    if (cl->status != "submitted") return illegal();
    if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_claims_pay)) {
      return forbidden("拨付由市局确认", "The city confirms payment");
    }
    store::set_claim_paid(*c, id, now);
  } else if (action == "withdraw") {
    if (cl->status != "draft") return illegal();
    store::delete_claim(*c, id);
  } else {
    return invalid_field("action", "未知的操作", "Unknown action");
  }
  audit::record(*c, actor, action, "subsidy_claim", std::to_string(id), cl->region_code, {{"status", cl->status}},
                {{"action", action}});
  Claim out = *cl;
  if (auto again = store::find_claim(*c, id)) out = *again;
  else out.status = "withdrawn";
  tx.commit();
  return out;
}

}  // namespace fg::loans
