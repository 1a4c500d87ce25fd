// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore for Node: a thin layer over the C ABI (include/leadscore/leadscore_c.h)
// through the N-API addon in src/addon.cc (built by build.sh). docs/bindings.md
// ("Node") shows the flow; index.d.ts documents every export.
//
// Memory: each object holds one C handle, freed by close() or, failing that,
// by the garbage collector. Call close() on states and leads you are done with
// in a long-running server: it frees (and, for states and leads, wipes) the
// personal data now rather than at some later collection.
'use strict';

const path = require('node:path');

const addon = require(path.join(__dirname, 'build', 'Release', 'leadscore.node'));

/** A failed call of the library: the C status and every detail it gave. */
class LeadscoreError extends Error {
  constructor(message, status, code, details) {
    super(message);
    this.name = 'LeadscoreError';
    /** Numeric status (absl::StatusCode numbers, e.g. 3). */
    this.status = status;
    /** Its name, e.g. 'INVALID_ARGUMENT'. */
    this.code = code;
    /** [{source, line, pointer, message}]: model problems with their JSON
     *  pointers, or the bad line of a batch with its buffer and line number. */
    this.details = details;
  }
}
addon.setErrorClass(LeadscoreError);

const OUTCOMES = ['applied', 'reordered', 'duplicate', 'late', 'already_applied'];

/** The library's version, "MAJOR.MINOR.PATCH". */
function version() {
  return addon.version();
}

/** RFC 3339 text -> Unix nanoseconds (bigint). */
function parseTime(text) {
  return addon.parseTime(text);
}

// A time argument: bigint Unix nanoseconds, a Date, or RFC 3339 text.
function toUnixNs(t, what) {
  if (typeof t === 'bigint') return t;
  if (typeof t === 'string') return addon.parseTime(t);
  if (t instanceof Date) {
    const ms = t.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`${what} is an invalid Date`);
    return BigInt(ms) * 1000000n;
  }
  throw new TypeError(`${what} must be a bigint (Unix ns), a Date or an RFC 3339 string`);
}

// A JSON document argument: text or bytes as they are, anything else stringified.
function toDocument(x) {
  if (typeof x === 'string' || x instanceof Uint8Array) return x;
  return JSON.stringify(x);
}

// A JSON Lines argument: text or bytes, or an array of objects/lines.
function toJsonLines(x) {
  if (x === undefined || x === null) return null;
  if (Array.isArray(x)) {
    return x.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)) + '\n').join('');
  }
  return x;
}

class Handle {
  constructor(handle) {
    this._h = handle;
  }
  /** Frees the C handle now (later calls throw); idempotent. */
  close() {
    addon.close(this._h);
  }
}

/** A compiled, immutable model (share it freely). */
class Model extends Handle {
  /** Reads and compiles a model file. Throws LeadscoreError (NOT_FOUND,
   *  DATA_LOSS, or INVALID_ARGUMENT with one detail per problem). */
  static fromFile(file) {
    return new Model(addon.modelFromFile(file));
  }
  /** Compiles a model from JSON text, bytes, or a plain object. */
  static fromJson(json) {
    return new Model(addon.modelFromJson(toDocument(json)));
  }
}

/** One lead as the CRM has it: {id, consent, stage?, attributes?}. */
class Lead extends Handle {
  static fromJson(json) {
    return new Lead(addon.leadFromJson(toDocument(json)));
  }
}

function transitionsOf(list) {
  return list.map((t) => ({
    from: t.from,
    to: t.to,
    at: t.at,
    date: new Date(Number(t.at / 1000000n)),
    cause: t.cause,
    eventId: t.eventId,
  }));
}

function applyResult(r) {
  return {
    outcome: OUTCOMES[r.outcome] ?? `unknown(${r.outcome})`,
    transitions: transitionsOf(r.transitions),
  };
}

// A source offset: a non-negative safe integer or a bigint.
function toOffset(offset) {
  if (typeof offset === 'bigint') return offset;
  if (Number.isSafeInteger(offset) && offset >= 0) return BigInt(offset);
  throw new TypeError('position.offset must be a non-negative integer or a bigint');
}

