# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Times: RFC 3339 text or timezone-aware datetimes, to Unix nanoseconds."""

import ctypes
import datetime
from typing import Union

from ._lib import lib
from .errors import raise_for

TimeLike = Union[str, datetime.datetime]
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def to_unix_ns(t: TimeLike) -> int:
    """Unix nanoseconds of an RFC 3339 string or an aware datetime."""
    if isinstance(t, datetime.datetime):
        if t.tzinfo is None:
            raise ValueError("leadscore: a datetime must carry a time zone (e.g. timezone.utc)")
        delta = t - _EPOCH
        return (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000
    if not isinstance(t, str):
        raise TypeError(f"leadscore: a time is an RFC 3339 string or a datetime, not "
                        f"{type(t).__name__}")
    raw = t.encode("utf-8")
    ns = ctypes.c_int64()
    err = ctypes.c_void_p()
    raise_for(lib.leadscore_time_parse(raw, len(raw), ctypes.byref(ns), ctypes.byref(err)), err)
    return ns.value


def from_unix_ns(ns: int) -> datetime.datetime:
    """An aware UTC datetime (microsecond precision) for Unix nanoseconds."""
    return _EPOCH + datetime.timedelta(microseconds=ns // 1000)
