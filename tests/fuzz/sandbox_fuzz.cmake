# tests/fuzz/sandbox_fuzz.cmake: the sandbox's request fuzz target, bytes ->
# one served request (tests/fuzz/sandbox_request_fuzz.cpp). Included from
# tests/CMakeLists.txt when MKTOWS_FUZZ is ON, in a clang build whose flags
# carry -fsanitize=fuzzer-no-link,address,undefined; the target links the
# fuzzer's main. Run it on its corpus:
#   build-fuzz/tests/mktows-fuzz-sandbox-request -max_total_time=600 \
#     -max_len=65536 <scratch dir> tests/fuzz/corpus/sandbox_request
add_executable(mktows-fuzz-sandbox-request "${CMAKE_CURRENT_LIST_DIR}/sandbox_request_fuzz.cpp")
mktows_strict(mktows-fuzz-sandbox-request)
target_link_libraries(mktows-fuzz-sandbox-request PRIVATE mktows_sandbox_core)
target_link_options(mktows-fuzz-sandbox-request PRIVATE -fsanitize=fuzzer)
