# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Models, scorers, leads and streaming states over the C ABI."""

import ctypes
import datetime
import json
import os
import threading
import weakref
from ctypes import byref, c_char_p, c_int, c_int64, c_size_t, c_void_p
from typing import Any, Callable, List, NamedTuple, Optional, Union

from ._convert import JsonLike, TimeLike, from_unix_ns, json_object, to_unix_ns
from ._errors import take_error
from ._native import ScorerOptions, lib

MAX_REORDER_WINDOW = 1048576  # LEADSCORE_MAX_REORDER_WINDOW

_OUTCOMES = ("applied", "reordered", "duplicate", "late", "already_applied")


def _check(status: int, err: c_void_p) -> None:
    if status != 0:
        raise take_error(status, err)


class _Handle:
    """Owns one C handle and frees it with `free` when collected (or on
    close()). Handles keep what they depend on alive on the C side, so Python
    objects may be collected in any order."""

    __slots__ = ("_h", "_finalizer", "__weakref__")

    def _own(self, handle: c_void_p, free: Callable[[c_void_p], int]) -> None:
        self._h = handle
        self._finalizer = weakref.finalize(self, free, handle)

    def _close(self) -> None:
        self._finalizer()
        self._h = c_void_p()


def _new(cls: type) -> Any:
    return object.__new__(cls)


class Model(_Handle):
    """A compiled, immutable scoring model (model_format v1).

    Build one with :meth:`from_json` or :meth:`from_file`. A model may be
    shared by any number of threads.
    """

    __slots__ = ()

    def __init__(self) -> None:
        raise TypeError("use Model.from_json(text) or Model.from_file(path)")

    @classmethod
    def from_json(cls, text: JsonLike) -> "Model":
        """Parses, validates and compiles a model from JSON text (str or
        bytes) or a dict.

        Raises:
          ModelError: the model is not valid; ``.diagnostics`` lists every
            problem as ``(json_pointer, message)`` in document order.
          TypeError: `text` is neither text nor a dict.
        """
        raw = json_object(text, "model")
        h, err = c_void_p(), c_void_p()
        status = lib.leadscore_model_from_json(raw, len(raw), byref(h), byref(err))
        if status != 0:
            raise take_error(status, err, model=True)
        m = _new(cls)
        m._own(h, lib.leadscore_model_free)
        return m

    @classmethod
    def from_file(cls, path: Union[str, bytes, "os.PathLike[str]"]) -> "Model":
        """Reads and compiles the model file at `path`.

        Raises:
          ModelError: as :meth:`from_json`; also for a file that cannot be
            opened (code NOT_FOUND) or read (DATA_LOSS), with one diagnostic
            whose pointer is "".
          TypeError: `path` is not a path.
        """
        p = os.fsencode(path)  # TypeError for anything but str, bytes, PathLike
        h, err = c_void_p(), c_void_p()
        status = lib.leadscore_model_from_file(p, byref(h), byref(err))
        if status != 0:
            raise take_error(status, err, model=True)
        m = _new(cls)
        m._own(h, lib.leadscore_model_free)
        return m


