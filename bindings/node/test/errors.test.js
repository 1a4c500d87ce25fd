// Errors: LeadscoreError with the C status, its name and every detail (JSON
// pointers of a model's problems, the buffer and line of a bad batch line);
// misuse from JavaScript (wrong object, closed handle) is a TypeError/Error.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const ls = require('..');
const { crmModelPath } = require('./helpers');

const BAD_MODEL = {
  name: 'bad', version: '1',
  dimensions: [{ name: 'd', min: 0, max: 100 }],
  rules: [
    { id: 'r1', dimension: 'nope', points: 5, on: 'x' },
    { id: 'r2', dimension: 'd', points: 'many', on: 'y' },
  ],
};
const LEAD = { id: 'L-1', consent: true, attributes: { job_title: 'VP Sales' } };
const AS_OF = '2026-10-07T00:00:00Z';

function throwsLeadscore(fn, code, messagePart) {
  let caught;
  assert.throws(fn, (e) => { caught = e; return true; });
  assert.ok(caught instanceof ls.LeadscoreError, `not a LeadscoreError: ${caught}`);
  assert.equal(caught.code, code, caught.message);
  if (messagePart) assert.ok(caught.message.includes(messagePart), caught.message);
  return caught;
}

test('a bad model: every problem with its JSON pointer, in document order', () => {
  const e = throwsLeadscore(() => ls.Model.fromJson(BAD_MODEL), 'INVALID_ARGUMENT');
  assert.equal(e.status, 3);
  assert.deepEqual(e.details.map((d) => [d.source, d.pointer]),
    [['model', '/rules/0/dimension'], ['model', '/rules/1/points']]);
  assert.match(e.details[0].message, /unknown dimension 'nope'/);
  assert.match(e.message, /^\/rules\/0\/dimension: .*\n\/rules\/1\/points: /);
});

test('a missing model file is NOT_FOUND', () => {
  const e = throwsLeadscore(() => ls.Model.fromFile('/nonexistent/model.json'), 'NOT_FOUND',
    '/nonexistent/model.json');
  assert.equal(e.details.length, 1);
});

test('a bad event line fails the batch with its line number', async () => {
  const scorer = new ls.Scorer(ls.Model.fromFile(crmModelPath));
  const events = '{"id":"E-1","lead_id":"L-1","type":"demo_request","at":"2026-10-06T11:00:00Z"}\n' +
    '{"id":"E-2","lead_id":"L-1","type":"demo_request",\n';
  const e = throwsLeadscore(() => scorer.scoreBatch([LEAD], events, AS_OF), 'INVALID_ARGUMENT');
  assert.deepEqual(e.details.map((d) => [d.source, d.line]), [['events', 2]]);
  assert.match(e.message, /events:2/);
  await assert.rejects(scorer.scoreBatchAsync([LEAD], events, AS_OF),
    (err) => err instanceof ls.LeadscoreError && err.details[0].line === 2);

  // skipBadLines: the line is reported, the rest is scored.
  const r = scorer.scoreBatch([LEAD], events, AS_OF, { skipBadLines: true });
  assert.deepEqual(r.rejected.map((x) => [x.source, x.line]), [['events', 2]]);
  assert.equal(r.scorecards[0].stage, 'sql');
});

test('a bad lead line (duplicate id) names the leads buffer and line', () => {
  const scorer = new ls.Scorer(ls.Model.fromFile(crmModelPath));
  const e = throwsLeadscore(() => scorer.scoreBatch([LEAD, { id: 'L-2', consent: true }, LEAD],
    null, AS_OF), 'INVALID_ARGUMENT');
  assert.deepEqual(e.details.map((d) => [d.source, d.line]), [['leads', 3]]);
});

test('state errors: another lead, as-of too early, another model, damaged bytes', () => {
  const scorer = new ls.Scorer(ls.Model.fromFile(crmModelPath));
  const lead = ls.Lead.fromJson(LEAD);
  const state = scorer.start(lead);
  throwsLeadscore(() => state.apply(lead, { id: 'X', lead_id: 'L-9', type: 'demo_request',
    at: '2026-10-06T11:00:00Z' }), 'INVALID_ARGUMENT');
  state.apply(lead, { id: 'E-2', lead_id: 'L-1', type: 'demo_request', at: '2026-10-06T11:00:00Z' });
  throwsLeadscore(() => state.scoreJson(lead, '2026-10-06T10:00:00Z'), 'FAILED_PRECONDITION',
    'before the newest');
  const bytes = state.toBytes();

  const other = new ls.Scorer(ls.Model.fromJson({ ...JSON.parse(require('node:fs')
    .readFileSync(crmModelPath, 'utf8')), name: 'other' }));
  throwsLeadscore(() => other.restore(bytes), 'FAILED_PRECONDITION');
  const damaged = Buffer.from(bytes);
  damaged[damaged.length - 1] ^= 0xff;
  throwsLeadscore(() => scorer.restore(damaged), 'DATA_LOSS');
  throwsLeadscore(() => scorer.restore(bytes.subarray(0, 10)), 'DATA_LOSS');
});

test('bad input text: invalid UTF-8, bad times', () => {
  throwsLeadscore(() => ls.Lead.fromJson(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])),
    'INVALID_ARGUMENT');
  throwsLeadscore(() => ls.parseTime('yesterday'), 'INVALID_ARGUMENT');
  throwsLeadscore(() => ls.parseTime('2300-01-01T00:00:00Z'), 'OUT_OF_RANGE');
});

test('misuse from JavaScript: wrong object, closed handle, bad options', () => {
  const model = ls.Model.fromFile(crmModelPath);
  const scorer = new ls.Scorer(model);
  const lead = ls.Lead.fromJson(LEAD);
  const state = scorer.start(lead);
  assert.throws(() => state.apply(model, '{}'), TypeError);
  assert.throws(() => scorer.start({ _h: {} }), TypeError);
  assert.throws(() => new ls.Scorer(lead), TypeError);
  assert.throws(() => new ls.Scorer(model, { reorderWindow: -1 }), RangeError);
  assert.throws(() => scorer.scoreBatch([LEAD], null, AS_OF, { threads: 0 }), RangeError);
  assert.throws(() => state.score(lead, 12345), TypeError);
  state.close();
  state.close(); // idempotent
  assert.throws(() => state.toBytes(), /State has been closed/);
});
