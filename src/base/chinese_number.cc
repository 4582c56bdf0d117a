#include "base/chinese_number.h"

#include <limits>

namespace fg {

namespace {

// 128-bit intermediates so that num × scale never overflows, whatever the int64 inputs.
// __extension__ keeps -Wpedantic quiet about the GCC/Clang built-in type.
__extension__ typedef unsigned __int128 U128;

// A rounded quotient as sign and magnitude: rounding and printing then only deal with
// non-negative values, and the most negative int64 needs no special case.
struct Rounded {
  bool negative;
  U128 value;
};

U128 magnitude(int64_t v) { return v < 0 ? U128(0) - U128(v) : U128(v); }

// num × scale / den, rounded half up on the magnitude (half away from zero overall).
Rounded scaled_round(int64_t num, int64_t den, uint64_t scale) {
  if (den == 0) return {false, 0};
  const U128 n = magnitude(num) * scale;
  const U128 d = magnitude(den);
  U128 q = n / d;
  if ((n % d) * 2 >= d) ++q;
  return {q != 0 && ((num < 0) != (den < 0)), q};
}

std::string digits(U128 v) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return out;
}

// Hundredths as text. trim drops the trailing zeros of the decimals (1293 → "12.93",
// 720 → "7.2", 500 → "5"); otherwise there are always two decimals ("100.00").
std::string format_hundredths(Rounded r, bool trim) {
  std::string out = r.negative ? "-" : "";
  out += digits(r.value / 100);
  const int cents = static_cast<int>(r.value % 100);
  if (trim && cents == 0) return out;
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  if (!trim || cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  return out;
}

constexpr int64_t kFenPerWan = 10000LL * 100;     // 1万元
constexpr int64_t kFenPerYi = 100000000LL * 100;  // 1亿元

}  // namespace

std::string fixed2_trim(int64_t numerator, int64_t denominator) {
  return format_hundredths(scaled_round(numerator, denominator, 100), true);
}

std::string count_cn(int64_t n) {
  if (magnitude(n) < 10000) return std::to_string(n);
  return fixed2_trim(n, 10000) + "万";
}

std::string yuan_cn(Fen amount) {
  const int64_t fen = amount.fen();
  if (magnitude(fen) < U128(kFenPerWan)) return fixed2_trim(fen, 100) + "元";
  const Rounded wan = scaled_round(fen, kFenPerWan, 100);
  // 99999999.99元 would round to "10000万元"; the letter's style says 1亿元.
  if (wan.value < U128(10000) * 100) return format_hundredths(wan, true) + "万元";
  return fixed2_trim(fen, kFenPerYi) + "亿元";
}

int64_t percent_hundredths(int64_t num, int64_t den) {
  const Rounded r = scaled_round(num, den, 10000);
  // Saturate rather than wrap for ratios no report produces (above ~9.2 × 10^14 %).
  constexpr auto kMax = static_cast<U128>(std::numeric_limits<int64_t>::max());
  const int64_t v =
      r.value > kMax ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(r.value);
  return r.negative ? -v : v;
}

std::string percent_string(int64_t hundredths) {
  return format_hundredths({hundredths < 0, magnitude(hundredths)}, false);
}

}  // namespace fg
