# cmake -P script behind the "layering_*" ctests: compiles SOURCE with the
# include directories one layer's own sources get (its stage in the build
# tree, see cmake/LeadscoreLayers.cmake, plus those of the layers it links)
# and checks the result against EXPECT (build | fail).
# Inputs (-D): CXX SOURCE EXPECT INCLUDES (a ;-list, passed as a |-list)
foreach(var CXX SOURCE EXPECT INCLUDES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" includes "${INCLUDES}")
set(args -std=c++17 -fsyntax-only)
foreach(dir IN LISTS includes)
  list(APPEND args -I${dir})
endforeach()
execute_process(COMMAND ${CXX} ${args} ${SOURCE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "build" AND NOT rc EQUAL 0)
  message(FATAL_ERROR "expected ${SOURCE} to build in this layer, it did not:\n${err}")
elseif(EXPECT STREQUAL "fail")
  if(rc EQUAL 0)
    message(FATAL_ERROR "expected ${SOURCE} NOT to build in this layer (a layer "
                        "reached a header it must not depend on), but it built")
  endif()
  if(NOT err MATCHES "No such file or directory")
    message(FATAL_ERROR "${SOURCE} failed for another reason than a missing header:\n${err}")
  endif()
  message(STATUS "refused as expected: ${err}")
endif()
