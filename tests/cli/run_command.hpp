// Runs the ontonet binary as a user would and captures what it printed and its exit code.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "../test_support.hpp"

namespace ontonet::test {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// `arguments` is appended to the binary's path as shell text; quote paths with spaces yourself.
// With a `directory`, the command runs there (configs name files relative to the repository).
inline CommandResult run_ontonet(const std::string& arguments, const std::string& directory = "") {
  // ctest runs tests in parallel processes: one capture file per process.
  const std::string capture = std::string(::testing::TempDir()) + "ontonet-cli-output-" +
                              std::to_string(::getpid()) + ".txt";
  const std::string command = (directory.empty() ? "" : "cd '" + directory + "' && ") +
                              std::string(ONTONET_BINARY) + " " + arguments + " > " + capture +
                              " 2>&1";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = read_text(capture);
  std::remove(capture.c_str());
  return result;
}

}  // namespace ontonet::test
