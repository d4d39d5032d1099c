#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {
std::string located(const std::string& file, std::size_t line, const std::string& message) {
  return line == 0 ? file + ": " + message : file + ":" + std::to_string(line) + ": " + message;
}
}  // namespace

InputError::InputError(std::string file, std::size_t line, const std::string& message)
    : Error(located(file, line, message)), file_(std::move(file)), line_(line) {}

ConfigError::ConfigError(std::string path, const std::string& message)
    : Error(path + " " + message), path_(std::move(path)) {}

void throw_internal_error(const char* file, int line, const std::string& message) {
  throw InternalError(std::string("internal error at ") + file + ":" + std::to_string(line) + ": " +
                      message);
}

}  // namespace ontonet
