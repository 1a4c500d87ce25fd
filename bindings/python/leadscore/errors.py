# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Exceptions: every failed call of the C ABI becomes one of these."""

import ctypes
from typing import List, NamedTuple, Optional

from ._lib import lib

OK = 0
INVALID_ARGUMENT = 3


class Detail(NamedTuple):
    """One problem: a model problem has a JSON pointer, a bad line a source and line."""
    source: str        # "model", "leads" or "events"
    line: int          # 1-based line of a JSON Lines input; 0 when not a line
    pointer: str       # JSON pointer into the model ("" for the document or not a model)
    message: str


class Error(Exception):
    """A failed call: ``code`` is the status name (e.g. "INVALID_ARGUMENT")."""

    def __init__(self, code: str, message: str, details: Optional[List[Detail]] = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or []


class ModelError(Error):
    """A model that does not load; ``diagnostics`` lists (pointer, message) pairs."""

    @property
    def diagnostics(self):
        return [(d.pointer, d.message) for d in self.details]


class LineError(Error):
    """A bad line of a JSON Lines input: ``source`` ("leads"/"events") and ``line``."""

    @property
    def source(self) -> str:
        return self.details[0].source if self.details else ""

    @property
    def line(self) -> int:
        return self.details[0].line if self.details else 0


def _text(b: Optional[bytes]) -> str:
    return b.decode("utf-8") if b is not None else ""


def status_name(status: int) -> str:
    return _text(lib.leadscore_status_name(status))


def raise_for(status: int, err: ctypes.c_void_p, kind=Error) -> None:
    """Raises `kind` for a failed `status`, reading and freeing the error object."""
    if status == OK:
        return
    try:
        message = _text(lib.leadscore_error_message(err)) if err else status_name(status)
        details = []
        for i in range(lib.leadscore_error_detail_count(err) if err else 0):
            source, pointer, text = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p()
            line = ctypes.c_uint64()
            lib.leadscore_error_detail(err, i, ctypes.byref(source), ctypes.byref(line),
                                       ctypes.byref(pointer), ctypes.byref(text))
            details.append(Detail(_text(source.value), line.value, _text(pointer.value),
                                  _text(text.value)))
    finally:
        if err:
            lib.leadscore_error_free(err)
    if kind is Error and details and details[0].line:
        kind = LineError
    raise kind(status_name(status), message, details)
