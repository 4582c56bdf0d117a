// The request pipeline in process: routing, sessions, CSRF, JSON errors, static files.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include "app/app.h"
#include "http/client_address.h"
#include "http/json_body.h"
#include "http/message.h"
#include "http/server.h"
#include "test_db.h"

namespace fg::http {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(app.auth().create_user(auth::Actor::cli(), {"admin", "管理员", "Renshe2021x", "city_admin", "410500"}));
    ASSERT_TRUE(app.auth().create_user(auth::Actor::cli(), {"lzo", "林州", "Huanxiang21", "county_officer", "410581"}));
  }
  Response call(const std::string& method, const std::string& target, const std::string& body = "",
                std::map<std::string, std::string> headers = {}) {
    Request req;
    req.method = method;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = parse_query(target.substr(q + 1));
    req.body = body;
    req.headers = std::move(headers);
    req.headers.emplace("host", "127.0.0.1:8080");
    if (!cookie.empty()) req.headers.emplace("cookie", "fg_session=" + cookie);
    if (!csrf.empty() && !req.headers.count("x-csrf-token")) req.headers.emplace("x-csrf-token", csrf);
    req.remote_ip = "127.0.0.1";
    return app.router().dispatch(req, "test");
  }
  void login(const std::string& user, const std::string& pw) {
    auto r = call("POST", "/api/v1/auth/login", Json{{"username", user}, {"password", pw}}.dump(),
                  {{"content-type", "application/json"}});
    ASSERT_EQ(r.status, 200) << r.body;
    for (auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") cookie = v.substr(11, 64);
    }
    csrf = Json::parse(r.body)["csrf_token"];
  }
  static Json body(const Response& r) { return Json::parse(r.body); }

  testing::TestDatabase tdb{"sqlite"};
  app::App app{tdb.url()};
  std::string cookie, csrf;
};

TEST_F(PipelineTest, HealthNeedsNoLogin) {
  auto r = call("GET", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["status"], "ok");
  EXPECT_EQ(body(r)["database"], "sqlite");
}

TEST_F(PipelineTest, EveryOtherRouteNeedsASession) {
  for (const auto& route : app.router().routes()) {
    if (route.access.is_public) continue;
    std::string path;
    for (const auto& s : route.segments) path += "/" + (s.front() == '{' ? std::string("1") : s);
    auto r = call(route.method, path, "{}");
    EXPECT_EQ(r.status, 401) << route.method << " " << path;
    EXPECT_EQ(body(r)["error"]["code"], "unauthenticated") << path;
  }
}

TEST_F(PipelineTest, LoginSetsAStrictHttpOnlyCookie) {
  auto r = call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"Renshe2021x"})",
                {{"content-type", "application/json"}});
  ASSERT_EQ(r.status, 200);
  std::string set_cookie;
  for (auto& [k, v] : r.headers) {
    if (k == "Set-Cookie") set_cookie = v;
  }
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(body(r)["user"]["region"]["name"], "安阳市");
  EXPECT_EQ(body(r)["modules"], Json({"home", "dashboard", "people", "entities", "activities", "targets", "loans", "imports",
                                      "regions", "users", "audit", "competitions"}));
}

TEST_F(PipelineTest, LoginRefusesFormPostsAndSpeaksTheCallersLanguage) {
  EXPECT_EQ(call("POST", "/api/v1/auth/login", "username=admin&password=Renshe2021x",
                 {{"content-type", "application/x-www-form-urlencoded"}}).status, 400);
  auto zh = call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"nope"})",
                 {{"content-type", "application/json"}});
  EXPECT_EQ(zh.status, 401);
  EXPECT_EQ(body(zh)["error"]["message"], "用户名或密码错误");
  auto en = call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"nope"})",
                 {{"content-type", "application/json"}, {"accept-language", "en-US,en;q=0.9"}});
  EXPECT_EQ(body(en)["error"]["message"], "Wrong username or password");
}

