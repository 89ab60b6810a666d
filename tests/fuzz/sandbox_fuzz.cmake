# tests/fuzz/sandbox_fuzz.cmake: (b) the sandbox's request path, bytes -> one
# served request (sandbox_request_fuzz.cpp), through the same collector and
# handler the server uses. Included from tests/fuzz/CMakeLists.txt.
if(TARGET mktows_sandbox_core)
  mktows_add_fuzzer(NAME sandbox_request SOURCES sandbox_request_fuzz.cpp
    LIBS mktows_sandbox_core CORPUS corpus/sandbox_request)
endif()
