<?php
// The PHP binding's test, as a Mautic-style plugin would use it: a model per
// process, one request per incoming event with the lead's state kept as
// base64 bytes in a "database" array between requests, the transitions read;
// the conformance samples through the batch call (compared by the samples'
// compare_scorecards.py); error cases. Prints "N passed, N failed" last and
// exits 1 on any failure.
//
//   LEADSCORE_LIBRARY=build/libleadscore.so php bindings/php/tests/run.php [CONFORMANCE_DIR]

declare(strict_types=1);

require __DIR__ . '/../src/Leadscore.php';

use Leadscore\{Lead, LeadscoreException, Library, Model, Scorer};

$passed = 0;
$failed = 0;

function test(string $name, callable $body): void
{
    global $passed, $failed;
    try {
        $body();
        $passed++;
        echo "ok   $name\n";
    } catch (\Throwable $e) {
        $failed++;
        echo "FAIL $name\n     " . str_replace("\n", "\n     ", get_class($e) . ': ' . $e->getMessage()) . "\n";
    }
}

function check(bool $cond, string $what): void
{
    if (!$cond) {
        throw new \RuntimeException("check failed: $what");
    }
}

function same(mixed $want, mixed $got, string $what): void
{
    if ($want !== $got) {
        throw new \RuntimeException("$what: expected " . var_export($want, true) . ', got ' . var_export($got, true));
    }
}

/** Runs $fn, which must throw a LeadscoreException with $code; returns it. */
function throws(callable $fn, string $code): LeadscoreException
{
    try {
        $fn();
    } catch (LeadscoreException $e) {
        same($code, $e->statusName, 'status of "' . $e->getMessage() . '"');
        return $e;
    }
    throw new \RuntimeException("expected a LeadscoreException $code, none thrown");
}

$root = realpath(__DIR__ . '/../../..');
$conformance = $argv[1] ?? getenv('LEADSCORE_CONFORMANCE_DIR') ?: "$root/../shared/spec/conformance";
$modelPath = __DIR__ . '/crm-model.json';
$leadRow = ['id' => 'L-1', 'consent' => true, 'attributes' => ['job_title' => 'VP Sales']];
$asOf = '2026-10-07T00:00:00Z';
// What `leadscore score --explain` writes for lead L-1 after the requests below.
$expectedLine = '{"lead_id": "L-1", "as_of": "2026-10-07T00:00:00Z", "valid": true, '
    . '"scores": {"readiness": 80}, "total": 80, "grades": {"readiness": null}, "stage": "sql", '
    . '"stage_entered_at": "2026-10-06T11:00:00Z", "labels": [], "funnel": null, "explain": '
    . '[{"rule": "vp", "dimension": "readiness", "points": 10}, {"rule": "demo", "dimension": '
    . '"readiness", "points": 60, "events": 1}, {"rule": "pricing", "dimension": "readiness", '
    . '"points": 10, "events": 2}]}';

test('the FFI declarations are the C header\'s', function () use ($root) {
    $norm = fn(string $s) => trim(preg_replace('/\s+/', ' ', str_replace('LEADSCORE_C_API ', '', $s)));
    $header = preg_replace('#/\*.*?\*/#s', '', file_get_contents("$root/include/leadscore/leadscore_c.h"));
    $ffi = preg_replace('#/\*.*?\*/#s', '', file_get_contents(__DIR__ . '/../src/leadscore_ffi.h'));
    preg_match_all('/^[^\n#{}]*\bleadscore_\w+\([^;{]*\);/m', $ffi, $protos);
    check(count($protos[0]) >= 25, 'prototypes found: ' . count($protos[0]));
    $h = $norm($header);
    foreach ($protos[0] as $p) {
        check(str_contains($h, $norm($p)), "not in leadscore_c.h as written here: {$norm($p)}");
    }
    preg_match_all('/LEADSCORE_C_API [^(]*\b(leadscore_\w+)\(/', $header, $names);
    foreach ($names[1] as $n) {
        check(str_contains($ffi, "$n("), "$n is missing from leadscore_ffi.h");
    }
});

test('version', function () {
    check((bool) preg_match('/^\d+\.\d+\.\d+$/', Library::version()), Library::version());
});

