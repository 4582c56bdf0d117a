#pragma once
// Money is an integer count of fen (分, 1 元 = 100 分), never floating point: loan amounts,
// subsidies and awards must add up exactly, to the fen, in reports and in reconciliation with
// the banks.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace fg {

class Fen {
 public:
  constexpr Fen() = default;
  constexpr explicit Fen(int64_t fen) : fen_(fen) {}
  static constexpr Fen from_yuan(int64_t yuan) { return Fen(yuan * 100); }

  // Parses an amount in yuan as bureau ledgers write it: "150000", "150000.5", "150000.50",
  // "1,500,000.00" (thousands separators in groups of three), "15万", "15万元", "1.5亿",
  // "150000元". Decimals are read as integers, never through a double. Plain yuan take at most 2
  // decimal places; with 万 at most 6 and with 亿 at most 10, which is what stays exact in fen.
  // Negative amounts and anything else are refused with an Error (no field; the caller knows the
  // column) that quotes the text.
  static Result<Fen> parse_yuan(std::string_view text);

  constexpr int64_t fen() const { return fen_; }
  // "150000.00": yuan with exactly two decimals, no grouping, "-" when negative.
  std::string yuan_string() const;

  Fen& operator+=(Fen other) {
    fen_ += other.fen_;
    return *this;
  }
  Fen& operator-=(Fen other) {
    fen_ -= other.fen_;
    return *this;
  }
  friend constexpr Fen operator+(Fen a, Fen b) { return Fen(a.fen_ + b.fen_); }
  friend constexpr Fen operator-(Fen a, Fen b) { return Fen(a.fen_ - b.fen_); }
  // Scaling by a count, e.g. 5000元 per 创业之星 times the number of stars in a forecast.
  friend constexpr Fen operator*(Fen a, int64_t n) { return Fen(a.fen_ * n); }
  friend constexpr Fen operator*(int64_t n, Fen a) { return Fen(a.fen_ * n); }
  friend constexpr auto operator<=>(Fen, Fen) = default;
  friend constexpr bool operator==(Fen, Fen) = default;

 private:
  int64_t fen_ = 0;
};

// The largest amount one money field may hold: 1亿元 (10^10 fen). Nothing the bureau records in one
// entry comes near it (the largest loan limit, for organisations under 安政办〔2020〕14号, is
// 150万元), and 900 million such amounts still add up inside int64, so no report or figure that
// sums money fields can overflow (SQLite raises "integer overflow" on SUM rather than wrapping).
inline constexpr int64_t kMaxAmountFen = 10'000'000'000;  // every money check refers to this bound


}  // namespace fg
