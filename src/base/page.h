#pragma once
// One page of a list: the rows asked for and how many match in all (docs/api.md: "items",
// "total"; http::page_json writes it).
#include <cstdint>
#include <vector>

namespace fg {

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

}  // namespace fg
