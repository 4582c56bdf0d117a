// Boost.Beast HTTP/1.1 server: keep-alive, a read timeout, header and body limits, an access
// log line per request, and graceful shutdown on SIGINT/SIGTERM.
//
// Threads: `threads` I/O threads read requests, run the handlers and write the answers. The
// routes that hash a password (Cost::hashes_password: login, password changes, new users) run
// instead on a small pool of their own, at most max(1, cores / 2) at a time: Argon2id takes
// ≈ 200 ms of a core and 64 MiB per hash, and on the I/O threads a handful of anonymous logins
// held up every other request (issue 11, #10). The I/O thread hands such a request over and goes
// on serving others; the answer is written on the connection's strand when the hash is done.
// Beyond a bounded queue, or after waiting too long in it, such a request is refused with 503 and
// Retry-After: 1 at once.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "base/privacy.h"
#include "base/text.h"

#include "http/client_address.h"

namespace fg::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct State {
  const Router& router;
  const ServerOptions& opts;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> next_id{1};
  uint32_t id_salt;
  TrustedProxies trusted;
  net::thread_pool* hash_pool = nullptr;
  int hash_capacity = 1;             // running + waiting
  std::atomic<int> hash_in_flight{0};
};

// What the answer to a request needs once the handler has run.
struct Pending {
  unsigned version = 11;
  bool keep_alive = false;
  bool head = false;
  std::string target;
  std::string rid;
  std::chrono::steady_clock::time_point start;
};

Response busy(bool english) {
  Error e = make_error(ErrorKind::locked, "busy", "", "服务器正忙，请稍后再试", "The server is busy; try again in a moment");
  e.retry_after = 1;
  Response r = Response::error(e, english);
  r.status = 503;
  return r;
}

void add_security_headers(bhttp::response<bhttp::string_body>& res) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "same-origin");
  res.set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
          "script-src 'self'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
}

// A request whose Transfer-Encoding is not exactly "chunked": 501 when it names a coding we do
// not implement (gzip, a typo such as "xchunked"), 400 when it is otherwise malformed ("chunked,
// chunked"). Beast would ignore an unknown coding and read the body as the next request (RFC 9112
// §6.1: 501 for an unknown coding; §6.3: 400 when chunked is not the final coding). nullopt when
// the framing is sound.
std::optional<Response> refuse_framing(std::string_view te, bool english) {
  if (te.empty()) return std::nullopt;
  std::vector<std::string> codings;
  for (const std::string& part : split(te, ',')) {
    std::string c = to_lower_ascii(trim(part));
    if (!c.empty()) codings.push_back(std::move(c));
  }
  if (codings.size() == 1 && codings[0] == "chunked") return std::nullopt;
  const bool unknown = std::any_of(codings.begin(), codings.end(), [](const std::string& c) { return c != "chunked"; });
  Response r = Response::error(
      unknown ? make_error(ErrorKind::bad_request, "unsupported_transfer_coding", "", "不支持该传输编码",
                           "Transfer coding not implemented")
              : make_error(ErrorKind::bad_request, "bad_transfer_coding", "", "无法确定请求内容的长度",
                           "The request's Transfer-Encoding is malformed"),
      english);
  r.status = unknown ? 501 : 400;
  return r;
}

