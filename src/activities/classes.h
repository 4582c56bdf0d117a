#pragma once
// Training classes (培训班) and their trainees.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fg::activities {

inline const std::vector<std::string> kTrainingModes = {"课堂培训+创业实训", "技能培训+创业培训", "互联网+创业培训"};

struct TrainingClass {
  int64_t id = 0;
  std::string name, mode, region_code, county_code, start_date, end_date;
  int64_t hours = 0;
  std::string organizer, created_by, created_at;
  int64_t trainees = 0, completed = 0;
};

struct ClassInput {
  std::string name, mode, region_code, start_date, end_date, organizer;
  int64_t hours = 0;
};

struct Trainee {
  int64_t id = 0;
  std::string id_number, name, region_code;
  bool completed = false;
  std::optional<int64_t> activity_id;
  std::string added_at;
  bool registered = false;  // in the registry of entrepreneurs
};

}  // namespace fg::activities