TEST_F(PipelineTest, WritesNeedTheCsrfTokenAndOurOrigin) {
  login("admin", "Renshe2021x");
  std::string good = csrf;
  std::string user = R"({"username":"new1","password":"Huanxiang21","role":"auditor","region_code":"410500"})";
  csrf.clear();
  EXPECT_EQ(call("POST", "/api/v1/users", user).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/users", user, {{"x-csrf-token", "forged"}}).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/users", user, {{"x-csrf-token", good}, {"origin", "http://evil.example"}}).status, 403);
  auto ok = call("POST", "/api/v1/users", user, {{"x-csrf-token", good}, {"origin", "http://127.0.0.1:8080"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_F(PipelineTest, ErrorsAreJsonWithCodeAndField) {
  login("admin", "Renshe2021x");
  auto nf = call("GET", "/api/v1/nope");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(body(nf)["error"]["code"], "not_found");
  EXPECT_EQ(call("DELETE", "/api/v1/health").status, 405);
  auto bad = call("POST", "/api/v1/users", "{not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(body(bad)["error"]["code"], "bad_json");
  auto typed = call("PATCH", "/api/v1/users/1", R"({"disabled":"yes"})");
  EXPECT_EQ(typed.status, 400);
  EXPECT_EQ(body(typed)["error"]["field"], "disabled");
  auto missing = call("POST", "/api/v1/users", R"({"username":"zz9"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(body(missing)["error"]["field"], "password");
  auto paging = call("GET", "/api/v1/users?page_size=500");
  EXPECT_EQ(paging.status, 400);
  EXPECT_EQ(body(paging)["error"]["field"], "page_size");
}

TEST_F(PipelineTest, RoleAndRegionAreCheckedOnTheServer) {
  login("lzo", "Huanxiang21");
  EXPECT_EQ(call("POST", "/api/v1/regions", R"({"code":"410581901","name":"新镇","parent_code":"410581"})").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/audit").status, 403);
  auto mine = call("GET", "/api/v1/users");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(body(mine)["total"], 1);
  auto other = call("GET", "/api/v1/users?region=410523");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(body(other)["error"]["code"], "forbidden_region");
  auto regions = call("GET", "/api/v1/regions");
  EXPECT_EQ(body(regions)["scope"], "410581");
  EXPECT_EQ(body(regions)["tree"]["code"], "410500");
}

TEST_F(PipelineTest, TheRouterAuthorisesBeforeTheHandlerReadsAnything) {
  int ran = 0;
  app.router().post("/api/v1/test/admin-only", [&ran](Context&) {
    ++ran;
    return Response::no_content();
  }, Access::to(auth::Permission::users_admin));
  int guarded = 0;
  app.router().post("/api/v1/test/guarded/{id}", [&ran](Context&) {
    ++ran;
    return Response::no_content();
  }, Access::logged_in.reach("thing", [&guarded](const Context& ctx) -> Result<void> {
    ++guarded;
    if (ctx.param("id") == "1") return {};
    return make_error(ErrorKind::forbidden, "forbidden_region", "", "无权访问", "No access");
  }));
  login("lzo", "Huanxiang21");
  // Malformed input, wrong role: the role decides (403), the handler never runs.
  auto refused = call("POST", "/api/v1/test/admin-only", "{not json");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(body(refused)["error"]["code"], "forbidden");
  auto out = call("POST", "/api/v1/test/guarded/2", "{not json");
  EXPECT_EQ(out.status, 403);
  EXPECT_EQ(body(out)["error"]["code"], "forbidden_region");
  EXPECT_EQ(ran, 0);
  EXPECT_EQ(call("POST", "/api/v1/test/guarded/1", "{}").status, 204);
  EXPECT_EQ(guarded, 2);
  // Still: the session first, then the CSRF token, then the role.
  csrf = "wrong";
  EXPECT_EQ(body(call("POST", "/api/v1/test/admin-only", "{}"))["error"]["code"], "csrf");
  cookie.clear();
  EXPECT_EQ(call("POST", "/api/v1/test/admin-only", "{}").status, 401);
  login("admin", "Renshe2021x");
  EXPECT_EQ(call("POST", "/api/v1/test/admin-only", "{}").status, 204);
  EXPECT_EQ(ran, 2);
}

TEST_F(PipelineTest, TheRouteTableSaysWhoMayCallEachRoute) {
  Json table = route_table(app.router());
  ASSERT_EQ(table.size(), app.router().routes().size());
  auto find = [&](const std::string& method, const std::string& pattern) {
    for (const auto& r : table) {
      if (r["method"] == method && r["pattern"] == pattern) return r;
    }
    return Json();
  };
  EXPECT_EQ(find("GET", "/api/v1/health")["access"], "public");
  EXPECT_EQ(find("POST", "/api/v1/users")["roles"], Json::array({"city_admin"}));
  EXPECT_EQ(find("GET", "/api/v1/me")["roles"].size(), auth::kAllRoles.size());
  EXPECT_EQ(find("GET", "/api/v1/targets")["roles"],
            Json::array({"city_admin", "county_officer", "township_staff", "auditor"}));
  Json cls = find("POST", "/api/v1/training-classes/{id}/trainees");
  EXPECT_EQ(cls["target"], "training_class");
  EXPECT_EQ(cls["roles"], Json::array({"city_admin", "county_officer", "township_staff"}));
  // Every route whose path names a record checks that the caller reaches it, or is the city's alone.
  for (const auto& r : table) {
    std::string pattern = r["pattern"];
    if (r["access"] == "public" || pattern.find('{') == std::string::npos) continue;
    bool city_only = r["roles"] == Json::array({"city_admin"}) || r["roles"] == Json::array({"city_admin", "auditor"});
    // Contests are visible to every account (their entries are checked each); templates are blank forms.
    bool unscoped = pattern.rfind("/api/v1/competitions/{id}", 0) == 0 || pattern == "/api/v1/imports/{kind}/template.xlsx";
    EXPECT_TRUE(!r["target"].is_null() || city_only || unscoped) << r["method"] << " " << pattern;
  }
}

TEST_F(PipelineTest, AdminEditsRegionsAndEveryEditIsAudited) {
  login("admin", "Renshe2021x");
  auto add = call("POST", "/api/v1/regions", R"({"code":"410581901","name":"新设镇","parent_code":"410581"})");
  ASSERT_EQ(add.status, 201) << add.body;
  EXPECT_EQ(body(add)["level"], "township");
  EXPECT_EQ(call("POST", "/api/v1/regions", R"({"code":"410581901","name":"重复","parent_code":"410581"})").status, 409);
  auto bad = call("POST", "/api/v1/regions", R"({"code":"410523901","name":"错位镇","parent_code":"410581"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body(bad)["error"]["field"], "code");
  auto patch = call("PATCH", "/api/v1/regions/410581901", R"({"name":"新设乡","has_platform":true})");
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(body(patch)["name"], "新设乡");
  auto audit = call("GET", "/api/v1/audit?entity=region");
  ASSERT_EQ(audit.status, 200);
  auto items = body(audit)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["action"], "update");
  EXPECT_EQ(items[0]["before"]["name"], "新设镇");
  EXPECT_EQ(items[0]["after"]["name"], "新设乡");
}

TEST_F(PipelineTest, AuditorReadsAreRecorded) {
  ASSERT_TRUE(app.auth().create_user(auth::Actor::cli(), {"aud", "审计", "Huanxiang21", "auditor", "410500"}));
  login("aud", "Huanxiang21");
  EXPECT_EQ(call("GET", "/api/v1/audit?entity=user").status, 200);
  EXPECT_EQ(call("POST", "/api/v1/regions", R"({"code":"410581902","name":"x","parent_code":"410581"})").status, 403);
  auto reads = call("GET", "/api/v1/audit?action=read");
  ASSERT_EQ(reads.status, 200);
  EXPECT_GE(body(reads)["total"].get<int>(), 1);
  EXPECT_EQ(body(reads)["items"].back()["entity_id"], "/api/v1/audit");
}

TEST_F(PipelineTest, ExportsAreRealXlsx) {
  login("admin", "Renshe2021x");
  auto x = call("GET", "/api/v1/users/export.xlsx?role=county_officer");
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  EXPECT_NE(x.content_type.find("spreadsheetml"), std::string::npos);
  auto a = call("GET", "/api/v1/audit/export.xlsx");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body.substr(0, 2), "PK");
}

TEST_F(PipelineTest, RoutesThatHashAPasswordAreMarkedForTheHashingPool) {
  auto cost = [&](const std::string& method, const std::string& path) {
    Request req;
    req.method = method;
    req.path = path;
    return app.router().cost_of(req);
  };
  EXPECT_EQ(cost("POST", "/api/v1/auth/login"), Cost::hashes_password);
  EXPECT_EQ(cost("POST", "/api/v1/me/password"), Cost::hashes_password);
  EXPECT_EQ(cost("POST", "/api/v1/users"), Cost::hashes_password);
  EXPECT_EQ(cost("POST", "/api/v1/users/7/password"), Cost::hashes_password);
  EXPECT_EQ(cost("GET", "/api/v1/me"), Cost::ordinary);
  EXPECT_EQ(cost("GET", "/api/v1/users"), Cost::ordinary);
  EXPECT_EQ(cost("PATCH", "/api/v1/users/7"), Cost::ordinary);
  EXPECT_EQ(cost("GET", "/api/v1/nope"), Cost::ordinary);
}

TEST_F(PipelineTest, LoginAnswersCarryNoticesAndLocksCarryRetryAfter) {
  for (int i = 0; i < 5; ++i) {
    auto r = call("POST", "/api/v1/auth/login", Json{{"username", "lzo"}, {"password", "Wrong2021x"}}.dump(),
                  {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, 401);
  }
  auto r = call("POST", "/api/v1/auth/login", Json{{"username", "lzo"}, {"password", "Huanxiang21"}}.dump(),
                {{"content-type", "application/json"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(body(r)["error"]["code"], "locked");
  int retry = 0;
  for (auto& [k, v] : r.headers) {
    if (k == "Retry-After") retry = std::stoi(v);
  }
  EXPECT_TRUE(retry >= 59 && retry <= 60) << "Retry-After: " << retry;
  login("admin", "Renshe2021x");
  EXPECT_EQ(body(call("GET", "/api/v1/me"))["notices"], Json::array());
}

TEST(ClientAddressTest, TrustedProxiesParseAddressesAndNetworks) {
  auto t = TrustedProxies::parse({"127.0.0.1", "10.0.0.0/8, fd00::/8", " 192.168.1.0/24 "});
  ASSERT_TRUE(t) << t.error().en;
  EXPECT_TRUE(t->contains("127.0.0.1"));
  EXPECT_FALSE(t->contains("127.0.0.2"));
  EXPECT_TRUE(t->contains("10.200.3.4"));
  EXPECT_TRUE(t->contains("::ffff:10.1.2.3")) << "IPv4-mapped";
  EXPECT_TRUE(t->contains("fd12:3456::1"));
  EXPECT_FALSE(t->contains("fe80::1"));
  EXPECT_TRUE(t->contains("192.168.1.255"));
  EXPECT_FALSE(t->contains("192.168.2.1"));
  EXPECT_FALSE(t->contains("not an address"));
  for (const char* bad : {"10.0.0.0/33", "example.org", "10.0.0.1/", "::/129", "10.0.0/8"}) {
    EXPECT_FALSE(TrustedProxies::parse({bad})) << bad;
  }
  EXPECT_TRUE(TrustedProxies::parse({})->empty());
}

TEST(ClientAddressTest, ForwardedHeadersCountOnlyFromATrustedPeer) {
  auto t = *TrustedProxies::parse({"127.0.0.3", "10.0.0.0/8"});
  TrustedProxies none;
  // No trusted proxy configured, or an untrusted peer: the headers are ignored.
  EXPECT_EQ(client_address("203.0.113.5", "198.51.100.1", "", none), "203.0.113.5");
  EXPECT_EQ(client_address("203.0.113.5", "198.51.100.1", "for=198.51.100.2", t), "203.0.113.5");
  // From a trusted proxy: the rightmost address that is not a trusted proxy.
  EXPECT_EQ(client_address("127.0.0.3", "198.51.100.1", "", t), "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.3", "6.6.6.6, 198.51.100.1", "", t), "198.51.100.1") << "forged entry on the left";
  EXPECT_EQ(client_address("127.0.0.3", "198.51.100.1, 10.1.1.1", "", t), "198.51.100.1") << "through two proxies";
  EXPECT_EQ(client_address("127.0.0.3", " 198.51.100.1:4711 ", "", t), "198.51.100.1") << "with a port";
  EXPECT_EQ(client_address("127.0.0.3", "[2001:db8::7]:443", "", t), "2001:db8::7");
  EXPECT_EQ(client_address("::ffff:127.0.0.3", "198.51.100.1", "", t), "198.51.100.1") << "IPv4-mapped peer";
  EXPECT_EQ(client_address("127.0.0.3", "", "", t), "127.0.0.3") << "no header: the proxy itself";
  EXPECT_EQ(client_address("127.0.0.3", "garbage", "", t), "127.0.0.3");
  EXPECT_EQ(client_address("127.0.0.3", "198.51.100.1, garbage", "", t), "127.0.0.3");
  EXPECT_EQ(client_address("127.0.0.3", "garbage, 198.51.100.1", "", t), "198.51.100.1");
  // Forwarded (RFC 7239) when there is no X-Forwarded-For.
  EXPECT_EQ(client_address("127.0.0.3", "", "for=198.51.100.3;proto=https", t), "198.51.100.3");
  EXPECT_EQ(client_address("127.0.0.3", "", R"(for="[2001:db8:cafe::17]:4711")", t), "2001:db8:cafe::17");
  EXPECT_EQ(client_address("127.0.0.3", "", "for=6.6.6.6, for=198.51.100.3;by=10.0.0.1, For=10.0.0.2", t),
            "198.51.100.3");
  EXPECT_EQ(client_address("127.0.0.3", "", "for=unknown", t), "127.0.0.3");
  EXPECT_EQ(client_address("127.0.0.3", "198.51.100.1", "for=198.51.100.3", t), "198.51.100.1")
      << "X-Forwarded-For first";
  EXPECT_EQ(normalize_address("[::1]:80"), "::1");
  EXPECT_EQ(normalize_address("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_FALSE(normalize_address("localhost"));
}

TEST(JsonBodyTest, ObjectsOnlyAtMost64LevelsAndNoNul) {
  EXPECT_EQ(*parse_json_object(""), Json::object());
  EXPECT_EQ((*parse_json_object(R"({"a":[1,{"b":null}]})"))["a"][1], (Json{{"b", nullptr}}));
  for (std::string_view bad : {"[1]", "\"x\"", "{", "{\"a\":1}x", "nul"}) {
    Result<Json> j = parse_json_object(bad);
    ASSERT_FALSE(j.ok()) << bad;
    EXPECT_EQ(j.error().code, "bad_json");
    EXPECT_EQ(j.error().kind, ErrorKind::bad_request);
  }

  // The object is level 1: 63 arrays inside it make 64 levels, one more is refused.
  const auto nested = [](int arrays) {
    return "{\"a\":" + std::string(static_cast<std::size_t>(arrays), '[') +
           std::string(static_cast<std::size_t>(arrays), ']') + "}";
  };
  EXPECT_TRUE(parse_json_object(nested(63)).ok());
  Result<Json> j = parse_json_object(nested(64));
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, "bad_json");
  EXPECT_EQ(j.error().en, "The request body nests JSON deeper than 64 levels");

  // U+0000 in a value or a key: PostgreSQL would store the text cut short there.
  for (std::string_view bad : {R"({"name":"张\u0000三"})", R"({"a\u0000":1})", R"({"x":["\u0000"]})"}) {
    j = parse_json_object(bad);
    ASSERT_FALSE(j.ok()) << bad;
    EXPECT_EQ(j.error().code, "bad_character");
    EXPECT_TRUE(j.error().en.find("U+0000") != std::string::npos) << j.error().en;
  }
}

TEST(JsonBodyTest, DeepNestingIsRefusedWithoutBuildingIt) {
  // Eight million "[": nlohmann builds a heap-allocated array per level (≈ 600 MB) unless the
  // levels past the limit are discarded as they open. Peak resident memory must stay near the
  // body's own 8 MB.
  const std::string body = "{\"a\":" + std::string(8u << 20, '[');
  struct rusage before {};
  getrusage(RUSAGE_SELF, &before);
  Result<Json> j = parse_json_object(body);
  struct rusage after {};
  getrusage(RUSAGE_SELF, &after);
  EXPECT_FALSE(j.ok());
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 * 1024) << "KiB";  // ru_maxrss is in KiB
}

TEST(MessageTest, DecodesQueriesCookiesAndNames) {
  auto q = parse_query("q=%E6%9E%97%E5%B7%9E&a=1+2&empty=&flag");
  EXPECT_EQ(q["q"], "林州");
  EXPECT_EQ(q["a"], "1 2");
  EXPECT_EQ(q["empty"], "");
  EXPECT_TRUE(q.count("flag"));
  EXPECT_EQ(url_decode("/a%2Fb+c", false), "/a/b+c");
  EXPECT_EQ(url_decode("%zz%4", false), "%zz%4");
  Request r;
  r.headers["cookie"] = "a=1; fg_session=abc; b=2";
  EXPECT_EQ(r.cookie("fg_session"), "abc");
  EXPECT_FALSE(r.cookie("fg"));
  EXPECT_EQ(content_disposition("用户.xlsx"), "attachment; filename=\"__.xlsx\"; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx");
}

TEST(StaticFilesTest, ServesTheAppAndNeverLeavesItsFolder) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("fgweb" + std::to_string(::getpid()));
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<html>app</html>";
  std::ofstream(root / "assets" / "a.js") << "x";
  std::ofstream(root.parent_path() / "secret.txt") << "secret";
  auto idx = static_file(root.string(), "/");
  EXPECT_EQ(idx.status, 200);
  EXPECT_EQ(idx.body, "<html>app</html>");
  EXPECT_EQ(static_file(root.string(), "/users").body, "<html>app</html>") << "SPA routes fall back";
  auto js = static_file(root.string(), "/assets/a.js");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(static_file(root.string(), "/../secret.txt").body, "secret");
  EXPECT_EQ(static_file(root.string(), "/missing.js").status, 404);
  EXPECT_EQ(static_file("", "/").status, 503);
  fs::remove_all(root);
}

}  // namespace
}  // namespace fg::http
