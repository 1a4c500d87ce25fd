// The flow of a CRM plugin: one model per process, one request per incoming
// event, the lead's state kept as bytes (base64) in the CRM's database between
// requests, stage transitions read after each event.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const ls = require('..');
const { crmModelPath, crmExpectedLine } = require('./helpers');

const LEAD_ROW = { id: 'L-1', consent: true, attributes: { job_title: 'VP Sales' } };

// The plugin's handler: everything it needs comes from the "database" row.
function onEvent(scorer, db, leadId, event) {
  const row = db.get(leadId);
  const lead = ls.Lead.fromJson(row.lead);
  const state = row.state === null ? scorer.start(lead)
    : scorer.restore(Buffer.from(row.state, 'base64'));
  try {
    const result = typeof event.properties === 'object' && !('lead_id' in event)
      ? state.applyFields(lead, event) : state.apply(lead, event);
    row.state = state.toBytes().toString('base64');
    return result;
  } finally {
    state.close();
    lead.close();
  }
}

function score(scorer, db, leadId, asOf) {
  const row = db.get(leadId);
  const lead = ls.Lead.fromJson(row.lead);
  const state = scorer.restore(Buffer.from(row.state, 'base64'));
  try {
    return state.scoreJson(lead, asOf, { explain: true });
  } finally {
    state.close();
    lead.close();
  }
}

test('version is MAJOR.MINOR.PATCH', () => {
  assert.match(ls.version(), /^\d+\.\d+\.\d+$/);
});

test('CRM flow: requests, stored state bytes, transitions, scorecard', () => {
  const model = ls.Model.fromFile(crmModelPath);
  const scorer = new ls.Scorer(model);
  model.close(); // the scorer keeps the model alive
  const db = new Map([['L-1', { lead: JSON.stringify(LEAD_ROW), state: null }]]);

  // Request 1: a pricing page view, given as fields (no JSON).
  let r = onEvent(scorer, db, 'L-1', {
    id: 'E-1', type: 'page_view', at: '2026-10-06T10:00:00Z',
    properties: { url: 'https://example.com/pricing' },
  });
  assert.equal(r.outcome, 'applied');
  assert.deepEqual(r.transitions.map((t) => [t.from, t.to]), [['subscriber', 'mql']]);
  assert.equal(r.transitions[0].at, ls.parseTime('2026-10-06T10:00:00Z'));
  assert.equal(r.transitions[0].date.toISOString(), '2026-10-06T10:00:00.000Z');
  assert.equal(typeof db.get('L-1').state, 'string');

  // Request 2: a demo request as an event object: mql -> sql.
  const demo = { id: 'E-2', lead_id: 'L-1', type: 'demo_request', at: '2026-10-06T11:00:00Z' };
  r = onEvent(scorer, db, 'L-1', demo);
  assert.equal(r.outcome, 'applied');
  assert.deepEqual(r.transitions.map((t) => [t.from, t.to]), [['mql', 'sql']]);

  // Request 3: the webhook retried: a duplicate, nothing changes.
  const before = db.get('L-1').state;
  r = onEvent(scorer, db, 'L-1', JSON.stringify(demo));
  assert.deepEqual(r, { outcome: 'duplicate', transitions: [] });

  // Request 4: an older event arrives late (within the window): merged.
  r = onEvent(scorer, db, 'L-1', {
    id: 'E-0', lead_id: 'L-1', type: 'page_view', at: '2026-10-06T09:00:00Z',
    properties: { url: 'https://example.com/pricing/enterprise' },
  });
  assert.equal(r.outcome, 'reordered');
  assert.notEqual(db.get('L-1').state, before);

  // The scorecard: exactly the CLI's line for these events.
  assert.equal(score(scorer, db, 'L-1', '2026-10-07T00:00:00Z'), crmExpectedLine);
  const card = JSON.parse(score(scorer, db, 'L-1', new Date('2026-10-07T00:00:00Z')));
  assert.equal(card.stage, 'sql');
  assert.equal(card.total, 80);
});

test('streaming equals batch scoring of the same events', async () => {
  const scorer = new ls.Scorer(ls.Model.fromFile(crmModelPath));
  const events = [
    { id: 'E-1', lead_id: 'L-1', type: 'page_view', at: '2026-10-06T10:00:00Z',
      properties: { url: 'https://example.com/pricing' } },
    { id: 'E-2', lead_id: 'L-1', type: 'demo_request', at: '2026-10-06T11:00:00Z' },
    { id: 'E-0', lead_id: 'L-1', type: 'page_view', at: '2026-10-06T09:00:00Z',
      properties: { url: 'https://example.com/pricing/enterprise' } },
  ];
  const asOf = ls.parseTime('2026-10-07T00:00:00Z');
  const batch = scorer.scoreBatch([LEAD_ROW], events, asOf, { explain: true });
  assert.equal(batch.output, crmExpectedLine + '\n');
  assert.deepEqual(batch.rejected, []);
  const parallel = await scorer.scoreBatchAsync([LEAD_ROW], events, asOf,
    { explain: true, threads: 2 });
  assert.equal(parallel.output, batch.output);
  assert.equal(batch.scorecards[0].lead_id, 'L-1');
});

// (The state's bytes may differ after a refused event: the engine advances its
// arrival counter before refusing, which the scorecard never shows.)
test('a late event beyond the reorder window is refused, scorecard unchanged', () => {
  const scorer = new ls.Scorer(ls.Model.fromFile(crmModelPath), { reorderWindow: 0 });
  const lead = ls.Lead.fromJson(LEAD_ROW);
  const state = scorer.start(lead);
  state.apply(lead, { id: 'E-2', lead_id: 'L-1', type: 'demo_request', at: '2026-10-06T11:00:00Z' });
  const asOf = '2026-10-07T00:00:00Z';
  const card = state.scoreJson(lead, asOf, { explain: true });
  const r = state.apply(lead, { id: 'E-0', lead_id: 'L-1', type: 'page_view',
    at: '2026-10-06T09:00:00Z', properties: { url: '/pricing' } });
  assert.deepEqual(r, { outcome: 'late', transitions: [] });
  assert.equal(state.scoreJson(lead, asOf, { explain: true }), card);
});
