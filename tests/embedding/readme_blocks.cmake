# readme_blocks.cmake: the README's C++ code, as users copy it, made into
# programs of this project (included from CMakeLists.txt with MKTOWS_README):
#   readme_first       the first ```cpp block, as it stands
#   readme_raw_proxy   the raw-proxy block, its #include lines first, the rest
#                      in a main() that provides the names it uses (endpoint,
#                      user_id, key, params, result) and then prints the answer
file(READ "${MKTOWS_README}" readme)
# Blocks hold semicolons, so they are kept in numbered variables, not a list.
set(n 0)
set(rest "${readme}")
while(TRUE)
  string(FIND "${rest}" "```cpp\n" at)
  if(at EQUAL -1)
    break()
  endif()
  math(EXPR from "${at} + 7")
  string(SUBSTRING "${rest}" ${from} -1 rest)
  string(FIND "${rest}" "```" end)
  string(SUBSTRING "${rest}" 0 ${end} block)
  set(block_${n} "${block}")
  math(EXPR n "${n} + 1")
  math(EXPR after "${end} + 3")
  string(SUBSTRING "${rest}" ${after} -1 rest)
endwhile()
if(n LESS 2)
  message(FATAL_ERROR "README.md: expected at least two C++ blocks, found ${n}")
endif()
set(first "${block_0}")
set(raw "${block_1}")
if(NOT raw MATCHES "soap_register_plugin_arg")
  message(FATAL_ERROR "README.md's second C++ block is not the raw-proxy example")
endif()
set(out "${CMAKE_CURRENT_BINARY_DIR}/readme")
file(WRITE "${out}/readme_first.cpp" "// README.md's first C++ block, verbatim.\n${first}")

string(REGEX MATCHALL "#include[^\n]*" includes "${raw}")
string(REGEX REPLACE "#include[^\n]*" "" body "${raw}")
string(REPLACE ";" "\n" includes "${includes}")  # #include lines hold no semicolon
file(WRITE "${out}/readme_raw_proxy.cpp" "// README.md's raw-proxy block, its names provided around it.
${includes}
#include <cstdio>
#include <cstdlib>
#include <string>

int main() {
  const char *endpoint = std::getenv(\"MKTOWS_ENDPOINT\");
  const char *id = std::getenv(\"MKTOWS_USER_ID\");
  const char *secret = std::getenv(\"MKTOWS_ENCRYPTION_KEY\");
  if (!endpoint || !id || !secret) return 2;
  std::string user_id = id, key = secret, email = \"t@t.com\";
  mktows::wire::mktows__LeadRecord record;
  record.Email = &email;
  mktows::wire::mktows__ParamsSyncLead params;
  params.leadRecord = &record;
  params.returnLead = false;
  mktows::wire::mktows__SuccessSyncLead result;
  // The block as written: the proxy it declares owns the answer's memory,
  // so the answer is read in the same scope.
${body}
  if (!result.result || !result.result->syncStatus) return 1;
  std::printf(\"%d %s\\n\", result.result->leadId,
              mktows::wire::soap_mktows__LeadSyncStatus2s(nullptr, result.result->syncStatus->status));
  return 0;
}
")
foreach(name readme_first readme_raw_proxy)
  add_executable(${name} "${out}/${name}.cpp")
  target_compile_options(${name} PRIVATE -Wall -Wextra -Werror)
  target_link_libraries(${name} PRIVATE mktows::mktows)
endforeach()