test('CRM flow: requests, state bytes in the database, transitions, scorecard', function () use ($modelPath, $leadRow, $asOf, $expectedLine) {
    $scorer = new Scorer(Model::fromFile($modelPath));  // the scorer keeps the model alive
    $db = ['leads' => ['L-1' => ['lead' => json_encode($leadRow), 'state' => null]]];

    // One webhook request: rebuild the state from the stored bytes, apply, store.
    $onEvent = function (array $event) use ($scorer, &$db): array {
        $row = &$db['leads'][$event['lead_id']];
        $lead = Lead::fromJson($row['lead']);
        $state = $row['state'] === null ? $scorer->start($lead) : $scorer->restore(base64_decode($row['state'], true));
        $result = $state->apply($lead, $event);
        $row['state'] = base64_encode($state->toBytes());
        return $result;  // $state and $lead are freed (wiped) here
    };

    $r = $onEvent(['id' => 'E-1', 'lead_id' => 'L-1', 'type' => 'page_view', 'at' => '2026-10-06T10:00:00Z',
                   'properties' => ['url' => 'https://example.com/pricing']]);
    same('applied', $r['outcome'], 'outcome 1');
    same([['subscriber', 'mql']], array_map(fn($t) => [$t['from'], $t['to']], $r['transitions']), 'transitions 1');
    same(Library::parseTime('2026-10-06T10:00:00Z'), $r['transitions'][0]['at'], 'transition time');

    $demo = ['id' => 'E-2', 'lead_id' => 'L-1', 'type' => 'demo_request', 'at' => '2026-10-06T11:00:00Z'];
    $r = $onEvent($demo);
    same('applied', $r['outcome'], 'outcome 2');
    same([['mql', 'sql']], array_map(fn($t) => [$t['from'], $t['to']], $r['transitions']), 'transitions 2');

    $r = $onEvent($demo);  // the webhook retried
    same(['outcome' => 'duplicate', 'transitions' => []], $r, 'retry');

    $r = $onEvent(['id' => 'E-0', 'lead_id' => 'L-1', 'type' => 'page_view', 'at' => '2026-10-06T09:00:00Z',
                   'properties' => ['url' => 'https://example.com/pricing/enterprise']]);
    same('reordered', $r['outcome'], 'late event within the window');

    // The scorecard request.
    $lead = Lead::fromJson($db['leads']['L-1']['lead']);
    $state = $scorer->restore(base64_decode($db['leads']['L-1']['state'], true));
    same($expectedLine, $state->scoreJson($lead, $asOf, true), 'scorecard');
    same('sql', $state->score($lead, Library::parseTime($asOf))['stage'], 'stage');
});

test('streaming equals the batch call on the same events', function () use ($modelPath, $leadRow, $asOf, $expectedLine) {
    $scorer = new Scorer(Model::fromFile($modelPath));
    $events = '{"id":"E-1","lead_id":"L-1","type":"page_view","at":"2026-10-06T10:00:00Z","properties":{"url":"/pricing"}}' . "\n"
        . '{"id":"E-2","lead_id":"L-1","type":"demo_request","at":"2026-10-06T11:00:00Z"}' . "\n"
        . '{"id":"E-0","lead_id":"L-1","type":"page_view","at":"2026-10-06T09:00:00Z","properties":{"url":"/pricing/x"}}' . "\n";
    $r = $scorer->scoreBatch(json_encode($leadRow) . "\n", $events, $asOf, explain: true);
    same($expectedLine . "\n", $r->output, 'batch output');
    same([], $r->rejected, 'rejected');
    same($r->output, $scorer->scoreBatch(json_encode($leadRow), $events, $asOf, explain: true, threads: 2)->output,
         'two threads');
});

test('a late event beyond the reorder window is refused, scorecard unchanged', function () use ($modelPath, $leadRow, $asOf) {
    $scorer = new Scorer(Model::fromFile($modelPath), reorderWindow: 0);
    $lead = Lead::fromJson($leadRow);
    $state = $scorer->start($lead);
    $state->apply($lead, ['id' => 'E-2', 'lead_id' => 'L-1', 'type' => 'demo_request', 'at' => '2026-10-06T11:00:00Z']);
    $card = $state->scoreJson($lead, $asOf, true);
    $r = $state->apply($lead, ['id' => 'E-0', 'lead_id' => 'L-1', 'type' => 'page_view', 'at' => '2026-10-06T09:00:00Z']);
    same(['outcome' => 'late', 'transitions' => []], $r, 'late');
    same($card, $state->scoreJson($lead, $asOf, true), 'scorecard after a refused event');
});

// --- conformance samples --------------------------------------------------------
$samples = glob("$conformance/gen-*/expected.jsonl") ?: [];
test("conformance samples are present in $conformance", function () use ($samples) {
    check(count($samples) > 0, 'no gen-*/expected.jsonl');
});
$tmp = sys_get_temp_dir() . '/leadscore-php-' . getmypid();
@mkdir($tmp);
foreach ($samples as $expected) {
    $dir = dirname($expected);
    $name = basename($dir);
    test("$name: batch scorecards agree with expected.jsonl (compare_scorecards.py)", function () use ($dir, $name, $tmp, $conformance, $expected) {
        $scorer = new Scorer(Model::fromJson(file_get_contents("$dir/model.json")));
        $r = $scorer->scoreBatch(file_get_contents("$dir/leads.jsonl"), file_get_contents("$dir/events.jsonl"),
                                 trim(file_get_contents("$dir/as_of.txt")), explain: true);
        same([], $r->rejected, 'rejected lines');
        file_put_contents("$tmp/$name.jsonl", $r->output);
        $cmd = 'python3 ' . escapeshellarg("$conformance/compare_scorecards.py") . ' ' . escapeshellarg($expected)
            . ' ' . escapeshellarg("$tmp/$name.jsonl") . ' 2>&1';
        exec($cmd, $out, $rc);
        same(0, $rc, "compare_scorecards.py:\n" . implode("\n", $out));
        check((bool) preg_grep('/^SAME: \d+ scorecards agree$/', $out), implode("\n", $out));
    });
}

