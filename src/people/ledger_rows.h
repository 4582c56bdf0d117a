#pragma once
// The entrepreneurs import's validated rows and the fast check that produces most of them.
//
// A million-row ledger spent most of its validation time copying cells into std::strings
// (EntrepreneurInput, trim, date_text, …) before the rules looked at them. Here a clean row is
// checked on views of the file's cells and becomes a PersonRow of views (no allocation per row);
// anything the fast check is unsure of — a blank to trim inside a date, a lowercase x, a date
// written 2021/3/1, an error of any kind — goes through validate_person as before, so what is
// accepted and every error message are exactly those of the general rules.
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/date.h"
#include "people/model.h"
#include "regions/model.h"

namespace fg::people::detail {

// A validated person. The views point into the table's cell store, the region tree, static
// strings, or an Entrepreneur the general rules normalised (kept alive by the importer).
struct PersonRow {
  std::string_view id_number, name, phone, category, region_code, county_code, return_date, start_date;
  std::string_view sex;  // "male" | "female"
  char birth[10];        // YYYY-MM-DD from the ID number
  int line = 0;
  std::string_view birth_date() const { return {birth, sizeof birth}; }
};

// The row as the general rules see it (created_at/updated_at left empty).
Entrepreneur to_entrepreneur(const PersonRow& r);
// A PersonRow viewing `e`, which must outlive it.
PersonRow row_of(const Entrepreneur& e, int line);

// What region_field, county_of and the scope check answer for each region code, looked up by view.
class RegionTable {
 public:
  // scope: the importing user's region, or nullptr (the command line) for no scope check.
  RegionTable(const regions::Tree& tree, const std::string* scope);
  struct Info {
    std::string_view code, county;
    bool usable = false;  // a county or township, inside the scope
  };
  const Info* find(std::string_view code) const {
    auto it = map_.find(code);
    return it == map_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string_view, Info> map_;
};

// fg::trim without the copy.
std::string_view trim_view(std::string_view s);

// Cells of one ledger row, untrimmed, in the schema's meaning.
struct PersonCells {
  std::string_view id_number, name, region_code, category, start_date, phone, return_date;
};

// True, with `out` filled (line aside), when the row certainly passes validate_person and the
// scope check with nothing to normalise but blanks around cells; false when the general path
// has to decide. `today_iso` is today's date as YYYY-MM-DD.
bool fast_person(const PersonCells& cells, const RegionTable& regions, std::string_view today_iso, PersonRow& out);

}  // namespace fg::people::detail
