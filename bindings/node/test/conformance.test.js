// The shared conformance samples (../shared/spec/conformance/gen-*) scored
// through the binding's batch call and compared with expected.jsonl by the
// samples' own compare_scorecards.py; streaming each lead through a State
// must give the batch's line byte for byte.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const ls = require('..');
const { conformanceDir } = require('./helpers');

const samples = fs.existsSync(conformanceDir)
  ? fs.readdirSync(conformanceDir).filter((d) => d.startsWith('gen-') &&
      fs.existsSync(path.join(conformanceDir, d, 'expected.jsonl'))).sort()
  : [];

test('conformance samples are present', () => {
  assert.ok(samples.length > 0, `no gen-*/expected.jsonl under ${conformanceDir}`);
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadscore-node-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

for (const name of samples) {
  const dir = path.join(conformanceDir, name);
  const read = (f) => fs.readFileSync(path.join(dir, f));
  const asOf = read('as_of.txt').toString().trim();

  test(`${name}: batch scorecards agree with expected.jsonl`, () => {
    const scorer = new ls.Scorer(ls.Model.fromJson(read('model.json')));
    const result = scorer.scoreBatch(read('leads.jsonl'), read('events.jsonl'), asOf,
      { explain: true });
    assert.deepEqual(result.rejected, []);
    const out = path.join(tmp, `${name}.jsonl`);
    fs.writeFileSync(out, result.output);
    const script = path.join(conformanceDir, 'compare_scorecards.py');
    let report;
    try {
      report = execFileSync('python3', [script, path.join(dir, 'expected.jsonl'), out],
        { encoding: 'utf8' });
    } catch (e) {
      assert.fail(`compare_scorecards.py: ${e.stdout}${e.stderr}`);
    }
    assert.match(report, /^SAME: \d+ scorecards agree$/m);
  });

  test(`${name}: streaming each lead equals the batch line`, () => {
    const scorer = new ls.Scorer(ls.Model.fromJson(read('model.json')));
    const batch = scorer.scoreBatch(read('leads.jsonl'), read('events.jsonl'), asOf,
      { explain: true }).output.split('\n');
    const cutoff = ls.parseTime(asOf);
    const byLead = new Map();
    for (const line of read('events.jsonl').toString().split('\n')) {
      if (line.trim() === '') continue;
      const e = JSON.parse(line);
      if (ls.parseTime(e.at) > cutoff) continue; // the batch leaves these out too
      if (!byLead.has(e.lead_id)) byLead.set(e.lead_id, []);
      byLead.get(e.lead_id).push(line);
    }
    const leads = read('leads.jsonl').toString().split('\n').filter((l) => l.trim() !== '');
    assert.equal(leads.length, batch.length - 1);
    leads.forEach((line, i) => {
      const lead = ls.Lead.fromJson(line);
      const state = scorer.start(lead);
      for (const e of byLead.get(JSON.parse(line).id) ?? []) {
        assert.notEqual(state.apply(lead, e).outcome, 'late');
      }
      // Through bytes, as between requests.
      const restored = scorer.restore(state.toBytes());
      assert.equal(restored.scoreJson(lead, asOf, { explain: true }), batch[i], `lead line ${i + 1}`);
      state.close();
      restored.close();
      lead.close();
    });
  });
}
