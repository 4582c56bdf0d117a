#pragma once
// Reach guards (Access::reach) for the record a path's {id} names, in the one shape every module
// uses: the path's id parsed (400 when malformed), then a service method that answers 404 when
// there is no such record and 403 when it lies outside the caller's reach. A module's routes say
// only which method decides.
#include <string_view>
#include <utility>

#include "http/params.h"
#include "http/router.h"

namespace fg::http {

// `decide(actor, id)` returns a Result of anything; only whether it succeeded counts. `suffix`:
// a path such as "{id}.xlsx" names the record too.
template <class Decide>
Access::Guard reach_by_id(Decide decide, std::string_view suffix = "") {
  return [decide = std::move(decide), suffix](const Context& ctx) -> Result<void> {
    FG_TRY(int64_t id, suffix.empty() ? path_id(ctx.req, "id") : path_id(ctx.req, "id", suffix));
    auto r = decide(ctx.actor(), id);
    if (!r) return r.error();
    return {};
  };
}

// The handler of a DELETE of the record {id}, with an optional "reason" in the body for the
// audit entry: `remove(actor, id, reason)` returns a Result of anything; 204 when it succeeds.
template <class Remove>
Handler delete_with_reason(Remove remove) {
  return [remove = std::move(remove)](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto reason, opt_string(body, "reason"));
    FG_CHECK(remove(ctx.actor(), id, reason.value_or("")));
    return Response::no_content();
  };
}

}  // namespace fg::http
