#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fg::activities {

// The three indicators the bureau is judged on, in the report's order.
inline const std::vector<std::pair<std::string, std::string>> kIndicators = {
    {"training", "创业培训"}, {"mentoring", "创业辅导"}, {"support", "创业扶持"}};

struct Activity {
  int64_t id = 0;
  std::string indicator;
  std::string id_number;
  std::string name;
  std::string region_code;
  std::string county_code;
  std::string date;
  std::string detail;
  std::string course, mode;  // training
  int64_t hours = 0;
  std::string mentor, topic;  // mentoring
  std::string support_kind;   // support
  std::string created_at;
};

struct ActivityInput {
  std::string indicator, id_number, name, region_code, date, detail, course, mode, hours, mentor, topic, support_kind;
};

struct Query {
  std::string indicator;
  std::string q;  // name prefix or ID number
  std::vector<std::string> region_codes;
  std::string from, to;
  int page = 1;
  int page_size = 20;
};

}  // namespace fg::activities
