// The permission table (auth/permissions.h): well formed, and the menu derived from it shows each
// role exactly the modules it showed when the menu was a hand-written list (issue 12, point 3).
#include <gtest/gtest.h>

#include <set>

#include "app/module.h"
#include "auth/permissions.h"
#include "auth/rules.h"

namespace fg::auth {
namespace {

TEST(PermissionTable, KeysAreUniqueAndParseBack) {
  std::set<std::string_view> keys;
  for (const auto& p : permission_table()) {
    EXPECT_TRUE(keys.insert(p.key).second) << p.key;
    ASSERT_TRUE(parse_permission(p.key).has_value()) << p.key;
    EXPECT_EQ(*parse_permission(p.key), p.id);
    EXPECT_NE(p.roles, 0) << p.key << " is held by no role";
    EXPECT_FALSE(p.zh.empty());
    EXPECT_FALSE(p.en.empty());
  }
  EXPECT_FALSE(parse_permission("people.everything").has_value());
}

TEST(PermissionTable, SeparatesReadingFromWriting) {
  // The auditor reads what the offices keep and writes nothing.
  EXPECT_TRUE(allows(Role::auditor, Permission::people_read));
  EXPECT_FALSE(allows(Role::auditor, Permission::people_write));
  EXPECT_FALSE(allows(Role::auditor, Permission::loans_claims_write));
  EXPECT_TRUE(allows(Role::auditor, Permission::audit_read));
  // Only the bank handles money; only the city confirms a subsidy payment.
  EXPECT_TRUE(allows(Role::bank, Permission::loans_bank));
  EXPECT_FALSE(allows(Role::city_admin, Permission::loans_bank));
  EXPECT_TRUE(allows(Role::city_admin, Permission::loans_claims_pay));
  EXPECT_FALSE(allows(Role::county_officer, Permission::loans_claims_pay));
  // Targets are not for banks, experts, mentors or entrepreneurs (issue 11 #11).
  for (Role r : {Role::bank, Role::expert, Role::mentor, Role::entrepreneur}) {
    EXPECT_FALSE(allows(r, Permission::targets_read)) << role_key(r);
  }
}

TEST(PermissionTable, MenuIsDerivedFromIt) {
  using V = std::vector<std::string>;
  const V office{"home", "dashboard", "people", "entities", "activities", "targets", "loans"};
  auto with = [](V v, std::initializer_list<const char*> more) {
    for (const char* m : more) v.emplace_back(m);
    return v;
  };
  EXPECT_EQ(app::menu_for(Role::city_admin), with(office, {"imports", "regions", "users", "audit", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::county_officer), with(office, {"imports", "regions", "users", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::township_staff), with(office, {"imports", "regions"}));
  EXPECT_EQ(app::menu_for(Role::auditor), with(office, {"regions", "audit", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::bank), (V{"home", "loans", "imports", "regions"}));
  EXPECT_EQ(app::menu_for(Role::entrepreneur), (V{"home", "loans", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::expert), (V{"home", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::mentor), (V{"home"}));
}

TEST(PermissionTable, KeysOfARoleFollowTheTable) {
  auto keys = permission_keys(Role::expert);
  EXPECT_EQ(keys, (std::vector<std::string_view>{"competitions.browse", "competitions.score", "competitions.entries_read"}));
  EXPECT_TRUE(permission_keys(Role::mentor).empty());
}

}  // namespace
}  // namespace fg::auth
