#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fg::people {

// Enumerations as (key, 中文 label) pairs: ledgers may use either (interchange.md).
inline const std::vector<std::pair<std::string, std::string>> kCategories = {
    {"migrant_worker", "农民工"}, {"graduate", "高校毕业生"}, {"veteran", "退役军人"},
    {"returnee_talent", "在外成功人士"}, {"other", "其他"}};
inline const std::vector<std::pair<std::string, std::string>> kEntityTypes = {
    {"enterprise", "企业"}, {"individual", "个体工商户"}, {"cooperative", "农民专业合作社"},
    {"family_farm", "家庭农场"}};

std::string label_of(const std::vector<std::pair<std::string, std::string>>& e, const std::string& key);

struct Entrepreneur {
  int64_t id = 0;
  std::string id_number;     // 18 characters, check character verified
  std::string name;
  std::string sex;           // male | female, from the ID number
  std::string birth_date;    // from the ID number
  std::string phone;
  std::string category;      // key of kCategories
  std::string region_code;   // county or township
  std::string county_code;
  std::string return_date;   // may be empty
  std::string start_date;
  std::string created_at;
  std::string updated_at;
};

struct MarketEntity {
  int64_t id = 0;
  std::string credit_code;   // GB 32100, check character verified
  std::string name;
  std::string entity_type;   // key of kEntityTypes
  std::string region_code;
  std::string county_code;
  std::string registered_date;
  std::string industry;
  int64_t jobs = 0;
  std::vector<int64_t> founder_ids;
  std::string created_at;
  std::string updated_at;
};

// What a form or a ledger row supplies, before validation.
struct EntrepreneurInput {
  std::string id_number, name, phone, category, region_code, return_date, start_date;
};
struct EntityInput {
  std::string credit_code, name, entity_type, region_code, registered_date, industry, jobs;
  std::vector<std::string> founder_id_numbers;
};

struct PersonQuery {
  std::string q;                  // name, full ID number, or its last digits
  std::vector<std::string> region_codes;  // scope (always set by the service)
  std::string category;
  std::string start_from, start_to;
  std::string sort = "-id";
  int page = 1;
  int page_size = 20;             // 0: all (export)
};

struct EntityQuery {
  std::string q;                  // name or credit code
  std::vector<std::string> region_codes;
  std::string entity_type;
  std::string registered_from, registered_to;
  std::string sort = "-id";
  int page = 1;
  int page_size = 20;
};

}  // namespace fg::people
