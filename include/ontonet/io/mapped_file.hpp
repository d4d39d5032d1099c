// A whole file mapped read-only into memory, for binary inputs (PLINK .bed) that are decoded in
// place rather than read into buffers. The mapping lives as long as the object; pages are loaded by
// the kernel on first touch, so opening a file larger than memory costs nothing until it is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ontonet {

class MappedFile {
 public:
  // Throws InputError(path, 0, ...) when the file cannot be opened or mapped. An empty file maps
  // to size() == 0 and data() == nullptr.
  explicit MappedFile(std::string path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::string& path() const { return path_; }

  // Drops this process's page-table entries for bytes [offset, offset + length) (rounded inwards
  // to whole pages). The data stays in the kernel's page cache and is mapped again on the next
  // touch; this only keeps the resident set of a long streaming pass bounded.
  void release_pages(std::size_t offset, std::size_t length) const;

 private:
  void unmap();

  std::string path_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ontonet
