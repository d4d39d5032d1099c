#include "ontonet/core/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "ontonet/core/error.hpp"

namespace ontonet {

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  try {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw InputError(path, 0, std::string("cannot write: ") + std::strerror(errno));
    }
    write(out);
    out.flush();
    if (!out) throw InputError(path, 0, "write failed (disk full?)");
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw InputError(path, 0, "cannot rename the finished file into place: " + reason);
  }
}

}  // namespace ontonet
