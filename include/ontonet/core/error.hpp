// The one error hierarchy of ontonet. Library code throws these and never exits; the command-line
// tool maps InputError and ConfigError to exit code 2 and everything else to exit code 1.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace ontonet {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad user data: names the file, the 1-based line (0 when the problem is the file as a whole) and
// what was expected there. what() reads "file:line: expected ...".
class InputError : public Error {
 public:
  InputError(std::string file, std::size_t line, const std::string& message);
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }

 private:
  std::string file_;
  std::size_t line_;
};

// A bad configuration value; names the JSON path, e.g. "train.lr must be > 0".
class ConfigError : public Error {
 public:
  ConfigError(std::string path, const std::string& message);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A broken internal invariant: a bug in ontonet, not in the user's data.
class InternalError : public Error {
 public:
  using Error::Error;
};

[[noreturn]] void throw_internal_error(const char* file, int line, const std::string& message);

}  // namespace ontonet

#define ONTONET_CHECK(condition, message)                                             \
  do {                                                                                \
    if (!(condition)) ::ontonet::throw_internal_error(__FILE__, __LINE__, (message)); \
  } while (0)
