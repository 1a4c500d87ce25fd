# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""The exceptions of the leadscore package, made from the C ABI's error objects."""

import enum
from ctypes import byref, c_char_p, c_uint64, c_void_p
from typing import List, NamedTuple, Optional, Tuple

from ._native import lib


class StatusCode(enum.IntEnum):
    """The status codes of the C ABI (the numbers of absl::StatusCode)."""

    OK = 0
    CANCELLED = 1
    UNKNOWN = 2
    INVALID_ARGUMENT = 3
    DEADLINE_EXCEEDED = 4
    NOT_FOUND = 5
    ALREADY_EXISTS = 6
    PERMISSION_DENIED = 7
    RESOURCE_EXHAUSTED = 8
    FAILED_PRECONDITION = 9
    ABORTED = 10
    OUT_OF_RANGE = 11
    UNIMPLEMENTED = 12
    INTERNAL = 13
    UNAVAILABLE = 14
    DATA_LOSS = 15
    UNAUTHENTICATED = 16


class ErrorDetail(NamedTuple):
    """One problem of an error: where (source, line or JSON pointer) and what."""

    source: str   # "model", "leads", "events" (or "" when not located)
    line: int     # 1-based line of that JSON Lines input; 0 when not a line
    pointer: str  # JSON pointer in the model ("" for the root or when not a model problem)
    message: str


class Error(Exception):
    """A call into the library failed.

    Attributes:
      code: the :class:`StatusCode` (e.g. ``INVALID_ARGUMENT`` for bad input,
        ``FAILED_PRECONDITION`` for a stored state of another model,
        ``OUT_OF_RANGE`` for an as-of time outside 1900-2189).
      message: what went wrong, one line per problem.
      details: the located problems (:class:`ErrorDetail`), possibly empty.
    """

    def __init__(self, code: int, message: str, details: Optional[List[ErrorDetail]] = None):
        super().__init__(message)
        try:
            self.code: StatusCode = StatusCode(code)
        except ValueError:
            self.code = StatusCode.UNKNOWN
        self.message = message
        self.details: List[ErrorDetail] = list(details or [])

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}"


class ModelError(Error):
    """A model did not load: ``diagnostics`` lists every problem as
    ``(json_pointer, message)`` in document order ("" for the whole document,
    or for a file that cannot be opened or read)."""

    @property
    def diagnostics(self) -> List[Tuple[str, str]]:
        return [(d.pointer, d.message) for d in self.details]


class LineError(Error):
    """A line of a JSON Lines input was refused (a batch with ``on_error='fail'``).

    Attributes:
      source: ``"leads"`` or ``"events"``: which input.
      line: its 1-based line number (for an iterable of dicts, the position of
        the item, from 1).
    """

    def __init__(self, code: int, message: str, details: List[ErrorDetail]):
        super().__init__(code, message, details)
        self.source: str = details[0].source
        self.line: int = details[0].line


def _text(b: Optional[bytes]) -> str:
    return b.decode("utf-8", "replace") if b else ""


def take_error(status: int, handle: c_void_p, model: bool = False) -> Error:
    """The exception for a failed call that returned `status` and stored the
    error object `handle` (which is freed here)."""
    if not handle:
        return Error(status, lib.leadscore_status_name(status).decode())
    try:
        message = _text(lib.leadscore_error_message(handle))
        details = []
        src, ptr, msg = c_char_p(), c_char_p(), c_char_p()
        line = c_uint64()
        for i in range(lib.leadscore_error_detail_count(handle)):
            if lib.leadscore_error_detail(handle, i, byref(src), byref(line), byref(ptr),
                                          byref(msg)) == 0:
                details.append(ErrorDetail(_text(src.value), int(line.value), _text(ptr.value),
                                           _text(msg.value)))
    finally:
        lib.leadscore_error_free(handle)
    if model:
        return ModelError(status, message, details)
    if details and details[0].line > 0:
        return LineError(status, message, details)
    return Error(status, message, details)
