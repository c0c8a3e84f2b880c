// The translation unit that makes the tests' precompiled header (TestPch.h, see tests/CMakeLists.txt).
