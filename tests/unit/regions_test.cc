// The Anyang region table and the tree logic every scope check and report relies on.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/embedded.h"
#include "regions/model.h"
#include "regions/rules.h"
#include "regions/service.h"

namespace fg::regions {
namespace {

Tree anyang() { return Tree(parse_reference_csv(*embedded_file("anyang_regions.csv"))); }

TEST(RegionTableTest, HasTheCityItsNineCountiesAndTheirTownships) {
  Tree t = anyang();
  EXPECT_EQ(t.root_code(), "410500");
  std::vector<std::string> counties = t.children("410500");
  EXPECT_EQ(counties, (std::vector<std::string>{"410502", "410503", "410505", "410506", "410522", "410523",
                                                "410526", "410527", "410581"}));
  EXPECT_EQ(t.find("410581")->name, "林州市");
  EXPECT_EQ(t.find("410526")->name, "滑县");
  size_t townships = 0, platforms = 0;
  for (const auto& r : t.all()) {
    if (r.level == "township") {
      ++townships;
      EXPECT_EQ(r.code.size(), 9u) << r.code;
      EXPECT_EQ(r.code.substr(0, 6), r.parent_code) << r.code;
    }
    if (r.has_platform) ++platforms;
  }
  EXPECT_EQ(townships, 132u);
  EXPECT_EQ(platforms, 69u) << "the letter: 69 townships run a one-stop platform";
}

TEST(RegionTableTest, HuaxianIsKeptOutOfTheCityTotals) {
  Tree t = anyang();
  EXPECT_TRUE(t.find("410526")->excluded_from_parent);
  auto ex = t.exclusions("410500");
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0]->code, "410526");
  auto scope = t.report_scope("410500");
  EXPECT_EQ(std::count(scope.begin(), scope.end(), "410526"), 0);
  EXPECT_TRUE(std::none_of(scope.begin(), scope.end(), [](const std::string& c) { return c.rfind("410526", 0) == 0; }));
  // 滑县's own report still covers itself.
  EXPECT_EQ(t.report_scope("410526").size(), 1u + t.children("410526").size());
}

TEST(RegionTreeTest, WithinFollowsParents) {
  Tree t = anyang();
  EXPECT_TRUE(t.within("410581107", "410581"));
  EXPECT_TRUE(t.within("410581107", "410500"));
  EXPECT_TRUE(t.within("410581", "410581"));
  EXPECT_FALSE(t.within("410523", "410581"));
  EXPECT_FALSE(t.within("410581", "410581107"));
  EXPECT_FALSE(t.within("999999", "410500"));
  auto sub = t.subtree("410581");
  EXPECT_EQ(sub.front(), "410581");
  EXPECT_EQ(sub.size(), 1u + t.children("410581").size());
}

TEST(RegionRulesTest, CodeMustFitTheParent) {
  Tree t = anyang();
  const Region* city = t.find("410500");
  const Region* county = t.find("410581");
  const Region* town = t.find("410581107");
  struct Case {
    std::string code;
    const Region* parent;
    bool ok;
    std::string field;
  };
  std::vector<Case> cases = {
      {"410590", city, true, ""},      {"410690", city, false, "code"},   {"41059", city, false, "code"},
      {"410581901", county, true, ""}, {"410582901", county, false, "code"}, {"4105819011", county, false, "code"},
      {"41058190x", county, false, "code"}, {"410581107001", town, false, "parent_code"},
      {"410581902", nullptr, false, "parent_code"},
  };
  for (const auto& c : cases) {
    auto r = check_new_region(Region{c.code, "新区划", "", c.parent ? c.parent->code : "", false, false}, c.parent);
    EXPECT_EQ(r.ok(), c.ok) << c.code;
    if (!c.ok) {
      EXPECT_EQ(r.error().field, c.field) << c.code;
    }
  }
  EXPECT_FALSE(check_new_region(Region{"410590", "", "", "410500", false, false}, city).ok());
}

}  // namespace
}  // namespace fg::regions
