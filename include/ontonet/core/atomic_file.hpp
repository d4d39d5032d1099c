// Every file ontonet writes appears whole or not at all: the content goes to a temporary file in
// the same directory, which is flushed and then renamed over the destination.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace ontonet {

// Calls `write` with a stream to a temporary file next to `path`, then renames it to `path`.
// Throws InputError naming `path` when the directory is not writable or the write fails; the
// temporary file is removed and an existing file at `path` is left untouched.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace ontonet
