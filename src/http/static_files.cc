#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/server.h"

namespace fg::http {
namespace {
std::string mime_for(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool read_file(const std::filesystem::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}
}  // namespace

Response static_file(const std::string& web_root, const std::string& path) {
  namespace fs = std::filesystem;
  Response r;
  if (web_root.empty() || !fs::exists(fs::path(web_root) / "index.html")) {
    r.status = 503;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "凤归 web app is not built (run scripts/start or: cd web && npm ci && npm run build).\n";
    return r;
  }
  // Never leave the web root: reject any parent step.
  fs::path rel = fs::path(path).relative_path().lexically_normal();
  bool safe = !rel.empty() && rel.string().find("..") == std::string::npos;
  fs::path file = fs::path(web_root) / rel;
  std::error_code ec;
  if (safe && fs::is_regular_file(file, ec)) {
    read_file(file, &r.body);
    r.content_type = mime_for(file);
    // Vite puts a content hash in every asset name, so those never change.
    if (rel.string().rfind("assets/", 0) == 0) {
      r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    } else {
      r.headers.emplace_back("Cache-Control", "no-cache");
    }
    return r;
  }
  if (rel.has_extension() && rel.extension() != ".html") {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Not found\n";
    return r;
  }
  read_file(fs::path(web_root) / "index.html", &r.body);
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace fg::http
