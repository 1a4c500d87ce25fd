// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
// Types of bindings/node/index.js (leadscore over its C ABI).

/** A time: bigint Unix nanoseconds, a Date, or RFC 3339 text. */
export type Time = bigint | Date | string;

/** JSON text or bytes (UTF-8), or a value that is JSON.stringify'd. */
export type JsonDocument = string | Uint8Array | object;

/** JSON Lines as text or bytes, or an array of objects (or lines). */
export type JsonLines = string | Uint8Array | Array<object | string>;

/** One problem of a failed call. */
export interface ErrorDetail {
  /** "model", "leads" or "events" ("" when not said). */
  source: string;
  /** 1-based line in that JSON Lines buffer; 0 when not a line. */
  line: number;
  /** JSON pointer into the model ("" for the root or when not a model problem). */
  pointer: string;
  message: string;
}

/** Thrown by every call the library refuses. */
export class LeadscoreError extends Error {
  name: 'LeadscoreError';
  /** The status number (absl::StatusCode: 3 INVALID_ARGUMENT, 5 NOT_FOUND, 9 FAILED_PRECONDITION, 11 OUT_OF_RANGE, 15 DATA_LOSS, ...). */
  status: number;
  /** The status name, e.g. "INVALID_ARGUMENT". */
  code: string;
  details: ErrorDetail[];
}

/** The library's version, "MAJOR.MINOR.PATCH". */
export function version(): string;

/** Parses RFC 3339 text into Unix nanoseconds. Throws INVALID_ARGUMENT or OUT_OF_RANGE. */
export function parseTime(text: string): bigint;

declare class Handle {
  /** Frees the C handle now (states and leads: wiped first); later calls throw. Idempotent. */
  close(): void;
}

/** A compiled, immutable model: share it freely. */
export class Model extends Handle {
  private constructor();
  /** Throws NOT_FOUND / DATA_LOSS (file), INVALID_ARGUMENT with one detail per problem. */
  static fromFile(path: string): Model;
  static fromJson(json: JsonDocument): Model;
}

/** One lead (spec section 1): {id, consent, stage?, attributes?}. */
export class Lead extends Handle {
  private constructor();
  /** Throws INVALID_ARGUMENT saying what is wrong. */
  static fromJson(json: JsonDocument): Lead;
}

export interface Transition {
  from: string;
  to: string;
  /** When (the event's time), Unix nanoseconds. */
  at: bigint;
  /** The same as a Date (millisecond precision). */
  date: Date;
  /** 'event' (an apply), 'time' (advance) or 'lead' (updateLead). */
  cause: 'event' | 'time' | 'lead' | 'model';
  /** The id of the event whose moment it was; null without one. */
  eventId: string | null;
}

/** Where a queue delivered an event: offsets of one source grow with delivery. */
export interface SourcePosition {
  source: string;
  offset: number | bigint;
}

export interface ApplyResult {
  /** applied: in order; reordered: late within the window, merged exactly;
   *  duplicate: ignored; late: older than the window, refused (state unchanged:
   *  rescore the lead from its history with a batch); already_applied: at or
   *  below the state's mark for its source (apply with a position): ignored. */
  outcome: 'applied' | 'reordered' | 'duplicate' | 'late' | 'already_applied';
  /** The stage changes this event caused. */
  transitions: Transition[];
}

/** Property values of applyFields: null (missing), booleans, finite numbers,
 *  strings; objects and arrays only answer `exists`. */
export type PropertyValue = null | boolean | number | string | object;

export interface EventFields {
  id?: string | null;
  type: string;
  at: Time;
  properties?: Record<string, PropertyValue>;
}

export interface ScoreOptions {
  /** Include "explain" (per-rule points). Default false. */
  explain?: boolean;
}

/** One lead's scoring state (use from one flow at a time). */
export class State extends Handle {
  private constructor();
  /** Applies an event object (spec section 2; its lead_id must be the lead's).
   *  Throws INVALID_ARGUMENT (bad event, another lead), OUT_OF_RANGE. */
  apply(lead: Lead, event: JsonDocument, position?: SourcePosition): ApplyResult;
  /** Stage changes time alone made by `t` (cause 'time'). Throws
   *  FAILED_PRECONDITION for a time before the newest event. */
  advance(lead: Lead, t: Time): Transition[];
  /** Takes a changed lead record in without replay (cause 'lead'). Throws
   *  FAILED_PRECONDITION when an attribute event rules read changed. */
  updateLead(lead: Lead, at: Time): Transition[];
  /** The same without JSON (the hot path). */
  applyFields(lead: Lead, event: EventFields): ApplyResult;
  /** The scorecard line of `leadscore score` for the lead (no newline).
   *  Throws FAILED_PRECONDITION for an asOf before the newest applied event. */
  scoreJson(lead: Lead, asOf: Time, options?: ScoreOptions): string;
  /** The same, parsed. */
  score(lead: Lead, asOf: Time, options?: ScoreOptions): Scorecard;
  /** Versioned, checksummed bytes to keep until the next request. */
  toBytes(): Buffer;
}

/** A scorecard (spec section 6). */
export interface Scorecard {
  lead_id: string;
  as_of: string;
  valid: boolean;
  scores: Record<string, number>;
  total: number;
  grades: Record<string, string | null>;
  stage: string | null;
  stage_entered_at: string | null;
  labels: string[];
  funnel: unknown;
  explain?: Array<{ rule: string; dimension: string; points: number; events?: number }>;
  [field: string]: unknown;
}

export interface BatchOptions {
  explain?: boolean;
  /** Threads that score, 1 to 256 (the output is the same for any). Default 1. */
  threads?: number;
  /** Skip bad lines and list them in `rejected` (else the first one throws
   *  INVALID_ARGUMENT with its source and line). Default false. */
  skipBadLines?: boolean;
}

export interface RejectedLine {
  source: 'leads' | 'events' | string;
  line: number;
  message: string;
}

export class BatchResult {
  private constructor();
  /** Scorecard JSON Lines, byte for byte those of `leadscore score`. */
  readonly output: string;
  readonly rejected: RejectedLine[];
  /** The scorecards parsed, in leads order. */
  readonly scorecards: Scorecard[];
}

export interface ScorerOptions {
  /** Recent events kept per state to absorb late and duplicate events. Default 16. */
  reorderWindow?: number;
}

/** A model plus scorer options: immutable, share it freely. */
export class Scorer extends Handle {
  constructor(model: Model, options?: ScorerOptions);
  /** A new lead's initial state. Throws INVALID_ARGUMENT for an unknown host stage. */
  start(lead: Lead): State;
  /** A state kept with toBytes(). Throws FAILED_PRECONDITION (another model or
   *  window), DATA_LOSS (damaged bytes), UNIMPLEMENTED (newer format). */
  restore(bytes: Uint8Array): State;
  /** Scores leads with their events as of `asOf`, as `leadscore score` does. */
  scoreBatch(leads: JsonLines, events: JsonLines | null, asOf: Time, options?: BatchOptions): BatchResult;
  /** The same on a worker thread (the event loop stays free). */
  scoreBatchAsync(leads: JsonLines, events: JsonLines | null, asOf: Time, options?: BatchOptions): Promise<BatchResult>;
}
