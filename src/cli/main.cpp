#include <iostream>

int main() { std::cout << "ontonet\n"; }
