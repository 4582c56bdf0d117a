// The accounts module: users, sessions, login locks and the permission table's owner.
#include "app/module.h"
#include "auth/routes.h"

namespace fg::auth {
namespace {
constexpr app::MenuEntry kMenuEntries[] = {{"home", 0, std::nullopt}, {"users", 100, Permission::users_read}};
constexpr app::AuditCode kAuditEntities[] = {{"session", "登录会话", "Session"}, {"user", "账号", "User"}};
constexpr app::AuditCode kAuditActions[] = {
    {"login", "登录", "Sign in"},
    {"login_failed", "登录失败", "Failed sign-in"},
    {"login_locked", "登录锁定", "Sign-in locked"},
    {"logout", "退出登录", "Sign out"},
    {"acknowledge_notices", "确认登录提醒", "Acknowledge sign-in notices"},
    {"change_password", "修改密码", "Change password"},
    {"reset_password", "重置密码", "Reset password"}};
const app::Enumeration kEnumerations[] = {
    {"roles",
     [] {
       std::vector<std::string> out;
       for (auto r : kAllRoles) out.emplace_back(role_key(r));
       return out;
     }},
};
}  // namespace

extern const app::Module kModule{
    .name = "auth",
    .build = [](app::Kernel& k) { k.make<Service>(k.db(), k.get<regions::Service>(), k.clock(), k.auth_state_db()); },
    .routes =
        [](http::Router& r, app::Kernel& k) {
          register_routes(r, k.get<Service>(), k.get<regions::Service>(), k.options().secure_cookies, app::menu_for);
        },
    .menu = kMenuEntries,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
    .enumerations = kEnumerations,
};

}  // namespace fg::auth
