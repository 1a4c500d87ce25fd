# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Loads libleadscore.so and declares the C ABI (include/leadscore/leadscore_c.h).

Not API: the rest of the package calls these prototypes. Where the library is
found, in order:

1. the file named by the environment variable ``LEADSCORE_LIBRARY``;
2. ``libleadscore.so.0`` next to this package (the copy ``cmake --install``
   puts there);
3. ``libleadscore.so.0`` through the system loader (``ldconfig``'s paths,
   ``LD_LIBRARY_PATH``).

The library is opened with :class:`ctypes.CDLL`, so every call into it
releases the GIL for its duration: scoring runs while other Python threads do.
"""

import ctypes
import os
from ctypes import (POINTER, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint32, c_uint64,
                    c_void_p)
from typing import List, Optional

SONAME = "libleadscore.so.0"
ENV_VAR = "LEADSCORE_LIBRARY"


class ScorerOptions(ctypes.Structure):
    """leadscore_scorer_options, version 1."""

    _fields_ = [("struct_size", c_size_t), ("reorder_window", c_uint32)]


class BatchOptions(ctypes.Structure):
    """leadscore_batch_options, version 1."""

    _fields_ = [("struct_size", c_size_t), ("explain", c_int), ("threads", c_int),
                ("skip_bad_lines", c_int)]


# Opaque handles are void pointers on this side; the library checks their
# kind tag, so a handle passed where another kind belongs is an error, not a
# crash.
_H = c_void_p
_PH = POINTER(c_void_p)
_STATUS = c_int

# name: (argument types); every function returns a status except where noted.
_PROTOTYPES = {
    "leadscore_error_code": (_STATUS, [_H]),
    "leadscore_error_message": (c_char_p, [_H]),
    "leadscore_error_detail_count": (c_size_t, [_H]),
    "leadscore_error_detail": (_STATUS, [_H, c_size_t, POINTER(c_char_p), POINTER(c_uint64),
                                         POINTER(c_char_p), POINTER(c_char_p)]),
    "leadscore_error_free": (_STATUS, [_H]),
    "leadscore_version": (c_char_p, []),
    "leadscore_status_name": (c_char_p, [c_int]),
    "leadscore_time_parse": (_STATUS, [c_char_p, c_size_t, POINTER(c_int64), _PH]),
    "leadscore_model_from_json": (_STATUS, [c_char_p, c_size_t, _PH, _PH]),
    "leadscore_model_from_file": (_STATUS, [c_char_p, _PH, _PH]),
    "leadscore_model_free": (_STATUS, [_H]),
    "leadscore_scorer_new": (_STATUS, [_H, POINTER(ScorerOptions), _PH, _PH]),
    "leadscore_scorer_free": (_STATUS, [_H]),
    "leadscore_lead_from_json": (_STATUS, [c_char_p, c_size_t, _PH, _PH]),
    "leadscore_lead_free": (_STATUS, [_H]),
    "leadscore_state_start": (_STATUS, [_H, _H, _PH, _PH]),
    "leadscore_state_from_bytes": (_STATUS, [_H, c_char_p, c_size_t, _PH, _PH]),
    "leadscore_state_to_bytes": (_STATUS, [_H, POINTER(c_void_p), POINTER(c_size_t), _PH]),
    "leadscore_state_apply_json": (_STATUS, [_H, _H, c_char_p, c_size_t, POINTER(c_int),
                                             POINTER(c_size_t), _PH]),
    "leadscore_state_apply_fields": (_STATUS, [_H, _H, c_char_p, c_char_p, c_int64, c_size_t,
                                               POINTER(c_char_p), POINTER(c_int),
                                               POINTER(c_double), POINTER(c_char_p),
                                               POINTER(c_int), POINTER(c_size_t), _PH]),
    "leadscore_state_apply_json_at": (_STATUS, [_H, _H, c_char_p, c_size_t, c_char_p,
                                                c_uint64, POINTER(c_int), POINTER(c_size_t),
                                                _PH]),
    "leadscore_state_advance": (_STATUS, [_H, _H, c_int64, POINTER(c_size_t), _PH]),
    "leadscore_state_update_lead": (_STATUS, [_H, _H, c_int64, POINTER(c_size_t), _PH]),
    "leadscore_state_transition": (_STATUS, [_H, c_size_t, POINTER(c_char_p),
                                             POINTER(c_char_p), POINTER(c_int64)]),
    "leadscore_state_transition_cause": (_STATUS, [_H, c_size_t, POINTER(c_char_p),
                                                   POINTER(c_char_p)]),
    "leadscore_state_score_json": (_STATUS, [_H, _H, c_int64, c_int, POINTER(c_void_p),
                                             POINTER(c_size_t), _PH]),
    "leadscore_state_free": (_STATUS, [_H]),
    "leadscore_batch_new": (_STATUS, [_H, POINTER(BatchOptions), _PH, _PH]),
    "leadscore_batch_score_jsonl": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, c_size_t,
                                              c_int64, POINTER(c_void_p), POINTER(c_size_t),
                                              _PH]),
    "leadscore_batch_rejected_count": (_STATUS, [_H, POINTER(c_size_t)]),
    "leadscore_batch_rejected": (_STATUS, [_H, c_size_t, POINTER(c_char_p), POINTER(c_uint64),
                                           POINTER(c_char_p)]),
    "leadscore_batch_free": (_STATUS, [_H]),
}


def _candidates() -> List[str]:
    env = os.environ.get(ENV_VAR)
    if env:
        return [env]  # named explicitly: no fallback that would hide a typo
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), SONAME)
    return [here, SONAME] if os.path.exists(here) else [SONAME]


def _load() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
            break
        except OSError as e:
            errors.append(f"{path}: {e}")
    else:
        raise ImportError(
            "leadscore: cannot load the C library (" + "; ".join(errors) + "). Build it "
            "(cmake --build build --target leadscore_c) and set " + ENV_VAR +
            "=/path/to/libleadscore.so.0, or install the package with cmake --install "
            "(docs/bindings.md, Python)")
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise ImportError(f"leadscore: {lib._name} has no {name}: the library is older "
                              "than this package; install a matching build") from None
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


lib = _load()
library_path: Optional[str] = lib._name
