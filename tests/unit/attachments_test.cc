// The attachments facility: db::Bytes on both engines, the pure rules, the store, and the migration
// that moved the loans' base64 and the competitions' hex into one table of bytes.
#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "attachments/rules.h"
#include "attachments/service.h"
#include "base/embedded.h"
#include "db/database.h"
#include "db/migrate.h"
#include "test_db.h"

namespace fg::attachments {
namespace {

std::string all_bytes() {
  std::string s;
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  return s;
}
std::string random_bytes(size_t n) {
  std::mt19937 rng(42);
  std::string s(n, '\0');
  for (auto& ch : s) ch = static_cast<char>(rng() & 0xFF);
  return s;
}
std::string to_base64(const std::string& b) {
  std::string out(sodium_base64_encoded_len(b.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(b.data()), b.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}
std::string to_hex(const std::string& b) {
  std::string out(b.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(b.data()), b.size());
  out.pop_back();
  return out;
}
const std::string kPdf = std::string("%PDF-1.4\n\0\x01\x02", 12) + "%%EOF";

Policy policy(std::string owner_kind, int64_t max_count = 20, std::size_t max_bytes = 10u << 20) {
  Policy p;
  p.owner_kind = std::move(owner_kind);
  p.max_count = max_count;
  p.max_bytes = max_bytes;
  return p;
}

// ---- db::Bytes --------------------------------------------------------------------------------

class BytesTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped()) return;
    auto c = db->acquire();
    c->exec_script(db::render_migration("CREATE TABLE blobs (id INTEGER PRIMARY KEY, b {{blob}})", c->dialect()));
  }
  std::string round_trip(db::Param p, int id) {
    auto c = db->acquire();
    c->execute("INSERT INTO blobs (id, b) VALUES (?, ?)", {id, std::move(p)});
    auto r = c->query_one("SELECT b FROM blobs WHERE id = ?", {id});
    EXPECT_TRUE(r && !r->is_null(0));
    return r ? r->bytes(0) : "";
  }
};

TEST_P(BytesTest, EveryByteValueRoundTrips) {
  EXPECT_EQ(round_trip(db::Bytes{all_bytes()}, 1), all_bytes());
  std::string nul(3, '\0');
  EXPECT_EQ(round_trip(db::Bytes{nul}, 2), nul) << "NULs are data, not terminators";
  const std::string borrowed = all_bytes() + all_bytes();
  EXPECT_EQ(round_trip(db::Param::borrow_bytes(borrowed), 3), borrowed);
}

TEST_P(BytesTest, EmptyIsNotNullAndNullStaysNull) {
  EXPECT_EQ(round_trip(db::Bytes{""}, 1), "");
  auto c = db->acquire();
  c->execute("INSERT INTO blobs (id, b) VALUES (?, ?)", {2, nullptr});
  auto r = c->query_one("SELECT b, LENGTH(b) FROM blobs WHERE id = ?", {1});
  EXPECT_EQ(r->i64(1), 0);
  auto n = c->query_one("SELECT b FROM blobs WHERE id = ?", {2});
  EXPECT_TRUE(n->is_null(0));
  EXPECT_EQ(n->bytes(0), "");
}

TEST_P(BytesTest, OneMegabyteRoundTrips) {
  const std::string big = random_bytes(1u << 20);
  EXPECT_EQ(round_trip(db::Bytes{big}, 1), big);
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT LENGTH(b) FROM blobs WHERE id = 1"), 1 << 20) << "stored as bytes, not as text";
}

TEST_P(BytesTest, DecodesHexAndBase64TheSameOnBothEngines) {
  auto c = db->acquire();
  EXPECT_EQ(c->query_one("SELECT decode(?, 'hex')", {to_hex(all_bytes())})->bytes(0), all_bytes());
  EXPECT_EQ(c->query_one("SELECT decode(?, 'base64')", {to_base64(all_bytes())})->bytes(0), all_bytes());
  EXPECT_EQ(c->query_one("SELECT decode(?, 'hex')", {std::string()})->bytes(0), "");
  EXPECT_THROW(c->query("SELECT decode(?, 'base64')", {"not base64!"}), db::DbError);
}

INSTANTIATE_TEST_SUITE_P(Engines, BytesTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

// ---- rules ------------------------------------------------------------------------------------

TEST(AttachmentRulesTest, TypeIsJudgedByContent) {
  struct Case {
    std::string bytes, type;
  };
  const std::vector<Case> cases = {
      {"%PDF-1.7 ...", "application/pdf"},
      {std::string("\x89PNG\r\n\x1a\n", 8) + "data", "image/png"},
      {"\xFF\xD8\xFF\xE0 jfif", "image/jpeg"},
      {"MZ\x90 an exe", ""},
      {"%PD", ""},
      {"GIF89a", ""},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(sniff(c.bytes), c.type) << c.bytes;
}

TEST(AttachmentRulesTest, ExtensionMustAgreeOnlyWhenThePolicySaysSo) {
  EXPECT_TRUE(extension_agrees("Plan.PDF", "application/pdf"));
  EXPECT_TRUE(extension_agrees("a.jpeg", "image/jpeg"));
  EXPECT_TRUE(extension_agrees("a.jpg", "image/jpeg"));
  EXPECT_FALSE(extension_agrees("a.png", "application/pdf"));
  EXPECT_FALSE(extension_agrees("pdf", "application/pdf"));
  const Policy loose = policy("t");
  Policy strict = policy("t");
  strict.extension_must_agree = true;
  EXPECT_EQ(accept(loose, "plan.png", kPdf)->content_type, "application/pdf") << "content decides";
  EXPECT_FALSE(accept(strict, "plan.png", kPdf));
  EXPECT_EQ(accept(strict, "plan.pdf", kPdf)->content_type, "application/pdf");
}

TEST(AttachmentRulesTest, FileNamesAreCleaned) {
  const NameRule front{.max_bytes = 80, .keep_end = false, .fallback = "附件"};
  const NameRule end{.max_bytes = 10, .keep_end = true, .fallback = ""};
  struct Case {
    std::string in;
    const NameRule* rule;
    std::string out;
  };
  const std::string long_name = std::string(100, 'a') + ".pdf";
  const std::vector<Case> cases = {
      {"../../商业计划书.pdf", &front, "商业计划书.pdf"},
      {"C:\\Users\\x\\plan.pdf", &front, "plan.pdf"},
      {"a\"b;c\x01\x7f d.pdf", &front, "abc d.pdf"},
      {"  spaced.pdf  ", &front, "spaced.pdf"},
      {"../", &front, "附件"},
      {"\x01\x02", &end, ""},
      {long_name, &front, std::string(80, 'a') + "\xE2\x80\xA6"},
      {long_name, &end, "aaaaaa.pdf"},
      {"计划书.pdf", &end, "划书.pdf"},
      {"计划书x.pdf", &end, "书x.pdf"},  // 14 bytes: the cut falls inside 划, which goes whole
  };
  for (const auto& c : cases) EXPECT_EQ(clean_filename(c.in, *c.rule), c.out) << c.in;
}

Error refuse_for_test(const Policy&, Refusal r) { return errors::invalid("file", "z", "refusal " + std::to_string(static_cast<int>(r))); }

TEST(AttachmentRulesTest, ChecksRunInOrderWithThePolicysLimitsAndTexts) {
  const Policy p{.owner_kind = "t",
                 .max_bytes = 16,
                 .max_count = 2,
                 .name = {.max_bytes = 80, .keep_end = false, .fallback = ""},
                 .refuse = &refuse_for_test};
  struct Case {
    std::string name, bytes;
    Refusal why;
  };
  const std::vector<Case> cases = {
      {"", "", Refusal::no_name},
      {"a.pdf", "", Refusal::empty},
      {"a.pdf", std::string("%PDF-") + std::string(20, 'x'), Refusal::too_large},
      {"a.pdf", "plain text", Refusal::wrong_type},
  };
  for (const auto& c : cases) {
    auto r = accept(p, c.name, c.bytes);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().en, "refusal " + std::to_string(static_cast<int>(c.why))) << c.name;
  }
  EXPECT_TRUE(accept(p, "a.pdf", "%PDF-1.4"));
  EXPECT_TRUE(room_for_one(p, 1));
  EXPECT_EQ(room_for_one(p, 2).error().en, "refusal 4");
  // Without texts of its own a module gets the defaults: 413 for size, 422 for the rest.
  const Policy plain = policy("t", 20, 4);
  EXPECT_EQ(accept(plain, "a.pdf", "%PDF-1.4").error().kind, ErrorKind::too_large);
  EXPECT_EQ(accept(plain, "a.pdf", "x").error().kind, ErrorKind::invalid);
}

// ---- the store and the migration, on both engines --------------------------------------------

class FacilityTest : public testing::EngineTest {};

const Policy kLoanLike = policy("loan_application", 2);
const Policy kEntryLike = policy("competition_entry", 10);

TEST_P(FacilityTest, StoresListsFindsAndRemovesPerOwner) {
  db::migrate(*db);
  auto c = db->acquire();
  const std::string big = std::string("%PDF-") + random_bytes(1u << 20);
  auto up = accept(kLoanLike, "big.pdf", big);
  ASSERT_TRUE(up);
  auto a = add(*c, kLoanLike, 7, "", *up, big, "town", "2026-01-02T03:04:05+08:00");
  ASSERT_TRUE(a) << a.error().en;
  EXPECT_EQ(a->size, static_cast<int64_t>(big.size()));
  auto b = add(*c, kEntryLike, 7, "plan", *up, big, "boss", "2026-01-02T03:04:05+08:00");
  ASSERT_TRUE(b);
  EXPECT_NE(a->id, b->id) << "new ids are unique across owner kinds";
  auto f = find(*c, kLoanLike, 7, a->id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->bytes, big);
  EXPECT_EQ(f->meta.uploaded_by, "town");
  EXPECT_FALSE(find(*c, kLoanLike, 8, a->id)) << "another owner's id is not found";
  EXPECT_FALSE(find(*c, kLoanLike, 7, b->id)) << "nor another kind's";
  EXPECT_EQ(find(*c, kEntryLike, 7, b->id)->meta.kind, "plan");
  ASSERT_TRUE(add(*c, kLoanLike, 7, "", *up, big, "town", "t"));
  EXPECT_FALSE(add(*c, kLoanLike, 7, "", *up, big, "town", "t")) << "the policy's count";
  EXPECT_EQ(list(*c, kLoanLike, 7).size(), 2u);
  remove(*c, kLoanLike, 7, a->id);
  EXPECT_FALSE(find(*c, kLoanLike, 7, a->id));
  EXPECT_EQ(list(*c, kLoanLike, 7).size(), 1u);
  EXPECT_EQ(list(*c, kEntryLike, 7).size(), 1u);
}

TEST_P(FacilityTest, MigrationMovesTheOldTablesKeepingTheirIds) {
  auto c = db->acquire();
  const bool pg = c->dialect() == db::Dialect::postgresql;
  c->exec_script("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  std::vector<std::pair<std::string, std::string_view>> files;
  for (const auto& [name, body] : embedded_files()) {
    if (name.size() > 4 && std::isdigit(static_cast<unsigned char>(name[0])) && name.ends_with(".sql")) {
      files.emplace_back(std::string(name), body);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& [name, body] : files) {
    int version = std::stoi(name.substr(0, 4));
    if (version >= 11) break;
    c->exec_script(db::render_migration(body, c->dialect()));
    c->execute("INSERT INTO schema_migrations VALUES (?, ?, 'test')", {version, name});
  }
  // The owners are not the point here: no foreign keys for the old rows.
  if (pg) {
    c->exec_script("ALTER TABLE loan_attachments DROP CONSTRAINT loan_attachments_application_id_fkey;"
                   "ALTER TABLE competition_files DROP CONSTRAINT competition_files_entry_id_fkey");
  } else {
    c->exec_script("PRAGMA foreign_keys = OFF");
  }
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + all_bytes();
  for (int i = 0; i < 3; ++i) {
    c->execute("INSERT INTO loan_attachments (application_id, filename, content_type, size, data, uploaded_by, uploaded_at) "
               "VALUES (5, ?, 'application/pdf', ?, ?, 'town', '2026-01-01T08:00:00+08:00')",
               {"f" + std::to_string(i) + ".pdf", static_cast<int64_t>(kPdf.size() + i), to_base64(kPdf + std::string(i, '\0'))});
  }
  c->execute("DELETE FROM loan_attachments WHERE id = 3");  // its id stays used
  for (int i = 0; i < 2; ++i) {
    c->execute("INSERT INTO competition_files (entry_id, kind, filename, content_type, size, content_hex, created_at) "
               "VALUES (9, ?, 'p.png', 'image/png', ?, ?, '2026-02-01T08:00:00+08:00')",
               {i == 0 ? "plan" : "other", static_cast<int64_t>(png.size()), to_hex(png)});
  }
  if (!pg) c->exec_script("PRAGMA foreign_keys = ON");

  auto applied = db::migrate(*db);
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), "0011_attachments.sql");

  auto l1 = find(*c, kLoanLike, 5, 1);
  auto l2 = find(*c, kLoanLike, 5, 2);
  ASSERT_TRUE(l1 && l2);
  EXPECT_EQ(l1->bytes, kPdf);
  EXPECT_EQ(l2->bytes, kPdf + std::string(1, '\0'));
  EXPECT_EQ(l2->meta.filename, "f1.pdf");
  EXPECT_EQ(l2->meta.uploaded_by, "town");
  EXPECT_FALSE(find(*c, kLoanLike, 5, 3));
  auto e1 = find(*c, kEntryLike, 9, 1);
  auto e2 = find(*c, kEntryLike, 9, 2);
  ASSERT_TRUE(e1 && e2) << "the same ids as the loans' files, in their own id space";
  EXPECT_EQ(e1->bytes, png);
  EXPECT_EQ(e1->meta.kind, "plan");
  EXPECT_EQ(e2->meta.kind, "other");
  EXPECT_EQ(e2->meta.uploaded_at, "2026-02-01T08:00:00+08:00");
  EXPECT_THROW(c->query("SELECT COUNT(*) FROM loan_attachments"), db::DbError);
  EXPECT_THROW(c->query("SELECT COUNT(*) FROM competition_files"), db::DbError);

  auto up = accept(kEntryLike, "n.pdf", kPdf);
  auto fresh = add(*c, kEntryLike, 9, "plan", *up, kPdf, "boss", "t");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->id, 4) << "above every id the old tables gave, the deleted one included";
}

INSTANTIATE_TEST_SUITE_P(Engines, FacilityTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fg::attachments
