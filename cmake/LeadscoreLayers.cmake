# leadscore_add_layer(): one layer of the library as a static library target
# whose sources can only see what the layer may depend on.
#
# Why staging: every public header lives under include/leadscore/ and every
# private header under src/<folder>/, so with include/ and src/ on the include
# path any source could include any header, and nothing would stop the core
# from growing a dependency on training or reports. Instead each layer gets two
# folders in the build tree made of symbolic links:
#   layers/<name>/include/leadscore/...  its own public headers (the layer's
#       BUILD_INTERFACE include directory, passed on to what links it);
#   layers/<name>/src/<folder>           its own private folders and those it
#       is allowed to read (PRIVATE include directory).
# A layer therefore compiles against its own headers and those of the layers
# it links, and nothing else: a core source that includes
# "leadscore/predictive/train.h" fails with "No such file or directory".
#
#   leadscore_add_layer(NAME io
#     SOURCES ...                       # .cc files
#     PUBLIC_HEADERS ...                # paths relative to include/
#     PRIVATE_FOLDERS io                # src/ folders of its own
#     READS_FOLDERS util                # src/ folders of layers it links
#     DEPENDS leadscore_core ...        # layers it links (PUBLIC)
#     LINK_PRIVATE ...)                 # other libraries, privately
function(leadscore_add_layer)
  cmake_parse_arguments(L "" "NAME"
    "SOURCES;PUBLIC_HEADERS;PRIVATE_FOLDERS;READS_FOLDERS;DEPENDS;LINK_PUBLIC;LINK_PRIVATE" ${ARGN})
  set(target leadscore_${L_NAME})
  set(stage ${PROJECT_BINARY_DIR}/layers/${L_NAME})
  file(REMOVE_RECURSE ${stage})
  foreach(h IN LISTS L_PUBLIC_HEADERS)
    get_filename_component(dir ${stage}/include/${h} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/${h} ${stage}/include/${h} SYMBOLIC)
  endforeach()
  file(MAKE_DIRECTORY ${stage}/src)
  foreach(f IN LISTS L_PRIVATE_FOLDERS L_READS_FOLDERS)
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${f} ${stage}/src/${f} SYMBOLIC)
  endforeach()

  list(TRANSFORM L_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/)
  add_library(${target} STATIC ${L_SOURCES})
  add_library(leadscore::${L_NAME} ALIAS ${target})
  set_target_properties(${target} PROPERTIES
    EXPORT_NAME ${L_NAME}
    OUTPUT_NAME leadscore_${L_NAME}
    POSITION_INDEPENDENT_CODE ON)  # so the static layers can go into modules
  target_compile_features(${target} PUBLIC cxx_std_17)
  target_include_directories(${target}
    PUBLIC
      $<BUILD_INTERFACE:${stage}/include>
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE
      ${stage}/src)
  target_link_libraries(${target} PUBLIC ${L_DEPENDS} ${L_LINK_PUBLIC} PRIVATE ${L_LINK_PRIVATE})
  leadscore_set_warnings(${target})
  set_property(GLOBAL APPEND PROPERTY LEADSCORE_LAYERS ${target})
  set_property(GLOBAL APPEND PROPERTY LEADSCORE_PUBLIC_HEADERS ${L_PUBLIC_HEADERS})
  # The explicit header list is what gets installed, each in its folder.
  if(LEADSCORE_INSTALL)
    foreach(h IN LISTS L_PUBLIC_HEADERS)
      get_filename_component(dir ${h} DIRECTORY)
      install(FILES ${PROJECT_SOURCE_DIR}/include/${h}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/${dir})
    endforeach()
  endif()
endfunction()
