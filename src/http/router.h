#pragma once
// Routing and the per-request pipeline: authenticate, check CSRF, dispatch, turn errors into JSON.
#include <array>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "auth/model.h"
#include "auth/permissions.h"
#include "http/json_body.h"
#include "http/message.h"
#include "http/params.h"

namespace fg::http {

struct Context {
  Request& req;
  std::optional<auth::Session> session;  // set for every route that is not public
  std::string request_id;

  bool english() const { return req.english(); }
  const auth::User& user() const { return session->user; }
  auth::Actor actor() const {
    return auth::Actor{session ? std::optional<auth::User>(session->user) : std::nullopt,
                       req.remote_ip, "web"};
  }
  // Parses the body as a JSON object or fails with 400 naming the problem.
  Result<Json> json_body() const;
  const std::string& param(const std::string& name) const { return req.params.at(name); }
  // The positive integer id of path segment {name}, or 404 (http/params.h path_id).
  Result<int64_t> id(std::string_view name = "id") const { return path_id(req, name); }
};

// A handler answers with a Response or an Error; the router turns the Error into the JSON error
// answer in the caller's language, so handlers pass errors on with FG_TRY / FG_CHECK.
using Handler = std::function<Result<Response>(Context&)>;
// The error answer in the caller's language (for handlers that build a Response themselves).
inline Response fail(const Context& ctx, const Error& e) { return Response::error(e, ctx.english()); }

// Who may call a route. The router decides it before the handler runs, so before any input is
// parsed or validated: a caller who may not use the route learns only that (403), never what was
// wrong with their request. Three checks, in order:
//   1. the session (not for a public route): 401 without one;
//   2. the role: 403 `forbidden` unless the route allows the caller's role;
//   3. the reach (when the route names one): a guard that loads the record the path names and
//      answers 404 when there is none, 403 (or 404 where existence itself is private) when the
//      caller's region, ownership or assignment does not reach it.
// Services check again (the command line calls them without a router); the router's checks are
// what makes "authorisation first" hold for every route the same way.
struct Access {
  using Guard = std::function<Result<void>(const Context&)>;

  bool is_public = false;
  std::array<bool, auth::kAllRoles.size()> roles{};  // indexed by auth::Role
  std::optional<auth::Permission> permission;  // unset for public and every-role routes
  std::string target;  // what the guard checks, e.g. "training_class" (shown by `fenggui routes`)
  Guard guard;

  static const Access public_route;
  static const Access logged_in;  // every role
  // The roles that hold a permission of the table (auth/permissions.h): the one way a route names
  // who may call it.
  static Access to(auth::Permission p);
  // The same roles, with a guard on the path's record.
  Access reach(std::string target_name, Guard g) const;

  bool allows(auth::Role r) const { return roles[static_cast<size_t>(r)]; }
  bool all_roles() const;
};

// What a route costs the server. Routes that hash a password (Argon2id: ≈ 200 ms of a core and
// 64 MiB) run on the server's bounded hashing pool, never on the threads that serve everything
// else (http/server.cc).
enum class Cost { ordinary, hashes_password };

class Router {
 public:
  // Resolves the session from the request's cookie; nullopt when there is none or it expired.
  using Authenticator = std::function<std::optional<auth::Session>(const Request&)>;

  void set_authenticator(Authenticator a) { authenticate_ = std::move(a); }
  // Runs after a handler returned (e.g. to record an auditor's reads).
  using After = std::function<void(const Context&, const Response&)>;
  void set_after(After a) { after_ = std::move(a); }
  // pattern: "/api/v1/users/{id}"; {name} matches one path segment.
  void add(std::string method, std::string pattern, Handler h, Access access = Access::logged_in,
           Cost cost = Cost::ordinary);
  void get(std::string pattern, Handler h, Access a = Access::logged_in) { add("GET", std::move(pattern), std::move(h), a); }
  void post(std::string pattern, Handler h, Access a = Access::logged_in, Cost c = Cost::ordinary) {
    add("POST", std::move(pattern), std::move(h), a, c);
  }
  void patch(std::string pattern, Handler h, Access a = Access::logged_in) { add("PATCH", std::move(pattern), std::move(h), a); }
  void put(std::string pattern, Handler h, Access a = Access::logged_in) { add("PUT", std::move(pattern), std::move(h), a); }
  void del(std::string pattern, Handler h, Access a = Access::logged_in) { add("DELETE", std::move(pattern), std::move(h), a); }

  // True when some route handles this path (any method): other paths go to static files.
  bool owns(const std::string& path) const;
  // The cost of the route that would handle the request (ordinary when none matches).
  Cost cost_of(const Request& req) const;
  Response dispatch(Request& req, const std::string& request_id) const;

  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
    Access access;
    Cost cost = Cost::ordinary;
    std::string pattern() const;  // "/api/v1/users/{id}"
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Authenticator authenticate_;
  After after_;
};

bool is_state_changing(const std::string& method);

// The route table as `fenggui routes --format json` prints it: one object per route with
// "method", "pattern", "access" ("public" | "logged_in"), "roles" (the role keys it admits) and
// "target" (what its guard checks, or null).
Json route_table(const Router& router);

}  // namespace fg::http
