// The modules of the application, listed once, in build order: a module's services may use
// those of the modules above it. Adding a module is a line here (and its folder).
#include "app/module.h"

namespace fg {
namespace regions { extern const app::Module kModule; }
namespace auth { extern const app::Module kModule; }
namespace audit { extern const app::Module kModule; }
namespace people { extern const app::Module kModule; }
namespace activities { extern const app::Module kModule; }
namespace targets { extern const app::Module kModule; }
namespace reports { extern const app::Module kModule; }
namespace loans { extern const app::Module kModule; }
namespace competitions { extern const app::Module kModule; }
namespace app { extern const Module kImportsModule; }
}  // namespace fg

namespace fg::app {

std::span<const Module* const> modules() {
  static const Module* const kModules[] = {
      &regions::kModule, &auth::kModule,    &audit::kModule, &people::kModule,       &activities::kModule,
      &targets::kModule, &reports::kModule, &loans::kModule, &competitions::kModule, &kImportsModule,
  };
  return kModules;
}

}  // namespace fg::app