/** One lead's scoring state under one scorer (use from one async flow at a time). */
class State extends Handle {
  /** Applies one event (an events-file object, JSON text or bytes) of `lead`.
   *  With `position` ({source, offset}: where a queue delivered it), an event
   *  at or below the state's mark for that source is 'already_applied'. */
  apply(lead, event, position) {
    if (position === undefined) {
      return applyResult(addon.stateApplyJson(this._h, lead._h, toDocument(event)));
    }
    if (position === null || typeof position !== 'object') {
      throw new TypeError('position must be {source, offset}');
    }
    return applyResult(addon.stateApplyJsonAt(this._h, lead._h, toDocument(event),
      position.source, toOffset(position.offset)));
  }
  /** The change of the lead's reported stage that time alone made by `t`
   *  (decay, expiring windows, consent taking effect): [] or one transition
   *  with cause 'time'. */
  advance(lead, t) {
    return transitionsOf(addon.stateAdvance(this._h, lead._h, toUnixNs(t, 'time')));
  }
  /** Takes a changed lead record (attributes, consent, host stage) in at `at`
   *  without replaying events: [] or one transition with cause 'lead'. */
  updateLead(lead, at) {
    return transitionsOf(addon.stateUpdateLead(this._h, lead._h, toUnixNs(at, 'time')));
  }
  /** The same without JSON: {id?, type, at, properties?}. */
  applyFields(lead, { id = null, type, at, properties = {} }) {
    const keys = Object.keys(properties);
    return applyResult(addon.stateApplyFields(this._h, lead._h, id, type,
      toUnixNs(at, 'event time'), keys, keys.map((k) => properties[k])));
  }
  /** The scorecard line `leadscore score` writes for the lead, as text. */
  scoreJson(lead, asOf, { explain = false } = {}) {
    return addon.stateScoreJson(this._h, lead._h, toUnixNs(asOf, 'asOf'), explain);
  }
  /** The scorecard as an object. */
  score(lead, asOf, options) {
    return JSON.parse(this.scoreJson(lead, asOf, options));
  }
  /** The state as bytes (a Buffer of its own) to keep until the next request. */
  toBytes() {
    return addon.stateToBytes(this._h);
  }
}

class BatchResult {
  constructor(r) {
    /** The scorecard JSON Lines, byte for byte those of `leadscore score`. */
    this.output = r.output;
    /** Bad lines skipped (skipBadLines): [{source, line, message}]. */
    this.rejected = r.rejected;
  }
  /** The scorecards as objects, in leads order. */
  get scorecards() {
    return this.output.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  }
}

function batchArgs(scorer, leads, events, asOf, options = {}) {
  const { explain = false, threads, skipBadLines = false } = options;
  return [scorer._h, toJsonLines(leads), toJsonLines(events), toUnixNs(asOf, 'asOf'), explain,
    threads, skipBadLines];
}

/** A model plus the reorder window (immutable; share it freely). */
class Scorer extends Handle {
  constructor(model, { reorderWindow } = {}) {
    if (!(model instanceof Model)) throw new TypeError('expected a Model');
    super(addon.scorerNew(model._h, reorderWindow));
  }
  /** A new lead's initial state. */
  start(lead) {
    return new State(addon.stateStart(this._h, lead._h));
  }
  /** A state kept with toBytes(). Throws FAILED_PRECONDITION for a state of
   *  another model or window, DATA_LOSS for damaged bytes. */
  restore(bytes) {
    return new State(addon.stateFromBytes(this._h, bytes));
  }
  /** Scores JSON Lines (text, bytes, or arrays of objects) as the CLI does. */
  scoreBatch(leads, events, asOf, options) {
    return new BatchResult(addon.batchScore(...batchArgs(this, leads, events, asOf, options)));
  }
  /** The same on a worker thread; the inputs are copied first. */
  async scoreBatchAsync(leads, events, asOf, options) {
    return new BatchResult(
      await addon.batchScoreAsync(...batchArgs(this, leads, events, asOf, options)));
  }
}

module.exports = { version, parseTime, Model, Scorer, Lead, State, BatchResult, LeadscoreError };
