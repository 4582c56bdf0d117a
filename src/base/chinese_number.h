#pragma once
// Number formatting for Chinese report text, in the style of the bureau's letters: large counts
// in 万 (12.93万人), large sums in 亿 or 万 (4.13亿元, 20万元), rates as percentages with two
// decimals (76.28%). All arithmetic is on integers and every rounding is half up (half away
// from zero for negatives), so the same data always prints the same text.
#include <cstdint>
#include <string>

#include "base/money.h"

namespace fg {

// numerator / denominator with at most two decimals, rounded half up, trailing zeros dropped:
// "12.93", "7.2", "5". A zero denominator gives "0"; callers show a missing target otherwise.
std::string fixed2_trim(int64_t numerator, int64_t denominator);

// A count of people, entities or jobs: below 10000 as plain digits ("1907"), from 10000 in 万
// with fixed2_trim ("12.93万" for 129300). No unit is appended (人, 户, 个 vary).
std::string count_cn(int64_t n);

// An amount: from 1亿元 in 亿 ("4.13亿元"), from 1万元 in 万 ("20万元"), else in 元 ("5000元",
// "12.5元"); two decimals at most, trailing zeros dropped. An amount that would round up to
// 10000万元 is written in 亿 instead.
std::string yuan_cn(Fen amount);

// num / den × 100 as a percentage in hundredths, rounded half up: 1907 / 2500 → 7628 (76.28%).
// A zero denominator gives 0. This is the completion rate and time progress of the reports.
int64_t percent_hundredths(int64_t num, int64_t den);

// Hundredths of a percent with exactly two decimals: 7628 → "76.28", 10000 → "100.00".
std::string percent_string(int64_t hundredths);

}  // namespace fg
