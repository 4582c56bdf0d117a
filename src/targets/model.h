#pragma once
#include <cstdint>
#include <string>

namespace fg::targets {

// An annual number per region and indicator (目标任务), e.g. 安阳市 2021 创业培训 2500.
struct Target {
  int year = 0;
  std::string region_code;
  std::string indicator;
  int64_t target = 0;
};

}  // namespace fg::targets
