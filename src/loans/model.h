#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fg::loans {

inline const std::vector<std::pair<std::string, std::string>> kBorrowerTypes = {
    {"individual", "个人"}, {"partnership", "合伙"}, {"organization", "组织"}};

// A policy document and the guarantee-loan limits it sets (dates in force inclusive).
struct Policy {
  std::string doc_no;          // 文号, e.g. 安政办〔2020〕14号
  std::string issuer;
  std::string title;
  std::string effective_from;  // YYYY-MM-DD
  std::string effective_to;    // empty: still in force
  int64_t individual_limit_fen = 0;
  int64_t partnership_limit_fen = 0;
  int64_t organization_limit_fen = 0;
  std::string clause;
};

// A disbursed loan as the `loans` ledger of interchange.md records it.
struct Loan {
  int64_t id = 0;
  std::string loan_no;
  std::string id_number;
  std::string name;
  std::string region_code;
  std::string county_code;
  std::string borrower_type;
  int64_t amount_fen = 0;
  std::string disbursed_date;
  int64_t term_months = 0;
  std::string bank;
  bool credit_village = false;
  std::string policy_doc_no;
  std::string created_at;
};

}  // namespace fg::loans
