# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Batch scoring: a population of leads and their events as of one time."""

import ctypes
import json
from typing import Any, Iterable, List, Mapping, NamedTuple, Union

from ._lib import BatchOptions, Handle, lib
from ._time import TimeLike, to_unix_ns
from .core import Model, Scorer
from .errors import raise_for

Records = Union[str, bytes, Iterable[Mapping[str, Any]]]


class Rejected(NamedTuple):
    """A bad line skipped with on_error='skip'."""
    source: str  # "leads" or "events"
    line: int    # 1-based
    message: str


def _jsonl(records: Records, what: str) -> bytes:
    if records is None:
        return b""
    if isinstance(records, bytes):
        return records
    if isinstance(records, str):
        return records.encode("utf-8")
    if isinstance(records, Mapping):
        raise TypeError(f"leadscore: {what} is an iterable of dicts or JSON Lines text, "
                        "not one dict")
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    try:
        return "".join(dumps(r) + "\n" for r in records).encode("utf-8")
    except TypeError as e:
        raise TypeError(f"leadscore: {what}: {e}") from None


def score_batch_jsonl(model: Union[Model, Scorer], leads: Records, events: Records,
                      as_of: TimeLike, explain: bool = False, threads: int = 1,
                      on_error: str = "fail", rejected: List[Rejected] = None) -> bytes:
    """Scores every lead as `leadscore score` does and returns its exact output:
    one scorecard JSON line per lead, in leads order. `leads` and `events` are
    JSON Lines (str or bytes) or iterables of dicts. A bad line raises LineError
    (with .source and .line), or with on_error='skip' is skipped and appended
    to `rejected` if given. The GIL is released while the library works."""
    if on_error not in ("fail", "skip"):
        raise ValueError("leadscore: on_error is 'fail' or 'skip'")
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
        raise ValueError("leadscore: threads is a whole number >= 1")
    scorer = model if isinstance(model, Scorer) else Scorer(model)
    leads_raw, events_raw = _jsonl(leads, "leads"), _jsonl(events, "events")
    as_of_ns = to_unix_ns(as_of)
    options = BatchOptions(ctypes.sizeof(BatchOptions), 1 if explain else 0, threads,
                           1 if on_error == "skip" else 0)
    batch, err = Handle(), ctypes.c_void_p()
    raise_for(lib.leadscore_batch_new(scorer._handle, ctypes.byref(options),
                                      ctypes.byref(batch), ctypes.byref(err)), err)
    try:
        out, size = ctypes.c_void_p(), ctypes.c_size_t()
        raise_for(lib.leadscore_batch_score_jsonl(batch, leads_raw, len(leads_raw), events_raw,
                                                  len(events_raw), as_of_ns, ctypes.byref(out),
                                                  ctypes.byref(size), ctypes.byref(err)), err)
        result = ctypes.string_at(out, size.value)
        if rejected is not None:
            count = ctypes.c_size_t()
            lib.leadscore_batch_rejected_count(batch, ctypes.byref(count))
            for i in range(count.value):
                source, message, line = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_uint64()
                lib.leadscore_batch_rejected(batch, i, ctypes.byref(source), ctypes.byref(line),
                                             ctypes.byref(message))
                rejected.append(Rejected(source.value.decode(), line.value,
                                         message.value.decode()))
        return result
    finally:
        lib.leadscore_batch_free(batch)


def score_batch(model: Union[Model, Scorer], leads: Records, events: Records,
                as_of: TimeLike, **kwargs) -> List[dict]:
    """As score_batch_jsonl, with the scorecards as dicts."""
    out = score_batch_jsonl(model, leads, events, as_of, **kwargs)
    return [json.loads(line) for line in out.splitlines()]
