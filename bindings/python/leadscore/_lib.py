# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Loads libleadscore.so and declares the C ABI (include/leadscore/leadscore_c.h).

ctypes releases the GIL for the duration of every foreign call, so scoring runs
without holding it. Every function returns a leadscore_status; the ones that can
explain a failure take a last ``leadscore_error**``.
"""

import ctypes
import os
from ctypes import (POINTER, c_char_p, c_int, c_int64, c_size_t, c_uint32,
                    c_uint64, c_void_p)

_SONAME = "libleadscore.so.0"


def _candidates():
    env = os.environ.get("LEADSCORE_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, _SONAME)  # an installed copy next to the package
    yield _SONAME                       # the system loader's search path


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(f"{path}: {e}")
    raise ImportError("leadscore: cannot load the C library (set LEADSCORE_LIBRARY to the "
                      "path of libleadscore.so): " + "; ".join(errors))


lib = _load()

Handle = c_void_p
ErrorOut = POINTER(c_void_p)


class ScorerOptions(ctypes.Structure):
    _fields_ = [("struct_size", c_size_t), ("reorder_window", c_uint32)]


class BatchOptions(ctypes.Structure):
    _fields_ = [("struct_size", c_size_t), ("explain", c_int), ("threads", c_int),
                ("skip_bad_lines", c_int)]


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_declare("leadscore_version", c_char_p)
_declare("leadscore_status_name", c_char_p, c_int)
_declare("leadscore_error_code", c_int, c_void_p)
_declare("leadscore_error_message", c_char_p, c_void_p)
_declare("leadscore_error_detail_count", c_size_t, c_void_p)
_declare("leadscore_error_detail", c_int, c_void_p, c_size_t, POINTER(c_char_p),
         POINTER(c_uint64), POINTER(c_char_p), POINTER(c_char_p))
_declare("leadscore_error_free", c_int, c_void_p)
_declare("leadscore_time_parse", c_int, c_char_p, c_size_t, POINTER(c_int64), ErrorOut)
_declare("leadscore_model_from_json", c_int, c_char_p, c_size_t, POINTER(Handle), ErrorOut)
_declare("leadscore_model_from_file", c_int, c_char_p, POINTER(Handle), ErrorOut)
_declare("leadscore_model_free", c_int, Handle)
_declare("leadscore_scorer_new", c_int, Handle, POINTER(ScorerOptions), POINTER(Handle),
         ErrorOut)
_declare("leadscore_scorer_free", c_int, Handle)
_declare("leadscore_lead_from_json", c_int, c_char_p, c_size_t, POINTER(Handle), ErrorOut)
_declare("leadscore_lead_free", c_int, Handle)
_declare("leadscore_state_start", c_int, Handle, Handle, POINTER(Handle), ErrorOut)
_declare("leadscore_state_from_bytes", c_int, Handle, c_char_p, c_size_t, POINTER(Handle),
         ErrorOut)
_declare("leadscore_state_to_bytes", c_int, Handle, POINTER(c_void_p), POINTER(c_size_t),
         ErrorOut)
_declare("leadscore_state_apply_json", c_int, Handle, Handle, c_char_p, c_size_t,
         POINTER(c_int), POINTER(c_size_t), ErrorOut)
_declare("leadscore_state_transition", c_int, Handle, c_size_t, POINTER(c_char_p),
         POINTER(c_char_p), POINTER(c_int64))
_declare("leadscore_state_score_json", c_int, Handle, Handle, c_int64, c_int,
         POINTER(c_void_p), POINTER(c_size_t), ErrorOut)
_declare("leadscore_state_free", c_int, Handle)
_declare("leadscore_batch_new", c_int, Handle, POINTER(BatchOptions), POINTER(Handle),
         ErrorOut)
_declare("leadscore_batch_score_jsonl", c_int, Handle, c_char_p, c_size_t, c_char_p, c_size_t,
         c_int64, POINTER(c_void_p), POINTER(c_size_t), ErrorOut)
_declare("leadscore_batch_rejected_count", c_int, Handle, POINTER(c_size_t))
_declare("leadscore_batch_rejected", c_int, Handle, c_size_t, POINTER(c_char_p),
         POINTER(c_uint64), POINTER(c_char_p))
_declare("leadscore_batch_free", c_int, Handle)