// A path or query holding a character no stored text may hold: a NUL (which cut
// "/index.html%00.png" to index.html, served as image/png), any control character in the path
// (tab, CR and LF too), another control character in the query, a
// noncharacter or invalid UTF-8 after percent-decoding. 400 naming the parameter.
std::optional<Response> refuse_text(const Request& req) {
  const auto bad = [&](const std::string& field) {
    return Response::error(make_error(ErrorKind::bad_request, "bad_character", field,
                                      "请求地址含有无效字符" + (field.empty() ? std::string() : "（" + field + "）"),
                                      "The request's address holds an invalid character" +
                                          (field.empty() ? std::string() : " (" + field + ")")),
                           req.english());
  };
  const bool control = std::any_of(req.path.begin(), req.path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (control || find_unsafe_char(req.path) != std::string::npos) return bad("");
  for (const auto& [k, v] : req.query) {
    if (find_unsafe_char(k) != std::string::npos || find_unsafe_char(v) != std::string::npos) return bad(k);
  }
  return std::nullopt;
}

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, State& st) : stream_(std::move(socket)), st_(st) {}

  void run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(st_.opts.body_limit);
    parser_->header_limit(32 * 1024);
    stream_.expires_after(std::chrono::seconds(st_.opts.read_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) {
      return do_close();
    }
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      // The rest of the upload is not read: answer, then close the connection.
      Request lang;
      lang.headers["accept-language"] = std::string(parser_->get()[bhttp::field::accept_language]);
      auto r = Response::error(make_error(ErrorKind::too_large, "too_large", "", "请求内容过大",
                                          "Request too large"),
                               lang.english());
      return send(to_beast(r, 11, false, false), false);
    }
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
      // A malformed request (bad chunk size, bad header): say so, then close, since where the
      // next request would start is unknown.
      Request lang;
      auto r = Response::error(make_error(ErrorKind::bad_request, "bad_request", "", "请求格式错误",
                                          "Malformed request"),
                               lang.english());
      return send(to_beast(r, 11, false, false), false);
    }
    if (ec) return do_close();

    Pending p;
    p.start = std::chrono::steady_clock::now();
    auto breq = parser_->release();
    Request req;
    req.method = std::string(breq.method_string());
    p.target = std::string(breq.target());
    p.version = breq.version();
    p.keep_alive = breq.keep_alive();
    p.head = req.method == "HEAD";
    auto qpos = p.target.find('?');
    req.path = url_decode(p.target.substr(0, qpos), false);
    if (qpos != std::string::npos) req.query = parse_query(std::string_view(p.target).substr(qpos + 1));
    for (const auto& f : breq) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      // Two X-Forwarded-For (or Forwarded) lines are one list, as RFC 9110 5.3 reads them;
      // otherwise the last line of a name wins, as before.
      auto [it, fresh] = req.headers.emplace(name, std::string(f.value()));
      if (!fresh && (name == "x-forwarded-for" || name == "forwarded")) {
        it->second += ", " + std::string(f.value());
      } else if (!fresh) {
        it->second = std::string(f.value());
      }
    }
    req.body = std::move(breq.body());
    beast::error_code ep_ec;
    auto ep = stream_.socket().remote_endpoint(ep_ec);
    req.peer_ip = ep_ec ? "" : normalize_address(ep.address().to_string()).value_or(ep.address().to_string());
    req.remote_ip = client_address(req.peer_ip, req.header("x-forwarded-for"), req.header("forwarded"), st_.trusted);

    char rid[24];
    std::snprintf(rid, sizeof rid, "%08x-%06llx", st_.id_salt,
                  static_cast<unsigned long long>(st_.next_id.fetch_add(1)));
    p.rid = rid;
    if (auto refused = refuse_framing(breq[bhttp::field::transfer_encoding], req.english())) {
      // The body's length is unknown: what follows the header must never be read as another
      // request (request smuggling), so answer and close the connection (RFC 9112 §6.1, §6.3).
      p.keep_alive = false;
      return finish(req, std::move(*refused), p);
    }
    if (auto bad = refuse_text(req)) return finish(req, std::move(*bad), p);
    if (st_.router.owns(req.path)) {
      if (st_.router.cost_of(req) == Cost::hashes_password && st_.hash_pool) {
        return hand_over(std::move(req), std::move(p));
      }
      Response res = st_.router.dispatch(req, p.rid);
      return finish(req, std::move(res), p);
    }
    Response res;
    if (req.method == "GET" || req.method == "HEAD") {
      res = static_file(st_.opts.web_root, req.path);
    } else {
      res = Response::error(make_error(ErrorKind::not_found, "not_found", "", "接口不存在", "No such endpoint"),
                            req.english());
    }
    finish(req, std::move(res), p);
  }

  // Runs the request on the hashing pool, then answers on this connection's strand.
  void hand_over(Request req, Pending p) {
    if (st_.hash_in_flight.fetch_add(1) >= st_.hash_capacity) {
      st_.hash_in_flight.fetch_sub(1);
      return finish(req, busy(req.english()), p);
    }
    auto queued = std::chrono::steady_clock::now();
    net::post(*st_.hash_pool, [self = shared_from_this(), req = std::move(req), p = std::move(p), queued]() mutable {
      auto waited = std::chrono::steady_clock::now() - queued;
      Response res = waited > std::chrono::milliseconds(self->st_.opts.hash_max_wait_ms)
                         ? busy(req.english())
                         : self->st_.router.dispatch(req, p.rid);
      self->st_.hash_in_flight.fetch_sub(1);
      net::post(self->stream_.get_executor(),
                [self, req = std::move(req), res = std::move(res), p = std::move(p)]() mutable {
                  self->finish(req, std::move(res), p);
                });
    });
  }

  void finish(const Request& req, Response res, const Pending& p) {
    bool keep = p.keep_alive && !st_.stopping.load();
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - p.start).count();
    if (req.peer_ip != req.remote_ip) {
      spdlog::info("{} (via {}) {} {} {} {}B {:.1f}ms rid={}", req.remote_ip, req.peer_ip, req.method,
                   mask_personal_numbers(p.target), res.status, res.body.size(), ms, p.rid);
    } else {
      // The target as typed may hold a searched ID or phone number: the log keeps it masked.
      spdlog::info("{} {} {} {} {}B {:.1f}ms rid={}", req.remote_ip, req.method, mask_personal_numbers(p.target), res.status,
                   res.body.size(), ms, p.rid);
    }
    send(to_beast(res, p.version, keep, p.head), keep);
  }

  bhttp::response<bhttp::string_body> to_beast(Response& r, unsigned version, bool keep, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "fenggui");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res.insert(k, v);
    add_security_headers(res);
    res.keep_alive(keep);
    if (head) {
      res.content_length(r.body.size());
    } else {
      res.body() = std::move(r.body);
      res.prepare_payload();
    }
    return res;
  }

  void send(bhttp::response<bhttp::string_body>&& res, bool keep) {
    auto sp = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(res));
    stream_.expires_after(std::chrono::seconds(st_.opts.read_timeout_seconds));
    bhttp::async_write(stream_, *sp,
                       [self = shared_from_this(), sp, keep](beast::error_code ec, std::size_t) {
                         if (ec || !keep) return self->do_close();
                         self->do_read();
                       });
  }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  State& st_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::endpoint ep, State& st) : ioc_(ioc), acceptor_(ioc), st_(st) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  void run() { do_accept(); }
  void stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) std::make_shared<HttpSession>(std::move(socket), st_)->run();
    do_accept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  State& st_;
};

}  // namespace