def _check_int(value: Any, what: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    if not lo <= value <= hi:
        raise ValueError(f"{what} is {value}; give {lo} to {hi}")
    return value


class Scorer(_Handle):
    """A model with scorer options: starts and restores lead states.

    Args:
      model: the :class:`Model`.
      reorder_window: how many of a lead's most recent events a state keeps
        to absorb late and duplicate events exactly (0 to 1048576; 0 keeps
        none: events must then arrive in order). States stored under one
        window are refused by a scorer with another.

    Immutable: share it between threads.
    """

    __slots__ = ("model", "reorder_window")

    def __init__(self, model: Model, reorder_window: int = 16) -> None:
        if not isinstance(model, Model):
            raise TypeError(f"model must be a leadscore.Model, got {type(model).__name__}")
        window = _check_int(reorder_window, "reorder_window", 0, MAX_REORDER_WINDOW)
        options = ScorerOptions(ctypes.sizeof(ScorerOptions), window)
        h, err = c_void_p(), c_void_p()
        _check(lib.leadscore_scorer_new(model._h, byref(options), byref(h), byref(err)), err)
        self._own(h, lib.leadscore_scorer_free)
        self.model = model
        self.reorder_window = window

    def start(self, lead: Union["Lead", JsonLike]) -> "State":
        """The initial state of `lead` (a :class:`Lead`, or a dict or JSON text
        made into one). Attribute rules are evaluated now: when a lead's
        attributes change, start again and re-apply its history.

        Raises:
          Error: INVALID_ARGUMENT for a host stage the model does not define
            or a lead that does not parse.
        """
        lead = Lead._of(lead)
        h, err = c_void_p(), c_void_p()
        _check(lib.leadscore_state_start(self._h, lead._h, byref(h), byref(err)), err)
        return State._wrap(h, self, lead)


class Lead(_Handle):
    """One lead: a line of a leads file (spec section 1) as a dict or JSON text
    (``{"id": ..., "consent": ..., "stage": ..., "attributes": {...}}``).
    Times in a dict may be aware datetimes. Read-only once made.

    Raises:
      Error: INVALID_ARGUMENT saying what is wrong and where.
      TypeError: `data` is neither a dict nor text.
    """

    __slots__ = ()

    def __init__(self, data: JsonLike) -> None:
        raw = json_object(data, "lead")
        h, err = c_void_p(), c_void_p()
        _check(lib.leadscore_lead_from_json(raw, len(raw), byref(h), byref(err)), err)
        self._own(h, lib.leadscore_lead_free)

    @classmethod
    def _of(cls, lead: Any) -> "Lead":
        return lead if isinstance(lead, Lead) else cls(lead)


class Transition(NamedTuple):
    """A stage change an event caused."""

    from_stage: str
    to_stage: str
    at: datetime.datetime  # the event's time, UTC (microsecond precision)
    at_unix_ns: int        # the same, exact: nanoseconds since the epoch
    cause: str = "event"   # "event" (apply), "time" (advance) or "lead" (update_lead)
    event_id: Optional[str] = None  # the id of the event at that moment, if any


class ApplyResult(NamedTuple):
    """What :meth:`State.apply` did with an event.

    outcome:
      ``'applied'``   in order, applied;
      ``'reordered'`` late within the reorder window (or replacing a later
                      copy of its id): merged exactly;
      ``'duplicate'`` an event with this id already counts: ignored;
      ``'late'``      older than the reorder window: refused, the state is
                      unchanged (rescore the lead from its history with
                      :func:`score_batch`);
      ``'already_applied'`` its source position (``apply(..., source=,
                      offset=)``) is at or below the state's mark for that
                      source: ignored, the state is unchanged.
    transitions: the stage changes the event caused, in order.
    """

    outcome: str
    transitions: List[Transition]


class State(_Handle):
    """One lead's scoring state under one scorer: apply events as they
    arrive, score when wanted, keep ``bytes(state)`` between requests.

    Made by :meth:`Scorer.start` or :meth:`State.from_bytes`. Calls on one
    state are serialised by a lock, so sharing one between threads is safe
    (if rarely useful); distinct states run in parallel.
    """

    __slots__ = ("scorer", "lead", "_lock")

    def __init__(self) -> None:
        raise TypeError("use scorer.start(lead) or State.from_bytes(scorer, data, lead)")

    @classmethod
    def _wrap(cls, h: c_void_p, scorer: Scorer, lead: Lead) -> "State":
        s = _new(cls)
        s._own(h, lib.leadscore_state_free)
        s.scorer = scorer
        s.lead = lead
        s._lock = threading.Lock()
        return s

    @classmethod
    def from_bytes(cls, scorer: Scorer, data: Union[bytes, bytearray, memoryview],
                   lead: Union[Lead, JsonLike]) -> "State":
        """Restores a state kept with ``bytes(state)``, for `lead` (the lead as
        the host has it now: apply and score read its consent, stage and
        attributes).

        Raises:
          Error: FAILED_PRECONDITION for a state of another model, model
            layout or reorder window (after a model change, rescore from
            history); DATA_LOSS for truncated or corrupted bytes;
            UNIMPLEMENTED for a newer format version.
          TypeError: `data` is not bytes-like.
        """
        if not isinstance(scorer, Scorer):
            raise TypeError(f"scorer must be a leadscore.Scorer, got {type(scorer).__name__}")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data must be bytes, got {type(data).__name__}")
        raw = bytes(data)
        lead = Lead._of(lead)
        h, err = c_void_p(), c_void_p()
        _check(lib.leadscore_state_from_bytes(scorer._h, raw, len(raw), byref(h), byref(err)),
               err)
        return cls._wrap(h, scorer, lead)

    def _handle(self) -> c_void_p:
        if not self._h:
            raise ValueError("the state is closed")
        return self._h

    def apply(self, event: JsonLike, source: Optional[str] = None,
              offset: Optional[int] = None) -> ApplyResult:
        """Applies one event (an events-file line, spec section 2, as a dict or
        JSON text; its ``lead_id`` must be this lead's; ``at`` may be an aware
        datetime in a dict).

        A late event is not an error: its outcome is ``'late'``. With `source`
        and `offset` (where the event was read: a stream or partition and its
        offset, growing with delivery order), a re-delivery of anything
        already applied is ``'already_applied'`` at any age
        (docs/live-scoring.md, "The streaming contract").

        Raises:
          Error: INVALID_ARGUMENT for an event that does not parse, belongs
            to another lead or has a time outside 1900-2189. The state is
            then unchanged.
          TypeError: `event` is neither a dict nor text.
          ValueError: only one of `source` and `offset` given, or an offset
            outside 0 .. 2**64 - 1.
        """
        raw = json_object(event, "event")
        if (source is None) != (offset is None):
            raise ValueError("give both source and offset, or neither")
        if offset is not None and not 0 <= offset < 2**64:
            raise ValueError(f"offset must be in 0 .. 2**64 - 1, got {offset}")
        outcome, count, err = c_int(), c_size_t(), c_void_p()
        with self._lock:
            h = self._handle()
            if source is None:
                _check(lib.leadscore_state_apply_json(h, self.lead._h, raw, len(raw),
                                                      byref(outcome), byref(count),
                                                      byref(err)), err)
            else:
                _check(lib.leadscore_state_apply_json_at(
                    h, self.lead._h, raw, len(raw), source.encode("utf-8"), offset,
                    byref(outcome), byref(count), byref(err)), err)
            transitions = self._transitions(h, count.value)
        return ApplyResult(_OUTCOMES[outcome.value], transitions)

    @staticmethod
    def _transitions(h: c_void_p, count: int) -> List[Transition]:
        transitions = []
        src, dst, at = c_char_p(), c_char_p(), c_int64()
        cause, event_id = c_char_p(), c_char_p()
        for i in range(count):
            lib.leadscore_state_transition(h, i, byref(src), byref(dst), byref(at))
            lib.leadscore_state_transition_cause(h, i, byref(cause), byref(event_id))
            transitions.append(Transition(
                src.value.decode(), dst.value.decode(), from_unix_ns(at.value),
                at.value, cause.value.decode(),
                None if event_id.value is None else event_id.value.decode()))
        return transitions

    def advance(self, t: TimeLike) -> List[Transition]:
        """Looks at the lead at `t` (not before its newest event) and returns
        the change of its reported stage since the one last seen, if any
        (cause ``'time'``: decay, an expiring window, consent taking effect).
        Scores and what later events compute do not change.

        Raises:
          Error: FAILED_PRECONDITION for a time before the newest event.
          ValueError: `t` is not a valid time (or outside 1900-2189).
        """
        ns = to_unix_ns(t, "t")
        count, err = c_size_t(), c_void_p()
        with self._lock:
            h = self._handle()
            _check(lib.leadscore_state_advance(h, self.lead._h, ns, byref(count), byref(err)),
                   err)
            return self._transitions(h, count.value)

    def update_lead(self, lead: Union[Lead, JsonLike], at: TimeLike) -> List[Transition]:
        """Takes a changed lead record (attributes, consent, host stage) in
        without replaying events, and returns the change of the reported
        stage it causes (cause ``'lead'``, seen at `at`). The state then
        belongs to `lead`.

        Raises:
          Error: FAILED_PRECONDITION when an attribute that event rules read
            changed (rebuild the state from the lead's history).
          ValueError: `at` is not a valid time (or outside 1900-2189).
        """
        lead = Lead._of(lead)
        ns = to_unix_ns(at, "at")
        count, err = c_size_t(), c_void_p()
        with self._lock:
            h = self._handle()
            _check(lib.leadscore_state_update_lead(h, lead._h, ns, byref(count), byref(err)),
                   err)
            self.lead = lead
            return self._transitions(h, count.value)

    def score_json(self, as_of: TimeLike, explain: bool = False) -> str:
        """The scorecard as of `as_of` as JSON text: exactly the line
        ``leadscore score`` writes for this lead (with ``"explain"`` when
        `explain`), without the newline.

        Raises:
          Error: FAILED_PRECONDITION for an as-of before the newest applied
            event; INVALID_ARGUMENT for a host stage the model does not define.
          ValueError: `as_of` is not a valid time (or outside 1900-2189).
          TypeError: `as_of` is neither a string nor a datetime.
        """
        t = to_unix_ns(as_of, "as_of")
        ptr, n, err = c_void_p(), c_size_t(), c_void_p()
        with self._lock:
            _check(lib.leadscore_state_score_json(self._handle(), self.lead._h, t,
                                                  1 if explain else 0, byref(ptr), byref(n),
                                                  byref(err)), err)
            return ctypes.string_at(ptr, n.value).decode("utf-8")

    def score(self, as_of: TimeLike, explain: bool = False) -> dict:
        """The scorecard as of `as_of` as a dict (spec section 6: lead_id,
        as_of, valid, scores, total, grades, stage, stage_entered_at, labels,
        funnel, and explain when asked). Raises as :meth:`score_json`."""
        return json.loads(self.score_json(as_of, explain))

    def to_bytes(self) -> bytes:
        """The state as bytes (versioned, checksummed) to keep between
        requests; :meth:`from_bytes` reads them back. Same as ``bytes(state)``."""
        ptr, n, err = c_void_p(), c_size_t(), c_void_p()
        with self._lock:
            _check(lib.leadscore_state_to_bytes(self._handle(), byref(ptr), byref(n),
                                                byref(err)), err)
            return ctypes.string_at(ptr, n.value)

    __bytes__ = to_bytes

    def close(self) -> None:
        """Wipes the state's memory (right to be forgotten) and frees it now
        rather than when collected. Further calls raise ValueError."""
        with self._lock:
            self._close()

    def __enter__(self) -> "State":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