// --- errors ---------------------------------------------------------------------------
test('a bad model: every problem with its JSON pointer', function () {
    $e = throws(fn() => Model::fromJson(['name' => 'bad', 'version' => '1',
        'dimensions' => [['name' => 'd', 'min' => 0, 'max' => 100]],
        'rules' => [['id' => 'r1', 'dimension' => 'nope', 'points' => 5, 'on' => 'x'],
                    ['id' => 'r2', 'dimension' => 'd', 'points' => 'many', 'on' => 'y']]]), 'INVALID_ARGUMENT');
    same(3, $e->getCode(), 'code');
    same([['model', '/rules/0/dimension'], ['model', '/rules/1/points']],
         array_map(fn($d) => [$d['source'], $d['pointer']], $e->details), 'details');
    check(str_contains($e->details[0]['message'], "unknown dimension 'nope'"), $e->details[0]['message']);
    check(str_contains($e->getMessage(), "/rules/1/points: expected a number"), $e->getMessage());
});

test('a missing model file is NOT_FOUND', function () {
    $e = throws(fn() => Model::fromFile('/nonexistent/model.json'), 'NOT_FOUND');
    check(str_contains($e->getMessage(), '/nonexistent/model.json'), $e->getMessage());
});

test('a bad event line fails the batch with its line number; skipBadLines lists it', function () use ($modelPath, $leadRow, $asOf) {
    $scorer = new Scorer(Model::fromFile($modelPath));
    $events = '{"id":"E-1","lead_id":"L-1","type":"demo_request","at":"2026-10-06T11:00:00Z"}' . "\n"
        . '{"id":"E-2","lead_id":"L-1","type":' . "\n";
    $e = throws(fn() => $scorer->scoreBatch(json_encode($leadRow), $events, $asOf), 'INVALID_ARGUMENT');
    same([['events', 2]], array_map(fn($d) => [$d['source'], $d['line']], $e->details), 'details');
    check(str_contains($e->getMessage(), 'events:2'), $e->getMessage());
    $r = $scorer->scoreBatch(json_encode($leadRow), $events, $asOf, skipBadLines: true);
    same([['events', 2]], array_map(fn($d) => [$d['source'], $d['line']], $r->rejected), 'rejected');
    same('sql', $r->scorecards()[0]['stage'], 'stage of the rest');
});

test('state errors: another lead, early as-of, another model, damaged bytes', function () use ($modelPath, $leadRow) {
    $scorer = new Scorer(Model::fromFile($modelPath));
    $lead = Lead::fromJson($leadRow);
    $state = $scorer->start($lead);
    throws(fn() => $state->apply($lead, ['id' => 'X', 'lead_id' => 'L-9', 'type' => 'demo_request',
                                         'at' => '2026-10-06T11:00:00Z']), 'INVALID_ARGUMENT');
    $state->apply($lead, ['id' => 'E-2', 'lead_id' => 'L-1', 'type' => 'demo_request', 'at' => '2026-10-06T11:00:00Z']);
    throws(fn() => $state->scoreJson($lead, '2026-10-06T10:00:00Z'), 'FAILED_PRECONDITION');
    $bytes = $state->toBytes();
    $model = json_decode(file_get_contents($modelPath), true);
    $model['name'] = 'other';
    $other = new Scorer(Model::fromJson($model));
    throws(fn() => $other->restore($bytes), 'FAILED_PRECONDITION');
    $damaged = $bytes;
    $damaged[strlen($damaged) - 1] = chr(ord($damaged[strlen($damaged) - 1]) ^ 0xff);
    throws(fn() => $scorer->restore($damaged), 'DATA_LOSS');
    throws(fn() => $scorer->restore(substr($bytes, 0, 10)), 'DATA_LOSS');
});

test('bad text: invalid UTF-8, bad and out-of-range times; a closed handle', function () use ($modelPath) {
    throws(fn() => Lead::fromJson("{\"id\":\"\xff\"}"), 'INVALID_ARGUMENT');
    throws(fn() => Library::parseTime('yesterday'), 'INVALID_ARGUMENT');
    throws(fn() => Library::parseTime('2300-01-01T00:00:00Z'), 'OUT_OF_RANGE');
    $model = Model::fromFile($modelPath);
    $model->close();
    $model->close();
    try {
        new Scorer($model);
        throw new \RuntimeException('a closed model was accepted');
    } catch (\LogicException $e) {
        check(str_contains($e->getMessage(), 'has been closed'), $e->getMessage());
    }
});

array_map('unlink', glob("$tmp/*") ?: []);
@rmdir($tmp);
echo "$passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