int default_hash_threads() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
}

void serve(const Router& router, const ServerOptions& options) {
  State st{router, options, {}, {}, std::random_device{}(), {}, nullptr, 1, {}};
  auto trusted = TrustedProxies::parse(options.trusted_proxies);
  if (!trusted) throw std::runtime_error(trusted.error().en);
  st.trusted = *trusted;
  int threads = std::max(1, options.threads);
  net::io_context ioc{threads};
  int hash_threads = options.hash_threads > 0 ? options.hash_threads : default_hash_threads();
  net::thread_pool hash_pool(static_cast<size_t>(hash_threads));
  st.hash_pool = &hash_pool;
  st.hash_capacity = hash_threads * (1 + std::max(0, options.hash_queue_per_thread));
  auto address = net::ip::make_address(options.host);
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint{address, options.port}, st);
  listener->run();

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer grace(ioc);
  signals.async_wait([&](beast::error_code, int sig) {
    spdlog::info("signal {}: no new connections, finishing requests in progress", sig);
    st.stopping = true;
    listener->stop();
    grace.expires_after(std::chrono::seconds(3));
    grace.async_wait([&](beast::error_code) { ioc.stop(); });
  });

  std::string proxies;
  for (const auto& n : st.trusted.described()) proxies += (proxies.empty() ? "" : ", ") + n;
  spdlog::info("serving http://{}:{} (web: {}; {} threads, {} for password hashing; trusted proxies: {})",
               options.host, options.port, options.web_root.empty() ? "none" : options.web_root, threads,
               hash_threads, proxies.empty() ? "none" : proxies);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  hash_pool.stop();
  hash_pool.join();
  spdlog::info("stopped");
}

}  // namespace fg::http
