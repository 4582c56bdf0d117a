// The activities module: training (培训), mentoring (指导) and support (扶持) records, and classes.
#include "activities/classes.h"
#include "activities/model.h"
#include "activities/routes.h"
#include "app/module.h"
#include "people/service.h"

namespace fg::activities {
namespace {
using S = std::string;
constexpr app::MenuEntry kMenuEntries[] = {{"activities", 40, auth::Permission::activities_read}};
constexpr app::AuditCode kAuditEntities[] = {{"activity", "扶持记录", "Activity record"},
                                        {"activities", "扶持记录台账", "Activities ledger"},
                                        {"training_class", "培训班", "Training class"}};
constexpr app::AuditCode kAuditActions[] = {{"add_trainee", "添加学员", "Add trainee"},
                                       {"remove_trainee", "移除学员", "Remove trainee"},
                                       {"complete", "结业", "Mark completed"},
                                       {"uncomplete", "撤销结业", "Undo completion"}};
const app::LedgerKind kLedgerKinds[] = {
    {"activities", "培训辅导扶持记录", auth::Permission::activities_write, Service::schema,
     [] {
       return std::vector<ledger::Cell>{S("创业培训"), S("11010519491231002X"), S("张三"), S("410581107"),
                                        S("2021-05-10"), S("SYB创业培训班（课堂培训+创业实训）")};
     }, app::import_into<Service>},
};
// Training modes are Chinese words, stored as they are (no label of their own).
const app::Enumeration kEnumerations[] = {
    {"indicators", [] { return app::keys_of(kIndicators); }},
    {"training_modes", [] { return kTrainingModes; }},
};
}  // namespace

extern const app::Module kModule{
    .name = "activities",
    .build =
        [](app::Kernel& k) {
          auto& svc = k.make<Service>(k.db(), k.get<regions::Service>(), k.clock());
          // The person's page shows their records (people::Service::Section).
          k.get<people::Service>().add_section(
              {"activities", [&svc](const auth::Actor& actor, const people::Entrepreneur& p) {
                 return person_section(svc, actor, p.id_number);
               }});
        },
    .routes = app::routes_with<register_routes, Service, regions::Service>,
    .menu = kMenuEntries, .ledger_kinds = kLedgerKinds,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
    .enumerations = kEnumerations,
};

}  // namespace fg::activities
