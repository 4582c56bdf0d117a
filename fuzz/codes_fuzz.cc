// The checks every imported or entered row goes through: the GB 11643-1999 citizen ID number,
// the GB 32100-2015 unified social credit code, dates (ISO 8601 and what ledgers write), Excel
// date serials, amounts in yuan, and the ledger's typed cell parsers. A value that passes is
// checked against its own standard again: the check character recomputes, and the value
// printed back parses to itself.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/credit_code.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "check.h"
#include "ledger/table.h"

namespace {

using namespace fg;

const Date kToday(2026, 1, 1);  // fixed, so that a crash reproduces on any day

void id_number(std::string_view text) {
  const char check = IdNumber::check_char(text);
  FG_FUZZ_CHECK(check == '\0' || std::strchr("10X98765432", check) != nullptr);
  Result<IdNumber> id = IdNumber::parse(text, kToday);
  if (!id) {
    fuzz::check_error(id.error());
    FG_FUZZ_CHECK(id.error().field == "id_number");
    return;
  }
  const std::string& s = id->str();
  FG_FUZZ_CHECK(s.size() == 18);
  FG_FUZZ_CHECK(IdNumber::check_char(std::string_view(s).substr(0, 17)) == s[17]);
  FG_FUZZ_CHECK(id->birth_date() >= Date(1900, 1, 1) && id->birth_date() <= kToday);
  FG_FUZZ_CHECK(id->age_on(kToday) >= 0);
  FG_FUZZ_CHECK(id->region_prefix() == s.substr(0, 6));
  FG_FUZZ_CHECK(id->masked().size() == 18 && id->masked().substr(4, 10) == "**********");
  Result<IdNumber> again = IdNumber::parse(s, kToday);
  FG_FUZZ_CHECK(again.ok() && *again == *id);
}

void credit_code(std::string_view text) {
  const char check = CreditCode::check_char(text);
  FG_FUZZ_CHECK(check == '\0' || std::strchr("0123456789ABCDEFGHJKLMNPQRTUWXY", check) != nullptr);
  Result<CreditCode> code = CreditCode::parse(text);
  if (!code) {
    fuzz::check_error(code.error());
    FG_FUZZ_CHECK(code.error().field == "credit_code");
    return;
  }
  const std::string& s = code->str();
  FG_FUZZ_CHECK(s.size() == 18);
  FG_FUZZ_CHECK(CreditCode::check_char(std::string_view(s).substr(0, 17)) == s[17]);
  FG_FUZZ_CHECK(code->region_prefix() == s.substr(2, 6));
  Result<CreditCode> again = CreditCode::parse(s);
  FG_FUZZ_CHECK(again.ok() && *again == *code);
}

void date(std::string_view text) {
  Result<Date> d = Date::parse(text);
  if (!d) {
    fuzz::check_error(d.error());
  } else {
    FG_FUZZ_CHECK(d->year() >= 1 && d->year() <= 9999);
    FG_FUZZ_CHECK(d->day() >= 1 && d->day() <= Date::days_in_month(d->year(), d->month()));
    Result<Date> again = Date::parse(d->iso());
    FG_FUZZ_CHECK(again.ok() && *again == *d);
    FG_FUZZ_CHECK(Date::from_days(d->days_since_epoch()) == *d);
  }
  Result<Date> cell = ledger::parse_date_cell(text, "start_date");
  if (!cell) {
    fuzz::check_error(cell.error());
    FG_FUZZ_CHECK(cell.error().field == "start_date");
  }
  FG_FUZZ_CHECK(!d.ok() || (cell.ok() && *cell == *d));  // the cell parser accepts at least as much
}

void excel_serial(std::string_view text) {
  if (text.size() < 8) return;
  int64_t serial = 0;
  std::memcpy(&serial, text.data(), 8);
  Result<Date> d = Date::from_excel_serial_checked(serial);
  if (!d) {
    fuzz::check_error(d.error());
    return;
  }
  FG_FUZZ_CHECK(*d >= Date(1900, 1, 1) && *d <= Date(9999, 12, 31));
  // Serials count days, one a day from 1900-03-01 (serial 61) on.
  if (serial > 61) FG_FUZZ_CHECK(d->days_since_epoch() - Date(1900, 3, 1).days_since_epoch() == serial - 61);
}

void amount(std::string_view text) {
  Result<Fen> fen = Fen::parse_yuan(text);
  if (!fen) {
    fuzz::check_error(fen.error());
    return;
  }
  FG_FUZZ_CHECK(fen->fen() >= 0);
  Result<Fen> again = Fen::parse_yuan(fen->yuan_string());
  FG_FUZZ_CHECK(again.ok() && again->fen() == fen->fen());
}

void cells(std::string_view text) {
  Result<int64_t> n = ledger::parse_nonneg_int(text, "jobs");
  if (n) {
    FG_FUZZ_CHECK(*n >= 0);
  } else {
    fuzz::check_error(n.error());
  }
  Result<bool> yes = ledger::parse_yes_no(text, "credit_village");
  if (!yes) fuzz::check_error(yes.error());
  Result<std::string> required = ledger::parse_required_text(text, "name");
  if (required) {
    FG_FUZZ_CHECK(!required->empty() && *required == trim(*required));
  } else {
    fuzz::check_error(required.error());
  }
  Result<std::string> category = ledger::parse_enum(
      text, "category", {{"migrant_worker", "农民工"}, {"graduate", "高校毕业生"}, {"other", "其他"}});
  if (category) {
    FG_FUZZ_CHECK(*category == "migrant_worker" || *category == "graduate" || *category == "other");
  } else {
    fuzz::check_error(category.error());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  id_number(text);
  credit_code(text);
  date(text);
  excel_serial(text);
  amount(text);
  cells(text);
  return 0;
}
