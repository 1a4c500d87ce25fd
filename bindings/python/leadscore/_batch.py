# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Batch scoring: leads and events in, one scorecard per lead out, exactly as
``leadscore score`` scores files."""

import ctypes
import json
import threading
from ctypes import byref, c_char_p, c_size_t, c_uint64, c_void_p
from typing import List, NamedTuple, Optional, Union

from ._convert import JsonLinesLike, TimeLike, json_lines, to_unix_ns
from ._core import Model, Scorer, _check, _check_int, _Handle
from ._native import BatchOptions, lib

MAX_THREADS = 256  # LEADSCORE_MAX_BATCH_THREADS


class RejectedLine(NamedTuple):
    """A bad line a batch with ``on_error='skip'`` left out."""

    source: str   # "leads" or "events"
    line: int     # 1-based line (for an iterable of dicts: the item's position from 1)
    message: str  # what is wrong with it


def parse_scorecards(out: bytes) -> List[dict]:
    """Scorecard JSON Lines -> a list of dicts, in one json.loads call (JSON
    text never holds a raw newline, so the lines joined by commas are an
    array)."""
    if not out:
        return []
    return json.loads(b"[" + out.rstrip(b"\n").replace(b"\n", b",") + b"]")


class Batch(_Handle):
    """A reusable batch job: JSON Lines (or iterables of dicts) in, one
    scorecard per lead out, in the order of the leads.

    Args:
      model: a :class:`Model` (or a :class:`Scorer`, whose model is used; the
        reorder window does not matter in a batch, which sees the full history).
      explain: scorecards with ``"explain"`` (``--explain``).
      threads: threads that score, 1 to 256 (the output is the same for any).
      on_error: ``'fail'``: the first bad line raises :class:`LineError`;
        ``'skip'``: bad lines are left out and listed in :attr:`rejected`.

    Calls on one batch are serialised by a lock; use one batch per thread for
    parallel batches. The library runs without the GIL.
    """

    __slots__ = ("explain", "threads", "on_error", "rejected", "_lock")

    def __init__(self, model: Union[Model, Scorer], *, explain: bool = False, threads: int = 1,
                 on_error: str = "fail") -> None:
        if isinstance(model, Model):
            scorer = Scorer(model)
        elif isinstance(model, Scorer):
            scorer = model
        else:
            raise TypeError(f"model must be a leadscore.Model or Scorer, got "
                            f"{type(model).__name__}")
        threads = _check_int(threads, "threads", 1, MAX_THREADS)
        if on_error not in ("fail", "skip"):
            raise ValueError(f"on_error is {on_error!r}; give 'fail' or 'skip'")
        options = BatchOptions(ctypes.sizeof(BatchOptions), 1 if explain else 0, threads,
                               1 if on_error == "skip" else 0)
        h, err = c_void_p(), c_void_p()
        _check(lib.leadscore_batch_new(scorer._h, byref(options), byref(h), byref(err)), err)
        self._own(h, lib.leadscore_batch_free)
        self.explain = bool(explain)
        self.threads = threads
        self.on_error = on_error
        #: The lines the last call skipped (``on_error='skip'``), in input order.
        self.rejected: List[RejectedLine] = []
        self._lock = threading.Lock()

    def score_jsonl(self, leads: JsonLinesLike, events: Optional[JsonLinesLike],
                    as_of: TimeLike) -> bytes:
        """Scores every lead of `leads` with `events` (None: no events) as of
        `as_of`; returns the scorecards as JSON Lines bytes: byte for byte
        what ``leadscore score`` writes for the same files.

        `leads` and `events` are JSON Lines (str or bytes; CRLF, byte-order
        marks and blank lines are read as the CLI reads files) or iterables
        of dicts (one line each; line numbers in errors are then positions
        from 1).

        Raises:
          LineError: a bad line with ``on_error='fail'`` (``.source`` "leads"
            or "events", ``.line``).
          ValueError: `as_of` is not a valid time (or outside 1900-2189), or
            the input is not UTF-8 text.
          TypeError: an input of the wrong type.
        """
        t = to_unix_ns(as_of, "as_of")
        lead_bytes = json_lines(leads, "leads")
        event_bytes = json_lines(events, "events")
        ptr, n, err = c_void_p(), c_size_t(), c_void_p()
        with self._lock:
            self.rejected = []
            _check(lib.leadscore_batch_score_jsonl(self._h, lead_bytes, len(lead_bytes),
                                                   event_bytes, len(event_bytes), t, byref(ptr),
                                                   byref(n), byref(err)), err)
            out = ctypes.string_at(ptr, n.value) if n.value else b""
            self.rejected = self._read_rejected()
        return out

    def score(self, leads: JsonLinesLike, events: Optional[JsonLinesLike],
              as_of: TimeLike) -> List[dict]:
        """As :meth:`score_jsonl`, with the scorecards as dicts."""
        return parse_scorecards(self.score_jsonl(leads, events, as_of))

    def _read_rejected(self) -> List[RejectedLine]:
        count = c_size_t()
        if lib.leadscore_batch_rejected_count(self._h, byref(count)) != 0 or not count.value:
            return []
        src, line, msg = c_char_p(), c_uint64(), c_char_p()
        out = []
        for i in range(count.value):
            lib.leadscore_batch_rejected(self._h, i, byref(src), byref(line), byref(msg))
            out.append(RejectedLine(src.value.decode(), int(line.value),
                                    msg.value.decode("utf-8", "replace")))
        return out


def score_batch(model: Union[Model, Scorer], leads: JsonLinesLike,
                events: Optional[JsonLinesLike], as_of: TimeLike, explain: bool = False,
                threads: int = 1, on_error: str = "fail",
                rejected: Optional[List[RejectedLine]] = None) -> List[dict]:
    """Scores `leads` with `events` as of `as_of`: one scorecard dict per lead,
    in leads order (the same scorecards ``leadscore score`` writes).

    One-shot form of :class:`Batch` (see :meth:`Batch.score_jsonl` for the
    inputs and errors). With ``on_error='skip'``, the skipped lines are
    appended to `rejected` when a list is given.
    """
    return parse_scorecards(score_batch_jsonl(model, leads, events, as_of, explain, threads,
                                              on_error, rejected))


def score_batch_jsonl(model: Union[Model, Scorer], leads: JsonLinesLike,
                      events: Optional[JsonLinesLike], as_of: TimeLike, explain: bool = False,
                      threads: int = 1, on_error: str = "fail",
                      rejected: Optional[List[RejectedLine]] = None) -> bytes:
    """As :func:`score_batch`, returning the scorecards as JSON Lines bytes
    (byte for byte the CLI's output)."""
    batch = Batch(model, explain=explain, threads=threads, on_error=on_error)
    out = batch.score_jsonl(leads, events, as_of)
    if rejected is not None:
        rejected.extend(batch.rejected)
    return out


