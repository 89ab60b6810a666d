# mktows_strict(<target>): the warning policy for the project's own code.
# Generated code and gSOAP's plugin sources are compiled without it.
function(mktows_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()
