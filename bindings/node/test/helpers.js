// Shared by the tests: where the library, the model and the samples are.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const conformanceDir = process.env.LEADSCORE_CONFORMANCE_DIR ||
  path.resolve(root, '..', 'shared', 'spec', 'conformance');

module.exports = {
  root,
  conformanceDir,
  crmModelPath: path.join(__dirname, 'crm-model.json'),
  // What `leadscore score --explain` writes for the CRM flow's lead L-1 as of
  // 2026-10-07 after E-1 (pricing), E-2 (demo), E-2 again, E-0 (late pricing).
  crmExpectedLine: '{"lead_id": "L-1", "as_of": "2026-10-07T00:00:00Z", "valid": true, ' +
    '"scores": {"readiness": 80}, "total": 80, "grades": {"readiness": null}, "stage": "sql", ' +
    '"stage_entered_at": "2026-10-06T11:00:00Z", "labels": [], "funnel": null, "explain": ' +
    '[{"rule": "vp", "dimension": "readiness", "points": 10}, {"rule": "demo", "dimension": ' +
    '"readiness", "points": 60, "events": 1}, {"rule": "pricing", "dimension": "readiness", ' +
    '"points": 10, "events": 2}]}',
};
