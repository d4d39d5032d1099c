#include "string_position_index.hpp"

#include <algorithm>
#include <array>
#include <functional>

#include "ontonet/core/error.hpp"

namespace ontonet::detail {

StringPositionIndex::StringPositionIndex(const std::vector<std::string>& strings)
    : strings_(strings) {
  ONTONET_CHECK(strings.size() < kEmpty, "too many strings for a 32-bit position");
  std::size_t n_slots = 2;
  while (n_slots < 2 * strings.size()) n_slots *= 2;
  slots_.resize(n_slots);
  mask_ = n_slots - 1;
}

std::size_t StringPositionIndex::slot_of(const std::string& s, std::uint64_t hash) const {
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const Slot& candidate = slots_[slot];
    if (candidate.position == kEmpty) return slot;
    if (candidate.tag == tag && strings_[candidate.position] == s) return slot;
  }
}

std::optional<std::size_t> StringPositionIndex::add_until_repeat() {
  // A million strings' slots spread over 16 MB, and waiting for each slot's cache miss in turn was
  // most of the time: hashing kLookahead strings ahead and prefetching their slots overlaps them.
  constexpr std::size_t kLookahead = 16;
  const std::size_t n = strings_.size();
  // The hashes of strings position .. position + kLookahead - 1, in a ring.
  std::array<std::uint64_t, kLookahead> hashes{};
  const auto hash_ahead = [&](std::size_t position) {
    std::uint64_t& hash = hashes[position % kLookahead];
    hash = std::hash<std::string>{}(strings_[position]);
    __builtin_prefetch(&slots_[hash & mask_]);
  };
  for (std::size_t position = 0; position < std::min(n, kLookahead); ++position) {
    hash_ahead(position);
  }
  for (std::size_t position = 0; position < n; ++position) {
    const std::uint64_t hash = hashes[position % kLookahead];
    if (position + kLookahead < n) hash_ahead(position + kLookahead);
    Slot& slot = slots_[slot_of(strings_[position], hash)];
    if (slot.position != kEmpty) return position;
    slot = {static_cast<std::uint32_t>(hash >> 32), static_cast<std::uint32_t>(position)};
  }
  return std::nullopt;
}

std::optional<std::size_t> StringPositionIndex::find(const std::string& s) const {
  const Slot& slot = slots_[slot_of(s, std::hash<std::string>{}(s))];
  if (slot.position == kEmpty) return std::nullopt;
  return slot.position;
}

}  // namespace ontonet::detail
