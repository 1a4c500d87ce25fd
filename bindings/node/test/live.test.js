// Live use: source positions (a queue's re-delivery is recognised at any
// age), time-driven transitions (advance) and lead updates without replay,
// as the C ABI's leadscore_state_apply_json_at, _advance and _update_lead.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const ls = require('..');

// Engagement halves every day; mql at 10 points, and stages may go back.
const MODEL = JSON.stringify({
  name: 'live-test', version: '1',
  dimensions: [{ name: 'e', min: 0, max: 100, decay: { half_life_days: 1 } }],
  rules: [{ id: 'demo', dimension: 'e', points: 20, on: 'demo_request' }],
  lifecycle: {
    stages: ['subscriber', 'mql'], forward_only: false,
    thresholds: [{ stage: 'mql', when: { score: 'e', gte: 10 } }],
  },
});

function demo(id, at) {
  return { id, lead_id: 'L-1', type: 'demo_request', at };
}

test('apply with a position: a re-delivered offset is already_applied, bytes unchanged', () => {
  const scorer = new ls.Scorer(ls.Model.fromJson(MODEL));
  const lead = ls.Lead.fromJson({ id: 'L-1', consent: true });
  const state = scorer.start(lead);
  const r = state.apply(lead, demo('E-1', '2026-10-01T10:00:00Z'), { source: 'events-3', offset: 41 });
  assert.equal(r.outcome, 'applied');
  assert.deepEqual(r.transitions.map((t) => [t.from, t.to, t.cause, t.eventId]),
    [['subscriber', 'mql', 'event', 'E-1']]);
  const kept = state.toBytes();
  // The queue delivers offset 41 again, even as another event: ignored.
  const again = state.apply(lead, demo('E-9', '2026-10-01T11:00:00Z'),
    { source: 'events-3', offset: 41n });
  assert.deepEqual(again, { outcome: 'already_applied', transitions: [] });
  assert.deepEqual(state.toBytes(), kept);
  // The next offset counts; another source has its own mark.
  assert.equal(state.apply(lead, demo('E-2', '2026-10-01T12:00:00Z'),
    { source: 'events-3', offset: 42 }).outcome, 'applied');
  assert.equal(state.apply(lead, demo('E-3', '2026-10-01T13:00:00Z'),
    { source: 'other', offset: 0 }).outcome, 'applied');
  assert.throws(() => state.apply(lead, demo('E-4', '2026-10-01T14:00:00Z'),
    { source: 'events-3', offset: -1 }), TypeError);
  assert.throws(() => state.apply(lead, demo('E-4', '2026-10-01T14:00:00Z'), 'events-3'),
    TypeError);
  // The marks survive the bytes.
  const restored = scorer.restore(state.toBytes());
  assert.equal(restored.apply(lead, demo('E-5', '2026-10-01T15:00:00Z'),
    { source: 'events-3', offset: 42 }).outcome, 'already_applied');
});

test('advance finds the crossing decay made between events, once', () => {
  const scorer = new ls.Scorer(ls.Model.fromJson(MODEL));
  const lead = ls.Lead.fromJson({ id: 'L-1', consent: true });
  const state = scorer.start(lead);
  state.apply(lead, demo('E-1', '2026-10-01T00:00:00Z'));
  // 20 points: 10 a day later (still mql at gte 10), 5 two days later.
  assert.deepEqual(state.advance(lead, '2026-10-02T00:00:00Z'), []);
  const moved = state.advance(lead, '2026-10-03T00:00:00Z');
  assert.deepEqual(moved.map((t) => [t.from, t.to, t.cause, t.eventId]),
    [['mql', 'subscriber', 'time', null]]);
  assert.equal(moved[0].at, ls.parseTime('2026-10-03T00:00:00Z'));
  assert.deepEqual(state.advance(lead, '2026-10-04T00:00:00Z'), []);  // seen already
  assert.equal(state.score(lead, '2026-10-04T00:00:00Z').stage, 'subscriber');
  // Not before the newest event.
  assert.throws(() => state.advance(lead, '2026-09-30T00:00:00Z'),
    (e) => e instanceof ls.LeadscoreError && e.code === 'FAILED_PRECONDITION');
});

test('updateLead takes a changed record in: consent withdrawn makes the lead invalid', () => {
  const scorer = new ls.Scorer(ls.Model.fromJson(MODEL));
  const lead = ls.Lead.fromJson({ id: 'L-1', consent: true });
  const state = scorer.start(lead);
  state.apply(lead, demo('E-1', '2026-10-01T00:00:00Z'));
  const withdrawn = ls.Lead.fromJson({ id: 'L-1', consent: { granted: false } });
  const moved = state.updateLead(withdrawn, '2026-10-01T06:00:00Z');
  assert.deepEqual(moved.map((t) => [t.from, t.to, t.cause]), [['mql', 'invalid', 'lead']]);
  assert.equal(state.score(withdrawn, '2026-10-01T07:00:00Z').stage, 'invalid');
});
