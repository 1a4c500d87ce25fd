# The N-API addon over libleadscore.so (src/addon.cc). Built by build.sh, which
# passes where the C header and the shared library are:
#   node-gyp rebuild --nodedir=/usr -- -Dleadscore_include=DIR -Dleadscore_library=FILE
#     -Dleadscore_libdir=DIR
{
  "variables": {
    "leadscore_include%": "<(module_root_dir)/../../include",
    "leadscore_library%": "<(module_root_dir)/../../build/libleadscore.so",
    "leadscore_libdir%": "<(module_root_dir)/../../build",
  },
  "targets": [
    {
      "target_name": "leadscore",
      "sources": ["src/addon.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<(leadscore_include)",
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-Wall", "-Wextra"],
      # Links the C ABI only (DT_NEEDED is its SONAME, libleadscore.so.0); the
      # rpath finds it where it was built (an installed libleadscore.so.0 on
      # the system's library path is found without it).
      "libraries": [
        "<(leadscore_library)",
        "-Wl,-rpath,<(leadscore_libdir)",
      ],
    }
  ]
}
