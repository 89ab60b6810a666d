# run_step.cmake: run(<command>...) for the ctest scripts that drive nested
# builds: runs one step, stops the script with its output when it fails, and
# leaves the step's standard output in `last_output`.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

# The compiler launcher (ccache) of the build that runs the script, for the
# nested build it configures: `launcher_args`, empty without one.
set(launcher_args "")
if(LAUNCHER)
  set(launcher_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
