#include "ontonet/io/line_reader.hpp"

#include <gtest/gtest.h>

TEST(LineReader, Placeholder) { EXPECT_TRUE(true); }
