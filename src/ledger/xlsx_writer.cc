#include "ledger/xlsx_writer.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "base/text.h"

namespace fg::ledger {

std::string write_xlsx(const Sheet& sheet) { return write_xlsx(std::vector<Sheet>{sheet}); }

std::string write_xlsx(const std::vector<Sheet>& sheets) {
  // libxlsxwriter 1.1.4 (Debian 12) can only write to a file, so write to a private temp file.
  namespace fs = std::filesystem;
  std::random_device rd;
  fs::path path = fs::temp_directory_path() /
                  ("fenggui-" + std::to_string(rd()) + "-" + std::to_string(rd()) + ".xlsx");
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_FALSE;
  opts.tmpdir = nullptr;
  opts.use_zip64 = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) throw std::runtime_error("cannot create workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE8EEF7);
  format_set_border(bold, LXW_BORDER_THIN);
  for (const auto& s : sheets) {
    const std::string name = xml_safe(s.name);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.empty() ? nullptr : name.c_str());
    for (size_t c = 0; c < s.headers.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), xml_safe(s.headers[c]).c_str(), bold);
      double w = c < s.widths.size() ? s.widths[c] : 16;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < s.rows.size(); ++r) {
      auto row = static_cast<lxw_row_t>(r + 1);
      for (size_t c = 0; c < s.rows[r].size(); ++c) {
        auto col = static_cast<lxw_col_t>(c);
        const Cell& cell = s.rows[r][c];
        // Text is always a string cell, never a formula (no cell is written with a formula, so a
        // stored "=HYPERLINK(…)" shows as text), and made well-formed for XML: libxlsxwriter
        // escapes markup but passes U+FFFE and control characters through into sharedStrings.xml.
        if (auto p = std::get_if<std::string>(&cell)) {
          if (find_unsafe_char(*p) == std::string::npos) worksheet_write_string(ws, row, col, p->c_str(), nullptr);
          else worksheet_write_string(ws, row, col, xml_safe(*p).c_str(), nullptr);
        }
        else if (auto p = std::get_if<int64_t>(&cell)) worksheet_write_number(ws, row, col, static_cast<double>(*p), nullptr);
        else if (auto p = std::get_if<double>(&cell)) worksheet_write_number(ws, row, col, *p, nullptr);
      }
    }
    if (!s.headers.empty()) {
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(s.rows.size()),
                           static_cast<lxw_col_t>(s.headers.size() - 1));
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::error_code ec;
    fs::remove(path, ec);
    throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::error_code ec;
  fs::remove(path, ec);
  return ss.str();
}

}  // namespace fg::ledger
