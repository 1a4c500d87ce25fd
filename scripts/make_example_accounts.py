#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Gives the bundled sample leads accounts (model format v1.1, docs/model-format.md).

    python3 scripts/make_example_accounts.py [LEADS ACCOUNTS_OUT]

Rewrites LEADS (default examples/data/leads.jsonl) in place and writes
ACCOUNTS_OUT (default examples/data/accounts.jsonl). Deterministic (no random
module: every draw is a SHA-256 of a name), so both files are byte-identical on
every machine, and running it twice changes nothing.

- Every lead with a `company` attribute gets `"account_id"` (after `id`): "A-"
  and the company name folded to ASCII letters and digits (`Zürich Fintech AG`
  is `A-zurich-fintech-ag`). Leads without a company have no account.
- Every lead with a `job_title` gets a `department` attribute (after
  `job_title`) read from the title: executive, marketing, sales, engineering,
  product, operations, consulting, student or other. It is what the bundled
  account model's persona coverage counts (a buying committee spans several
  departments).
- One account line per account, in order of first appearance in the leads:
  `name` (the company as first written), `employees` (the largest
  company_size its leads gave: the sample's sizes are noisy), `industry` (the
  most common, lower-cased), `country` (the most common, upper-cased) and
  `tier` ("strategic" for about one account in eight, "named" for one in
  four, else "standard"). The three accounts with the most leads that have a
  customer or opportunity lead are host-asserted `"stage": "opportunity"`.

Only lead lines change, and only by keys a v1 model ignores (`account_id`) or
never reads (`department`): v1 scorecards of the bundled models are the same.
"""

import collections
import hashlib
import json
import re
import sys
import unicodedata


def unit(text, salt):
    """A number in [0, 1) from a SHA-256 of salt and text."""
    digest = hashlib.sha256(f"{salt}:{text}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def account_id(company):
    ascii_text = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        slug = hashlib.sha256(company.encode("utf-8")).hexdigest()[:8]
    return "A-" + slug


# First match wins; titles are compared lower-cased.
DEPARTMENTS = [
    ("student", ("student", "intern")),
    ("executive", ("chief", "ceo", "founder", "managing director", "president")),
    ("marketing", ("marketing", "growth", "demand generation", "content")),
    ("sales", ("sales", "account executive", "account manager", "revenue")),
    ("engineering", ("engineer", "developer", "data analyst")),
    ("product", ("product", "ux ")),
    ("operations", ("operations", "customer success", "business analyst")),
    ("consulting", ("consultant",)),
]


def department(title):
    t = title.lower() + " "
    for name, needles in DEPARTMENTS:
        if any(n in t for n in needles):
            return name
    return "other"


def with_key_after(obj, after, key, value):
    """A copy of dict `obj` with `key` placed right after `after`."""
    out = {}
    for k, v in obj.items():
        if k == key:
            continue
        out[k] = v
        if k == after:
            out[key] = value
    return out


def main(argv):
    leads_path = argv[1] if len(argv) > 1 else "examples/data/leads.jsonl"
    accounts_path = argv[2] if len(argv) > 2 else "examples/data/accounts.jsonl"
    with open(leads_path, encoding="utf-8") as f:
        leads = [json.loads(line) for line in f if line.strip()]

    order, members = [], collections.defaultdict(list)
    out_lines = []
    for lead in leads:
        attrs = dict(lead.get("attributes", {}))
        attrs.pop("department", None)
        if isinstance(attrs.get("job_title"), str):
            attrs = with_key_after(attrs, "job_title", "department",
                                   department(attrs["job_title"]))
        lead = {k: v for k, v in lead.items() if k != "account_id"}
        lead["attributes"] = attrs
        company = attrs.get("company")
        if isinstance(company, str) and company.strip():
            aid = account_id(company)
            lead = with_key_after(lead, "id", "account_id", aid)
            if aid not in members:
                order.append(aid)
            members[aid].append(lead)
        out_lines.append(json.dumps(lead, ensure_ascii=False))

    with open(leads_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out_lines) + "\n")

    def most_common(values):
        counts = collections.Counter(values)
        return max(counts, key=lambda v: (counts[v], v)) if counts else None

    # Accounts the CRM already works as opportunities: those with the most
    # leads at customer/opportunity (ties by id).
    advanced = collections.Counter()
    for aid in order:
        for lead in members[aid]:
            if lead.get("stage") in ("customer", "opportunity"):
                advanced[aid] += 1
    asserted = {aid for aid, _ in sorted(advanced.items(), key=lambda kv: (-kv[1], kv[0]))[:3]}

    with open(accounts_path, "w", encoding="utf-8") as f:
        for aid in order:
            ms = members[aid]
            attrs = {"name": ms[0]["attributes"]["company"]}
            sizes = [m["attributes"].get("company_size") for m in ms]
            sizes = [s for s in sizes if isinstance(s, (int, float)) and not isinstance(s, bool)]
            if sizes:
                attrs["employees"] = max(sizes)
            industry = most_common(m["attributes"]["industry"].lower() for m in ms
                                   if isinstance(m["attributes"].get("industry"), str))
            if industry:
                attrs["industry"] = industry
            country = most_common(m["attributes"]["country"].upper() for m in ms
                                  if isinstance(m["attributes"].get("country"), str))
            if country:
                attrs["country"] = country
            u = unit(aid, "tier")
            attrs["tier"] = "strategic" if u < 0.125 else "named" if u < 0.375 else "standard"
            account = {"id": aid, "attributes": attrs}
            if aid in asserted:
                account["stage"] = "opportunity"
            f.write(json.dumps(account, ensure_ascii=False) + "\n")
    print(f"{leads_path}: {len(leads)} leads, {sum(len(m) for m in members.values())} with an "
          f"account; {accounts_path}: {len(order)} accounts", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
