# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Models, scorers, leads and streaming states over the C ABI."""

import ctypes
import datetime
import json
from typing import Any, List, Mapping, NamedTuple, Optional, Union

from ._lib import Handle, ScorerOptions, lib
from ._time import TimeLike, from_unix_ns, to_unix_ns
from .errors import ModelError, raise_for

JsonLike = Union[str, bytes, Mapping[str, Any]]


def _json_bytes(value: JsonLike, what: str) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, Mapping):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    raise TypeError(f"leadscore: {what} is a dict or JSON text, not {type(value).__name__}")


class _Owned:
    """A C handle freed with `_free` when the Python object goes."""
    _free = None

    def __init__(self, handle: Handle):
        self._handle = handle

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            type(self)._free(handle)
            self._handle = None


class Model(_Owned):
    """A loaded, validated, immutable model; share it between threads."""
    _free = lib.leadscore_model_free

    @classmethod
    def from_json(cls, text: Union[str, bytes, Mapping[str, Any]]) -> "Model":
        """Compiles a model from JSON text (or a dict). ModelError lists every problem."""
        raw = _json_bytes(text, "a model")
        handle, err = Handle(), ctypes.c_void_p()
        raise_for(lib.leadscore_model_from_json(raw, len(raw), ctypes.byref(handle),
                                                ctypes.byref(err)), err, ModelError)
        return cls(handle)

    @classmethod
    def from_file(cls, path: str) -> "Model":
        """Reads and compiles a model file. ModelError lists every problem."""
        handle, err = Handle(), ctypes.c_void_p()
        raise_for(lib.leadscore_model_from_file(str(path).encode("utf-8"), ctypes.byref(handle),
                                                ctypes.byref(err)), err, ModelError)
        return cls(handle)


class Scorer(_Owned):
    """A model with scorer options (the reorder window); share it between threads."""
    _free = lib.leadscore_scorer_free

    def __init__(self, model: Model, reorder_window: int = 16):
        if not isinstance(model, Model):
            raise TypeError("leadscore: Scorer takes a Model")
        options = ScorerOptions(ctypes.sizeof(ScorerOptions), reorder_window)
        handle, err = Handle(), ctypes.c_void_p()
        raise_for(lib.leadscore_scorer_new(model._handle, ctypes.byref(options),
                                           ctypes.byref(handle), ctypes.byref(err)), err)
        super().__init__(handle)
        self.model = model

    def start(self, lead: "Lead") -> "State":
        """The initial state of `lead` (its attribute rules evaluated now)."""
        if not isinstance(lead, Lead):
            raise TypeError("leadscore: start takes a Lead")
        handle, err = Handle(), ctypes.c_void_p()
        raise_for(lib.leadscore_state_start(self._handle, lead._handle, ctypes.byref(handle),
                                            ctypes.byref(err)), err)
        return State(handle, self)


class Lead(_Owned):
    """One lead (spec section 1), from a dict or a JSON line."""
    _free = lib.leadscore_lead_free

    def __init__(self, lead: JsonLike):
        raw = _json_bytes(lead, "a lead")
        handle, err = Handle(), ctypes.c_void_p()
        raise_for(lib.leadscore_lead_from_json(raw, len(raw), ctypes.byref(handle),
                                               ctypes.byref(err)), err)
        super().__init__(handle)


class Transition(NamedTuple):
    """A change of the lead's stage caused by an event."""
    from_stage: str
    to_stage: str
    at: datetime.datetime


class ApplyResult(NamedTuple):
    """What an event did: 'applied', 'reordered', 'duplicate' or 'late' (refused)."""
    outcome: str
    transitions: List[Transition]


_OUTCOMES = ("applied", "reordered", "duplicate", "late")


class State(_Owned):
    """One lead's scoring state under one scorer; one thread at a time."""
    _free = lib.leadscore_state_free

    def __init__(self, handle: Handle, scorer: Scorer):
        super().__init__(handle)
        self.scorer = scorer

    @classmethod
    def from_bytes(cls, scorer: Scorer, data: bytes) -> "State":
        """A state saved with bytes(state), under the same scorer's model."""
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("leadscore: a state is read from bytes")
        handle, err = Handle(), ctypes.c_void_p()
        raise_for(lib.leadscore_state_from_bytes(scorer._handle, bytes(data), len(data),
                                                 ctypes.byref(handle), ctypes.byref(err)), err)
        return cls(handle, scorer)

    def __bytes__(self) -> bytes:
        ptr, size, err = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        raise_for(lib.leadscore_state_to_bytes(self._handle, ctypes.byref(ptr),
                                               ctypes.byref(size), ctypes.byref(err)), err)
        return ctypes.string_at(ptr, size.value)

    def apply(self, lead: Lead, event: JsonLike) -> ApplyResult:
        """Applies one event (a dict or JSON line of spec section 2) of `lead`."""
        raw = _json_bytes(event, "an event")
        outcome, count, err = ctypes.c_int(), ctypes.c_size_t(), ctypes.c_void_p()
        raise_for(lib.leadscore_state_apply_json(self._handle, lead._handle, raw, len(raw),
                                                 ctypes.byref(outcome), ctypes.byref(count),
                                                 ctypes.byref(err)), err)
        transitions = []
        for i in range(count.value):
            a, b, at = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_int64()
            lib.leadscore_state_transition(self._handle, i, ctypes.byref(a), ctypes.byref(b),
                                           ctypes.byref(at))
            transitions.append(Transition(a.value.decode(), b.value.decode(),
                                          from_unix_ns(at.value)))
        return ApplyResult(_OUTCOMES[outcome.value], transitions)

    def score_json(self, lead: Lead, as_of: TimeLike, explain: bool = False) -> bytes:
        """The scorecard as the exact JSON line `leadscore score` writes (no newline)."""
        ptr, size, err = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        raise_for(lib.leadscore_state_score_json(self._handle, lead._handle, to_unix_ns(as_of),
                                                 1 if explain else 0, ctypes.byref(ptr),
                                                 ctypes.byref(size), ctypes.byref(err)), err)
        return ctypes.string_at(ptr, size.value)

    def score(self, lead: Lead, as_of: TimeLike, explain: bool = False) -> dict:
        """The scorecard of `lead` as of `as_of` (spec section 6), as a dict."""
        return json.loads(self.score_json(lead, as_of, explain))
