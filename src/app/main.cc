// The command line: one binary for the server and for operators (see `fenggui --help`).
// Exit codes: 0 success, 1 refused or failed, 2 bad usage.
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>

#include "app/app.h"
#include "app/demo.h"
#include "auth/model.h"
#include "db/backup.h"
#include "http/client_address.h"
#include "http/server.h"
#include "app/imports.h"
#include "reports/progress.h"

namespace {

using fg::auth::Actor;

int report_error(const fg::Error& e) {
  std::cerr << "错误: " << e.zh;
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  std::cerr << "\nerror: " << e.en << "\n";
  return 1;
}

std::string find_web_root(const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0);
  for (fs::path p : {exe.parent_path() / ".." / "web" / "dist", fs::path("web") / "dist"}) {
    if (fs::exists(p / "index.html", ec)) return fs::weakly_canonical(p).string();
  }
  return {};
}

// A ledger import of 10^6 rows touches about a gigabyte of fresh memory (the file, its cells, the
// rows, SQLite's page cache and sorter). On virtual machines such as the bureau's, a page fault
// and a TLB miss on 4 KiB pages cost more than the work on the data: glibc's transparent huge
// pages for malloc (the tunable glibc.malloc.hugetlb=1, glibc >= 2.35) made the import 7–21 %
// faster (docs/performance.md). Tunables are read at start-up only, so `import` runs itself
// again with the tunable added, once; nothing changes when the exec fails or the operator set
// GLIBC_TUNABLES (or FENGGUI_NO_HUGE_PAGES) themselves.
void reexec_with_huge_pages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") || std::getenv("FENGGUI_NO_HUGE_PAGES")) return;
  if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 0) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed: carry on as we are
}

// The route table of the application `serve` runs. The App is built exactly as for `serve`, on a
// throwaway SQLite database in a temporary folder (the routes do not depend on any data), so the
// API tests can read the table from the binary and never drift from it.
// The permission table (auth/permissions.h): what each named permission allows, and to whom.
int print_permissions(const std::string& format) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : fg::auth::permission_table()) {
    nlohmann::json roles = nlohmann::json::array();
    for (auto r : fg::auth::kAllRoles) {
      if (fg::auth::allows(r, p.id)) roles.push_back(std::string(fg::auth::role_key(r)));
    }
    out.push_back({{"key", p.key}, {"roles", roles}, {"zh", p.zh}, {"en", p.en}});
  }
  if (format == "json") {
    std::cout << out.dump(2, ' ', false) << "\n";
    return 0;
  }
  for (const auto& p : out) {
    std::string roles;
    for (const auto& k : p["roles"]) roles += (roles.empty() ? "" : ",") + k.get<std::string>();
    std::printf("%-28s %-60s %s\n", p["key"].get<std::string>().c_str(), roles.c_str(), p["zh"].get<std::string>().c_str());
  }
  return 0;
}

