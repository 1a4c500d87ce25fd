# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""The GIL is released while the library scores: another Python thread makes
progress during a batch call."""

import json
import threading
import time

import leadscore


def scaled_events(source_dir, copies):
    """The bundled events `copies` times over, with distinct ids."""
    lines = (source_dir / "examples" / "data" / "events.jsonl").read_text().splitlines()
    out = []
    for k in range(copies):
        for line in lines:
            e = json.loads(line)
            if "id" in e:
                e["id"] = f"{e['id']}-{k}"
            out.append(json.dumps(e))
    return "\n".join(out).encode()


def test_batch_runs_without_the_gil(source_dir, bundled_model):
    leads = (source_dir / "examples" / "data" / "leads.jsonl").read_bytes()
    events = scaled_events(source_dir, 4)  # 160 k events: a call of a few hundred ms
    batch = leadscore.Batch(bundled_model)
    span = {}
    started = threading.Event()

    def work():
        started.set()
        t0 = time.perf_counter()
        out = batch.score_jsonl(leads, events, "2026-11-01T00:00:00Z")
        span["t"] = (t0, time.perf_counter())
        span["n"] = out.count(b"\n")

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    ticks = []
    i = 0
    while worker.is_alive():  # pure Python: needs the GIL to run
        i += 1
        if i % 256 == 0:
            ticks.append(time.perf_counter())
    worker.join()
    assert span["n"] == 2000
    t0, t1 = span["t"]
    inside = [t for t in ticks if t0 <= t <= t1]
    # Holding the GIL for the call would leave (almost) no ticks inside it.
    # Released, this thread ticks throughout: its first and last ticks inside
    # the call span most of it.
    assert len(inside) >= 20, (len(inside), t1 - t0)
    assert inside[-1] - inside[0] >= 0.5 * (t1 - t0), (inside[0] - t0, t1 - inside[-1], t1 - t0)


def test_states_score_in_parallel_threads(bundled_model):
    # Distinct states on distinct threads, one scorer shared: each thread's
    # result is what it gets alone.
    scorer = leadscore.Scorer(bundled_model)
    lead = {"id": "L-1", "consent": True, "attributes": {"job_title": "VP Sales"}}
    events = [{"id": f"E-{i}", "lead_id": "L-1", "type": "page_view",
               "at": f"2026-10-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
               "properties": {"url": "https://www.example.com/pricing"}} for i in range(300)]
    alone = scorer.start(lead)
    for e in events:
        alone.apply(e)
    want = alone.score("2026-11-01T00:00:00Z", explain=True)
    results = []

    def run():
        s = scorer.start(lead)
        for e in events:
            s.apply(e)
        results.append(s.score("2026-11-01T00:00:00Z", explain=True))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4
