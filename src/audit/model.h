#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace fg::audit {

struct Entry {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> user_id;
  std::string username;
  std::string role;
  std::string action;     // create, update, delete, login, login_failed, logout, read, import, …
  std::string entity;     // user, region, session, entrepreneur, …
  std::string entity_id;
  std::string region_code;
  nlohmann::json before;  // null when none
  nlohmann::json after;
  std::string ip;
  std::string source;     // web or cli
};

struct Filter {
  std::string q;          // matches entity_id, username, action, entity
  std::string username;
  std::string action;
  std::string entity;
  std::string from;       // YYYY-MM-DD, inclusive
  std::string to;         // YYYY-MM-DD, inclusive
  int page = 1;
  int page_size = 20;
};

}  // namespace fg::audit