int print_routes(const std::string& format) {
  spdlog::set_level(spdlog::level::err);  // the table alone on standard output
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) / ("fenggui-routes-" + std::to_string(::getpid()));
  int rc = 0;
  try {
    fs::create_directories(dir);
    nlohmann::json table;
    {
      fg::app::App app("sqlite:" + (dir / "routes.db").string());
      table = fg::http::route_table(app.router());
    }
    if (format == "json") {
      std::cout << table.dump(2, ' ', false) << "\n";
    } else {
      for (const auto& r : table) {
        std::string roles;
        if (r["access"] == "public") {
          roles = "(public)";
        } else if (r["roles"].size() == fg::auth::kAllRoles.size()) {
          roles = "(every role)";
        } else {
          for (const auto& k : r["roles"]) roles += (roles.empty() ? "" : ",") + k.get<std::string>();
        }
        std::printf("%-7s %-58s %-10s %s%s\n", r["method"].get<std::string>().c_str(),
                    r["pattern"].get<std::string>().c_str(), r["access"].get<std::string>().c_str(), roles.c_str(),
                    r["target"].is_null() ? "" : (" [" + r["target"].get<std::string>() + "]").c_str());
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "错误 error: " << e.what() << "\n";
    rc = 1;
  }
  fs::remove_all(dir, ec);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"凤归 Fenggui — 返乡创业服务信息系统 / returnee entrepreneurship information system"};
  cli.require_subcommand(1);
  std::string db_url = fg::db::default_url();
  cli.add_option("--db", db_url, "sqlite:PATH or postgresql://… (default $FENGGUI_DB, else sqlite:data/fenggui.db)")
      ->capture_default_str();

  // serve
  auto* serve = cli.add_subcommand("serve", "Run the HTTP server and web app");
  fg::http::ServerOptions sopts;
  bool secure_cookies = false;
  serve->add_option("--host", sopts.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", sopts.port, "Port")->capture_default_str()->check(CLI::Range(1, 65535));
  serve->add_option("--web", sopts.web_root, "Folder of the built web app (default: web/dist beside the build)");
  serve->add_option("--threads", sopts.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 64));
  serve->add_flag("--secure-cookies", secure_cookies, "Mark the session cookie Secure (when served over HTTPS)");
  serve->add_option("--trusted-proxy", sopts.trusted_proxies,
                    "A reverse proxy (address or CIDR network, repeatable) whose X-Forwarded-For / Forwarded header "
                    "names the client; default none (docs/operations.md)")
      ->envname("FENGGUI_TRUSTED_PROXIES")
      ->delimiter(',');
  serve->add_option("--hash-threads", sopts.hash_threads,
                    "Threads that hash passwords, apart from --threads (default max(1, cores / 2))")
      ->check(CLI::Range(1, 64));

  auto* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema and load the region table");

  // user …
  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  fg::auth::Service::NewUser nu;
  fg::auth::Service::Links links;
  auto* uadd = user->add_subcommand("add", "Add a user");
  uadd->add_option("--username", nu.username, "Login name (3–32 letters, digits, _ . -)")->required();
  uadd->add_option("--password", nu.password, "Password (≥ 8 characters with letters and digits, not a common one, not containing the username)")->required();
  uadd->add_option("--role", nu.role,
                   "city_admin | county_officer | township_staff | expert | mentor | bank | entrepreneur | auditor")
      ->required();
  uadd->add_option("--region", nu.region_code, "Region code, e.g. 410500 (city), 410581 (林州市)")->required();
  uadd->add_option("--name", nu.display_name, "Display name (default: the username)");
  uadd->add_option("--org-kind", links.org_kind, "Bank users: bank (经办银行, default) or guarantee_fund (担保机构)");
  uadd->add_option("--org-name", links.org_name, "Bank users: the bank or fund's name");
  uadd->add_option("--id-number", links.id_number, "Entrepreneur users: ID number of their registry record");
  auto* ulist = user->add_subcommand("list", "List users");
  std::string username, password;
  auto* udisable = user->add_subcommand("disable", "Disable a user (their sessions end)");
  udisable->add_option("--username", username, "Login name")->required();
  auto* uenable = user->add_subcommand("enable", "Enable a disabled user");
  uenable->add_option("--username", username, "Login name")->required();
  auto* upasswd = user->add_subcommand("passwd", "Set a user's password (their sessions end)");
  upasswd->add_option("--username", username, "Login name")->required();
  upasswd->add_option("--password", password, "New password")->required();

  auto* backup = cli.add_subcommand("backup", "Write a consistent copy of the database to a file");
  std::string backup_out;
  backup->add_option("--out", backup_out, "Output file (SQLite database file, or pg_dump SQL for PostgreSQL)")
      ->required();

  auto* import = cli.add_subcommand("import", "Import a ledger (CSV in UTF-8 or GB18030, or XLSX); see interchange.md");
  std::string import_kind, import_file, rejects_file;
  bool skip_invalid = false;
  import->add_option("KIND", import_kind, "entrepreneurs | market_entities | activities | targets | loans")
      ->required()
      ->check(CLI::IsMember(fg::app::import_kinds()));
  import->add_option("FILE", import_file, "The ledger file")->required()->check(CLI::ExistingFile);
  import->add_flag("--skip-invalid", skip_invalid, "Write the good rows; put the bad ones in the rejects file");
  import->add_option("--rejects", rejects_file, "Where to write the rejected rows (default FILE.rejects.csv)");

  auto* report = cli.add_subcommand("report", "Reports from live data");
  report->require_subcommand(1);
  auto* progress = report->add_subcommand("progress", "The progress report of interchange.md");
  std::string rep_region, rep_from, rep_to, rep_format = "json", rep_out;
  progress->add_option("--region", rep_region, "Region code, e.g. 410500")->required();
  progress->add_option("--from", rep_from, "First day, YYYY-MM-DD")->required();
  progress->add_option("--to", rep_to, "Last day, YYYY-MM-DD (fixes the year)")->required();
  progress->add_option("--format", rep_format, "json | text | xlsx")
      ->capture_default_str()
      ->check(CLI::IsMember({"json", "text", "xlsx"}));
  progress->add_option("--out", rep_out, "Write to this file instead of standard output");

  auto* demo = cli.add_subcommand("demo", "Load demonstration accounts (idempotent) and print how to log in");

  auto* routes = cli.add_subcommand(
      "routes", "Print every HTTP route with who may call it (the router `serve` runs; no database is touched)");
  std::string routes_format = "text";
  routes->add_option("--format", routes_format, "text | json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));

  auto* meta = cli.add_subcommand("meta", "Print what GET /api/v1/meta serves: permissions, menu, ledger schemas, audit codes (JSON)");
  auto* permissions = cli.add_subcommand("permissions", "Print the permission table: each permission and the roles holding it");
  std::string permissions_format = "text";
  permissions->add_option("--format", permissions_format, "text | json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    cli.exit(e);
    return 2;
  }

  if (routes->parsed()) return print_routes(routes_format);
  if (permissions->parsed()) return print_permissions(permissions_format);
  if (meta->parsed()) {
    std::cout << fg::app::meta_json().dump(2, ' ', false) << "\n";
    return 0;
  }
  if (import->parsed()) reexec_with_huge_pages(argv);
  bool serving = serve->parsed();
  if (serving) {
    if (auto t = fg::http::TrustedProxies::parse(sopts.trusted_proxies); !t) {
      report_error(t.error());
      return 2;
    }
  }
  spdlog::set_level(serving ? spdlog::level::info : spdlog::level::warn);
  if (const char* lvl = std::getenv("FENGGUI_LOG"); lvl && *lvl) spdlog::set_level(spdlog::level::from_str(lvl));
  try {
    // The demo tells its story at the dates it happened, on a clock of its own (base/clock.h).
    fg::ManualClock demo_clock(fg::Clock::system().unix_seconds());
    fg::app::Options options{secure_cookies};
    if (demo->parsed()) options.clock = &demo_clock;
    fg::app::App app(db_url, options);
    Actor cli_actor = Actor::cli();
    // Every command ends by moving the auth state database's audit outbox into the audit log
    // (SQLite, docs/decisions.md 31): what a server left there reaches the log even when no server
    // runs. A short wait: a command run during a bulk import leaves them for the server's flush.
    struct FlushAtEnd {
      fg::app::App& app;
      int wait_ms;
      ~FlushAtEnd() {
        try {
          if (!app.flush_audit(wait_ms)) spdlog::warn("audit outbox: database busy, entries left for the next flush");
        } catch (const std::exception& e) {
          spdlog::warn("audit outbox flush failed: {}", e.what());
        }
      }
    } flush_at_end{app, serving ? fg::db::Connection::kDefaultLockWaitMs : 2000};

    if (serving) {
      if (sopts.web_root.empty()) sopts.web_root = find_web_root(argv[0]);
      spdlog::info("database {}", app.db().describe());
      if (app.has_audit_outbox()) spdlog::info("auth state database {}", app.auth_state_db().describe());
      // The outbox reaches audit_log about once a second; while the records' writer lock is held
      // (a bulk import) a flush gives up after 100 ms and the next one tries again.
      std::jthread flusher;
      if (app.has_audit_outbox()) {
        flusher = std::jthread([&app](std::stop_token stop) {
          std::mutex mu;
          std::condition_variable_any cv;
          while (!stop.stop_requested()) {
            {
              std::unique_lock lock(mu);
              cv.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
            }
            if (stop.stop_requested()) break;
            try {
              app.flush_audit(100);
            } catch (const std::exception& e) {
              spdlog::warn("audit outbox flush failed: {}", e.what());
            }
          }
        });
      }
      fg::http::serve(app.router(), sopts);
      return 0;
    }
    if (migrate->parsed()) {
      std::cout << "database ready: " << app.db().describe() << "\n";
      return 0;
    }
    if (uadd->parsed()) {
      auto u = app.auth().create_user(cli_actor, nu, links);
      if (!u) return report_error(u.error());
      std::cout << "added user " << u->username << " (id " << u->id << ", " << fg::auth::role_key(u->role) << ", "
                << u->region_code << ")\n";
      return 0;
    }
    if (ulist->parsed()) {
      fg::auth::store::UserQuery q;
      q.page_size = 0;
      auto page = app.auth().list_users(cli_actor, q, "");
      if (!page) return report_error(page.error());
      auto tree = app.regions().tree();
      std::printf("%-5s %-20s %-16s %-8s %-18s %s\n", "id", "username", "role", "region", "status", "name");
      for (const auto& u : page->items) {
        const auto* r = tree->find(u.region_code);
        std::printf("%-5lld %-20s %-16s %-8s %-18s %s (%s)\n", static_cast<long long>(u.id), u.username.c_str(),
                    std::string(fg::auth::role_key(u.role)).c_str(), u.region_code.c_str(),
                    u.disabled ? "disabled" : "active", u.display_name.c_str(), r ? r->name.c_str() : "");
      }
      return 0;
    }
    if (udisable->parsed() || uenable->parsed()) {
      fg::auth::Service::Change ch;
      ch.disabled = udisable->parsed();
      auto u = app.auth().change_user(cli_actor, username, ch);
      if (!u) return report_error(u.error());
      std::cout << (u->disabled ? "disabled " : "enabled ") << u->username << "\n";
      return 0;
    }
    if (upasswd->parsed()) {
      auto r = app.auth().reset_password(cli_actor, username, password);
      if (!r) return report_error(r.error());
      std::cout << "password set for " << username << "\n";
      return 0;
    }
    if (backup->parsed()) {
      // SQLite: the auth state database beside it too (sessions, locks, the audit outbox), copied
      // first: an outbox entry flushed in between is then in both copies (the flush after a
      // restore skips it by its key), never in neither.
      std::string state_out;
      if (auto state_url = fg::db::auth_state_url(db_url)) {
        state_out = fg::db::auth_state_path(backup_out);
        auto rs = fg::db::backup(app.auth_state_db(), *state_url, state_out);
        if (!rs) return report_error(rs.error());
      }
      auto r = fg::db::backup(app.db(), db_url, backup_out);
      if (!r) return report_error(r.error());
      std::cout << "backup written to " << backup_out << "\n";
      if (!state_out.empty()) std::cout << "auth state backup written to " << state_out << "\n";
      return 0;
    }
    if (import->parsed()) {
      std::ifstream in(import_file, std::ios::binary);
      std::string bytes(std::filesystem::file_size(import_file), '\0');
      in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      auto rep = fg::app::import_ledger(app.kernel(), cli_actor, import_kind, bytes,
                                        std::filesystem::path(import_file).filename().string(),
                                        fg::ledger::ImportOptions{skip_invalid});
      if (!rep) return report_error(rep.error());
      for (const auto& c : rep->unknown_columns) std::cerr << "注意 note: 未知列 unknown column: " << c << "\n";
      for (const auto& e : rep->errors) {
        std::cerr << "第" << e.line << "行 line " << e.line;
        if (!e.column.empty()) std::cerr << " [" << e.column << "]";
        std::cerr << ": " << e.zh << " / " << e.en << "\n";
      }
      if (!rep->written) {
        std::cerr << "拒绝导入：" << rep->rejected << " 行有误，未写入任何数据 / refused: " << rep->rejected
                  << " bad rows, nothing written\n";
        return 1;
      }
      if (!rep->rejects_csv.empty()) {
        if (rejects_file.empty()) rejects_file = import_file + ".rejects.csv";
        std::ofstream(rejects_file, std::ios::binary) << rep->rejects_csv;
        std::cerr << "rejects: " << rejects_file << "\n";
      }
      std::cout << import_kind << ": " << rep->rows << " rows, " << rep->inserted << " inserted, " << rep->updated
                << " updated, " << rep->unchanged << " unchanged, " << rep->rejected << " rejected (" << rep->encoding
                << ")\n";
      return 0;
    }
    if (progress->parsed()) {
      auto from = fg::Date::parse(rep_from);
      auto to = fg::Date::parse(rep_to);
      if (!from || !to) {
        std::cerr << "错误: 日期格式应为 YYYY-MM-DD\nerror: dates are YYYY-MM-DD\n";
        return 2;
      }
      auto c = app.db().acquire();
      auto tree = app.regions().tree();
      auto p = fg::reports::compute_progress(*c, *tree, rep_region, *from, *to);
      if (!p) return report_error(p.error());
      std::string out;
      if (rep_format == "json") {
        out = fg::reports::progress_json(*p).dump(2, ' ', false) + "\n";
      } else if (rep_format == "text") {
        out = fg::reports::progress_text(*p) + "\n";
      } else {
        std::vector<fg::reports::Progress> children;
        for (const auto& code : tree->children(rep_region)) {
          if (auto cp = fg::reports::compute_progress(*c, *tree, code, *from, *to)) children.push_back(*cp);
        }
        out = fg::reports::progress_xlsx(*p, children);
      }
      if (rep_out.empty()) {
        std::cout << out;
      } else {
        std::ofstream(rep_out, std::ios::binary) << out;
      }
      return 0;
    }
    if (demo->parsed()) {
      auto r = fg::app::load_demo(app, demo_clock, std::cout);
      if (!r) return report_error(r.error());
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "错误 error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
