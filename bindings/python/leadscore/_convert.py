# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Python values -> what the C ABI takes: times as Unix nanoseconds, dicts
and text as UTF-8 JSON bytes, iterables of dicts as JSON Lines. Not API."""

import datetime
import json
import os
from collections.abc import Mapping
from ctypes import byref, c_int64, c_void_p
from typing import Any, Iterable, Union

from ._errors import take_error
from ._native import lib

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_NS = 10**9

# A time: an RFC 3339 string ("2026-11-01T09:30:00Z") or an aware datetime.
TimeLike = Union[str, datetime.datetime]
# One JSON object: a dict, or its JSON text as str or bytes.
JsonLike = Union[Mapping, str, bytes, bytearray, memoryview]
# JSON Lines: text or bytes, or an iterable of dicts (one line each).
JsonLinesLike = Union[str, bytes, bytearray, memoryview, Iterable[Mapping]]


def _aware(t: datetime.datetime, what: str) -> datetime.datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{what}: {t.isoformat()} is a naive datetime; give a timezone-aware "
                         "one (e.g. datetime(..., tzinfo=timezone.utc))")
    return t


def to_unix_ns(t: Any, what: str) -> int:
    """Nanoseconds since the epoch of an RFC 3339 string or an aware datetime."""
    if isinstance(t, datetime.datetime):
        d = _aware(t, what) - EPOCH
        return (d.days * 86400 + d.seconds) * _NS + d.microseconds * 1000
    if isinstance(t, str):
        raw = utf8(t, what)
        out = c_int64()
        err = c_void_p()
        status = lib.leadscore_time_parse(raw, len(raw), byref(out), byref(err))
        if status != 0:
            e = take_error(status, err)
            raise ValueError(f"{what}: {e.message}") from e
        return out.value
    raise TypeError(f"{what}: expected an RFC 3339 string or a timezone-aware datetime, "
                    f"got {type(t).__name__}")


def from_unix_ns(ns: int) -> datetime.datetime:
    """An aware UTC datetime (microseconds: the nanoseconds below are dropped)."""
    return EPOCH + datetime.timedelta(microseconds=ns // 1000)


def utf8(text: str, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"{what}: text that cannot be UTF-8 ({e.reason} at {e.start})") from None


def _json_default(o: Any) -> Any:
    """What json.dumps cannot write itself: datetimes (as RFC 3339 in UTC) and
    mappings that are not dicts."""
    if isinstance(o, datetime.datetime):
        u = _aware(o, "a datetime value").astimezone(datetime.timezone.utc)
        return u.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(o, Mapping):
        return dict(o)
    if isinstance(o, (tuple, set, frozenset)):
        return list(o)
    raise TypeError(f"a value of type {type(o).__name__} cannot be written as JSON")


# Compact separators: the library reads any JSON, and shorter lines are
# faster to write and to read. NaN and infinities are not JSON: ValueError.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                           default=_json_default).encode


def json_object(obj: Any, what: str) -> bytes:
    """UTF-8 JSON text of one object given as a dict or as text/bytes."""
    if isinstance(obj, bytes):
        return obj
    if isinstance(obj, str):
        return utf8(obj, what)
    if isinstance(obj, Mapping):
        return utf8(_encode(obj if isinstance(obj, dict) else dict(obj)), what)
    if isinstance(obj, (bytearray, memoryview)):
        return bytes(obj)
    raise TypeError(f"{what}: expected a dict or JSON text (str or bytes), "
                    f"got {type(obj).__name__}")


def json_lines(obj: Any, what: str) -> bytes:
    """UTF-8 JSON Lines of text/bytes, or of an iterable of dicts (one line
    each, written in one pass)."""
    if obj is None:
        return b""
    if isinstance(obj, bytes):
        return obj
    if isinstance(obj, str):
        return utf8(obj, what)
    if isinstance(obj, (bytearray, memoryview)):
        return bytes(obj)
    if isinstance(obj, Mapping):
        raise TypeError(f"{what}: expected JSON Lines or an iterable of dicts, got one dict "
                        "(wrap it in a list)")
    if isinstance(obj, (os.PathLike,)):
        raise TypeError(f"{what}: a path is not data; read the file (open(path, 'rb').read())")
    try:
        items = iter(obj)
    except TypeError:
        raise TypeError(f"{what}: expected JSON Lines (str or bytes) or an iterable of dicts, "
                        f"got {type(obj).__name__}") from None
    lines = []
    append = lines.append
    encode = _encode
    for item in items:
        if type(item) is not dict:
            if not isinstance(item, Mapping):
                raise TypeError(f"{what}: item {len(lines) + 1} is a {type(item).__name__}, "
                                "expected a dict")
            item = dict(item)
        try:
            append(encode(item))
        except (TypeError, ValueError) as e:
            raise type(e)(f"{what}: item {len(lines) + 1}: {e}") from None
    return utf8("\n".join(lines), what)
