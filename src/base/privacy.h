#pragma once
// Masking of personal numbers (GB/T 35273-2020 §6.2 de-identification on display): resident ID
// numbers and phone numbers are shown with their middle hidden unless a role needs them whole.
// These are the one place the masks are defined; lists, exports, the audit log and the access
// log all use them.
#include <string>
#include <string_view>

namespace fg {

// 4105**********123X: the first 4 and last 4 characters kept (shorter than 8: all hidden).
std::string mask_id_number(std::string_view id);

// 138****5678 for a mobile number; shorter numbers keep the same share hidden: at least 4
// characters and at least 4 in 11, never more than 3 leading and 4 trailing shown.
std::string mask_phone_number(std::string_view phone);

// Free text (a search as typed, a request target, an audit entry's values) with every number
// that has the shape of an ID number or a phone masked: a run of 15 or more digits (an ID
// number, its final X included), 11 digits starting with 1 (a mobile), 10–12 digits starting
// with 0 or 0AA(A)-LLLLLLL(L) (a landline with its area code). A run touching an ASCII letter or
// digit is part of a longer code (a unified social credit code) and stays; so do region codes,
// dates and loan numbers, which have none of these shapes.
std::string mask_personal_numbers(std::string_view text);

}  // namespace fg
