// The competitions module: entrepreneurship contests (创业大赛) from registration to awards.
#include "app/module.h"
#include "competitions/model.h"
#include "competitions/routes.h"

namespace fg::competitions {
namespace {
constexpr app::MenuEntry kMenuEntries[] = {{"competitions", 120, auth::Permission::competitions_browse}};
constexpr app::AuditCode kAuditEntities[] = {{"competition", "创业大赛", "Competition"},
                                        {"competition_entry", "参赛报名", "Competition entry"},
                                        {"competition_file", "参赛附件", "Entry file"},
                                        {"competition_assignment", "评审分配", "Review assignment"},
                                        {"competition_expert", "评审专家", "Competition expert"}};
constexpr app::AuditCode kAuditActions[] = {{"phase", "变更阶段", "Change phase"},
                                       {"review", "审核", "Review"},
                                       {"upload", "上传附件", "Upload a file"},
                                       {"assign", "分配评审", "Assign reviewers"},
                                       {"declare", "申报回避关系", "Declare relations"},
                                       {"score", "评分", "Score"},
                                       {"rescore", "修改评分", "Change a score"},
                                       {"select_roadshow", "确定路演名单", "Select for the roadshow"},
                                       {"award", "评定奖项", "Award"},
                                       {"publish", "公示", "Publish"}};
const app::Enumeration kEnumerations[] = {
    {"phases", [] { return kPhases; }},
    {"entry_statuses", [] { return kEntryStatuses; }},
    {"group_rules", [] { return kGroupRules; }},
    {"prizes", [] { return kPrizes; }},
};
}  // namespace

extern const app::Module kModule{
    .name = "competitions",
    .build = app::make_scoped<Contests, Registration, Judging, Awards>,
    .routes = app::routes_with<register_routes, Contests, Registration, Judging, Awards, regions::Service>,
    .menu = kMenuEntries,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
    .enumerations = kEnumerations,
};

}  // namespace fg::competitions
