#include "regions/model.h"

namespace fg::regions {

Tree::Tree(std::vector<Region> rows) : rows_(std::move(rows)) {
  for (size_t i = 0; i < rows_.size(); ++i) {
    index_[rows_[i].code] = i;
    if (!rows_[i].parent_code.empty()) children_[rows_[i].parent_code].push_back(rows_[i].code);
  }
}

const Region* Tree::find(const std::string& code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

const std::vector<std::string>& Tree::children(const std::string& code) const {
  static const std::vector<std::string> none;
  auto it = children_.find(code);
  return it == children_.end() ? none : it->second;
}

bool Tree::within(const std::string& code, const std::string& ancestor) const {
  const Region* r = find(code);
  for (int depth = 0; r && depth < 10; ++depth) {
    if (r->code == ancestor) return true;
    r = r->parent_code.empty() ? nullptr : find(r->parent_code);
  }
  return false;
}

namespace {
// `root` and the regions below it, breadth first; with `counted_only`, a region excluded from its
// parent's figures is left out together with everything below it.
std::vector<std::string> below(const Tree& t, const std::string& root, bool counted_only) {
  std::vector<std::string> out;
  if (!t.find(root)) return out;
  out.push_back(root);
  for (size_t i = 0; i < out.size(); ++i) {
    for (const auto& c : t.children(out[i])) {
      if (!counted_only || !t.find(c)->excluded_from_parent) out.push_back(c);
    }
  }
  return out;
}
}  // namespace

std::vector<std::string> Tree::subtree(const std::string& root) const { return below(*this, root, false); }

std::vector<std::string> Tree::report_scope(const std::string& root) const { return below(*this, root, true); }

std::vector<const Region*> Tree::exclusions(const std::string& root) const {
  std::vector<const Region*> out;
  std::vector<std::string> queue{root};
  for (size_t i = 0; i < queue.size(); ++i) {
    for (const auto& c : children(queue[i])) {
      const Region* r = find(c);
      if (r->excluded_from_parent) out.push_back(r);
      else queue.push_back(c);
    }
  }
  return out;
}

std::string Tree::root_code() const {
  for (const auto& r : rows_) {
    if (r.parent_code.empty()) return r.code;
  }
  return {};
}

}  // namespace fg::regions
