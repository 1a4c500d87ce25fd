# cmake -P script behind the "cmake_consumer" ctest:
#   1. install the already-built project into WORK_DIR/prefix,
#   2. configure + build tests/cmake_consumer against that prefix with find_package(),
#   3. run the consumer.
# Inputs (-D): LEADSCORE_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR CONFIG CXX_COMPILER SANITIZE_FLAGS
foreach(var LEADSCORE_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${prefix} ${build})

function(run)
  string(REPLACE ";" " " pretty "${ARGN}")
  message(STATUS "cmake_consumer: ${pretty}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake_consumer: command failed (${rc}): ${pretty}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install ${LEADSCORE_BINARY_DIR} --prefix ${prefix} --config ${CONFIG})

set(configure_args
  -S ${CONSUMER_SOURCE_DIR} -B ${build}
  -DCMAKE_PREFIX_PATH=${prefix}
  -DCMAKE_BUILD_TYPE=${CONFIG}
  -DCMAKE_FIND_PACKAGE_PREFER_CONFIG=ON)
if(CXX_COMPILER)
  list(APPEND configure_args -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endif()
if(SANITIZE_FLAGS)
  # The installed static library is instrumented: the consumer must link the runtimes.
  string(REPLACE ";" " " flags "${SANITIZE_FLAGS}")
  list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${flags}" "-DCMAKE_EXE_LINKER_FLAGS=${flags}")
endif()
run(${CMAKE_COMMAND} ${configure_args})
run(${CMAKE_COMMAND} --build ${build} --config ${CONFIG})

foreach(program consumer consumer_core_only consumer_c)
  if(EXISTS ${build}/${CONFIG}/${program})
    run(${build}/${CONFIG}/${program})
  else()
    run(${build}/${program})
  endif()
endforeach()
message(STATUS "cmake_consumer: OK")
