// Where each of a vector's strings sits, found by hash: an open-addressing table of (hash tag,
// position) slots, 8 bytes each. A std::unordered_set<std::string> allocates a node per string and
// follows a pointer per lookup, which is most of the cost of checking a million SNP IDs for
// repeats or looking up a million gene symbols.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ontonet::detail {

class StringPositionIndex {
 public:
  // An empty index with room for every string of `strings`, which must outlive it unchanged.
  // Requires fewer than 2^32 - 1 strings.
  explicit StringPositionIndex(const std::vector<std::string>& strings);

  // Adds strings[0], strings[1], ... in turn until one equals a string added before, and returns
  // that one's position; nullopt once all are added. Call it once.
  std::optional<std::size_t> add_until_repeat();
  // The position of the indexed string equal to `s`.
  std::optional<std::size_t> find(const std::string& s) const;

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint32_t tag = 0;  // the hash's high half: most unequal strings differ in it
    std::uint32_t position = kEmpty;
  };

  // The slot holding a string equal to `s`, or the empty slot where it belongs.
  std::size_t slot_of(const std::string& s, std::uint64_t hash) const;

  const std::vector<std::string>& strings_;
  std::vector<Slot> slots_;  // a power of two of them, at most half full
  std::size_t mask_ = 0;
};

}  // namespace ontonet::detail
