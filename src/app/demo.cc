#include "app/demo.h"

#include "auth/store.h"

namespace fg::app {

Result<void> load_demo(App& app, std::ostream& out) {
  struct Account {
    const char* username;
    const char* name;
    const char* role;
    const char* region;
  };
  // Regions: 安阳市 410500, 林州市 410581 and its 姚村镇 410581107, 汤阴县 410523.
  const Account accounts[] = {
      {"admin", "市局管理员", "city_admin", "410500"},
      {"linzhou", "林州市经办人", "county_officer", "410581"},
      {"tangyin", "汤阴县经办人", "county_officer", "410523"},
      {"yaocun", "姚村镇平台经办人", "township_staff", "410581107"},
      {"auditor", "审计员", "auditor", "410500"},
      {"expert", "评审专家", "expert", "410500"},
      {"mentor", "创业导师", "mentor", "410500"},
      {"bank", "经办银行", "bank", "410500"},
      {"entrepreneur", "返乡创业者", "entrepreneur", "410581107"},
  };
  auth::Actor actor = auth::Actor::cli();
  for (const auto& a : accounts) {
    {
      auto c = app.db().acquire();
      if (auth::store::find_by_username(*c, a.username)) continue;
    }
    std::string region = a.region;
    if (!app.regions().tree()->find(region)) {
      // A city whose table lacks that township: fall back to the county.
      region = region.substr(0, 6);
    }
    auto u = app.auth().create_user(actor, {a.username, a.name, kDemoPassword, a.role, region});
    if (!u) return u.error();
  }
  out << "演示账号 demo accounts (password 密码: " << kDemoPassword << ")\n";
  for (const auto& a : accounts) {
    out << "  " << a.username << std::string(14 - std::string(a.username).size(), ' ') << a.role << "  " << a.region
        << "\n";
  }
  return {};
}

}  // namespace fg::app
