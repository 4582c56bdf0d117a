#pragma once
// The two handlers every owner of files has, on a path …/{id}/<files>/{<file>}: the download (the
// stored bytes with their sniffed type, never rendered as something else) and the removal. The
// module's service decides who may: `get(actor, id, file_id)` returns Result<pair<meta, bytes>>,
// `remove(actor, id, file_id)` Result<void>.
#include <string>
#include <utility>

#include "http/router.h"

namespace fg::attachments {

template <class Get>
http::Handler download(Get get, std::string file_param) {
  return [get = std::move(get), file_param](http::Context& ctx) -> Result<http::Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(int64_t file_id, ctx.id(file_param));
    FG_TRY(auto f, get(ctx.actor(), id, file_id));
    auto res = http::Response::bytes(std::move(f.second), f.first.content_type, f.first.filename);
    res.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return res;
  };
}

template <class Remove>
http::Handler removal(Remove remove, std::string file_param) {
  return [remove = std::move(remove), file_param](http::Context& ctx) -> Result<http::Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(int64_t file_id, ctx.id(file_param));
    FG_CHECK(remove(ctx.actor(), id, file_id));
    return http::Response::no_content();
  };
}

}  // namespace fg::attachments
