#pragma once
// The 18-character unified social credit code of legal persons and other organisations
// (统一社会信用代码, GB 32100-2015), which identifies every market entity: enterprises,
// individual businesses, farmers' cooperatives. Position 1 is the registration authority,
// 2 the kind of organisation, 3–8 the GB/T 2260 region code of the registering office, 9–17 the
// entity identifier (organisation code, GB 11714) and 18 a check character over the first 17.
// The alphabet is the digits and the capital letters without I, O, Z, S and V, which read like
// 1, 0, 2, 5 and U.
#include <compare>
#include <string>
#include <string_view>
#include <utility>

#include "base/error.h"

namespace fg {

class CreditCode {
 public:
  // Trims surrounding blanks and upper-cases letters, then checks 18 characters, the alphabet
  // and the check character; errors have field "credit_code". Only the GB 32100 check is
  // verified: the embedded organisation code's own check (GB 11714) is not, since codes are
  // valid as issued by the registration authority.
  static Result<CreditCode> parse(std::string_view text);

  // GB 32100-2015 check character: C18 = 31 − (Σ value(Ci) × Wi mod 31), with Wi = 3^(i−1) mod 31
  // (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) and 31 written as 0. Returns '\0' unless
  // first17 is 17 characters of the alphabet (upper case). Public for test-data generators.
  static char check_char(std::string_view first17);

  const std::string& str() const { return code_; }
  // Characters 3–8: the region code of the registering office, e.g. "350100".
  std::string region_prefix() const;

  friend auto operator<=>(const CreditCode& a, const CreditCode& b) { return a.code_ <=> b.code_; }
  friend bool operator==(const CreditCode& a, const CreditCode& b) { return a.code_ == b.code_; }

 private:
  explicit CreditCode(std::string code) : code_(std::move(code)) {}

  std::string code_;
};

}  // namespace fg
