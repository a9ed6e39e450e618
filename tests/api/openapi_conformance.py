#!/usr/bin/env python3
"""Checks searchd's real answers against its OpenAPI document (searchd/static/openapi.json).

Builds an index of the bundled corpus (plus a small KPV monograph, for labels that differ from
their slugs), starts the real searchd on free ports, calls every documented route with several
parameter sets (hits, no hits, filtered facets, paging, grouping, and each error code it can
provoke: 400 404 405 408 413 414 431 503), and validates each answer's status, content type and
body against the document with python3-jsonschema (Draft 2020-12, as OpenAPI 3.1 uses). Oracles
beside the schema: the parameter names an unknown-parameter error lists are the ones the document
declares; an unknown facet value's list and every facet count's label come from corpus/vocab.
Last, mutated copies of real answers (a field renamed, dropped, an unknown kind) must fail.

The harness (searchd, requests, the document's checker) is openapi_harness.py.
Usage: openapi_conformance.py --pepindex BIN --searchd BIN --source DIR --work DIR
Exit 0 when everything conforms; 1 with the failures listed.
"""

import argparse
import copy
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse

from openapi_harness import FAILURES, Checker, Doc, Searchd, check, fail, raw_exchange, request


def vocab_names(source, file):
    out = {}
    with open(os.path.join(source, "corpus", "vocab", file), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cols = line.rstrip("\n").split("\t")
                out[cols[0]] = cols[1]
    return out


KPV_MONOGRAPH = """---
title: KPV: what the studies show
compound: kpv
publisher: pepsearch tests
url: https://pepsearch.example/monographs/kpv
---

## Overview

KPV (Lys-Pro-Val) is a tripeptide studied in colitis in mice. A small open study gave KPV to people with HIV/AIDS and measured inflammation markers.
"""


def check_ok_routes(c, port, doc):
    """Every route with several parameter sets: hits, no hits, facets, paging, grouping."""
    ok = [
        ("hits", "/api/search?q=VEGF+lowering"),
        ("no hits", "/api/search?q=zzzqqqxxyy"),
        ("facets filtered", "/api/search?q=trial&compound=thymosin-alpha-1&compound=thymogen&indication=sepsis&grade=b"),
        ("facet browsing", "/api/search?q=trial&evidence=rct&per_page=3&page=2"),
        ("paging", "/api/search?q=trial&per_page=5&page=3"),
        ("past the last page", "/api/search?q=trial&page=1000"),
        ("corrected", "/api/search?q=thymosn"),
        ("unknown words", "/api/search?q=methadone+thymosin"),
        ("grouped", "/api/search?q=trial&group=source&sub_limit=2"),
        ("grouped none", "/api/search?q=trial&group=none&full_text=1"),
        ("a full page", "/api/search?q=trial&per_page=100"),
        ("labels", "/api/search?q=KPV+HIV"),
        ("suggest", "/api/suggest?q=thym"),
        ("suggest limit", "/api/suggest?q=thymosin+al&limit=3"),
        ("suggest empty", "/api/suggest?q="),
        ("evidence map", "/api/evidence"),
        ("evidence pair", "/api/evidence?compound=thymosin-alpha-1&indication=sepsis"),
        ("evidence parent", "/api/evidence?indication=cancer"),
        ("search names a pair", "/api/search?q=thymosin+sepsis"),
        ("healthz", "/healthz"),
        ("readyz", "/readyz"),
        ("metrics", "/metrics"),
        ("openapi", "/api/openapi.json"),
        ("page", "/"),
        ("embeddable search box", "/pepsearch.js"),
        ("page style", "/style.css"),
        ("page file openapi", "/openapi.json"),
    ]
    for label, target in ok:
        body, _ = c.call(port, label, "GET", target, 200)
        path = urllib.parse.urlsplit(target).path
        declared = doc.query_params(doc.path_of(path), "get")
        for name in urllib.parse.parse_qs(urllib.parse.urlsplit(target).query, keep_blank_values=True):
            check(name in declared, f"{target}: parameter {name} is not declared in the document")
    check(c.bodies["openapi"] == doc.doc, "/api/openapi.json serves the document kept in the repository")
    check(c.bodies["hits"]["total"] > 0 and c.bodies["hits"]["results"], "a search with hits has results")
    check(c.bodies["no hits"]["total"] == 0 and not c.bodies["no hits"]["results"], "a search without hits has none")
    check(any("sub_results" in r for r in c.bodies["grouped"]["results"]), "grouped results carry sub_results")
    pair = c.bodies["evidence pair"]["pairs"]
    check(len(pair) == 1 and pair[0]["conflict"] and "findings" in pair[0]["conflict_reasons"],
          "thymosin-alpha-1 and sepsis: one pair, its positive and null trials flagged as a findings conflict")
    check(c.bodies["search names a pair"].get("evidence", {}).get("indication") == "sepsis",
          "a search naming a compound and an indication carries their evidence")
    check("evidence" not in c.bodies["hits"], "a search naming no pair carries no evidence")
    check(c.bodies["evidence parent"]["pairs"] and all(p["indication"] != "sepsis" for p in c.bodies["evidence parent"]["pairs"]),
          "an indication's evidence takes in the indications under it, and only those")


def check_error_routes(c, port, doc, source):
    """Each 4xx the running daemon can be made to answer, with its code and, where given, valid."""
    compounds = vocab_names(source, "compounds.tsv")
    bad = [
        ("missing q", "/api/search", "bad_parameter"),
        ("empty q", "/api/search?q=", "bad_parameter"),
        ("per_page 0", "/api/search?q=x&per_page=0", "bad_parameter"),
        ("page words", "/api/search?q=x&page=two", "bad_parameter"),
        ("q twice", "/api/search?q=x&q=y", "bad_parameter"),
        ("group", "/api/search?q=x&group=monograph", "bad_parameter"),
        ("not UTF-8", "/api/search?q=%FF%FE", "bad_parameter"),
        ("query too long", "/api/search?q=" + "a" * 1025, "query_too_long"),
        ("unknown parameter", "/api/search?q=x&colour=red", "unknown_parameter"),
        ("unknown facet value", "/api/search?q=x&compound=nosuch", "unknown_facet_value"),
        ("unknown grade", "/api/search?q=x&grade=e", "unknown_facet_value"),
        ("malformed URL", "/api/search?q=%ZZ", "malformed_request"),
        ("suggest unknown parameter", "/api/suggest?q=x&size=3", "unknown_parameter"),
        ("suggest limit", "/api/suggest?q=x&limit=21", "bad_parameter"),
        ("suggest missing q", "/api/suggest", "bad_parameter"),
        ("evidence unknown parameter", "/api/evidence?q=x", "unknown_parameter"),
        ("evidence unknown value", "/api/evidence?indication=nosuch", "unknown_facet_value"),
        ("evidence twice", "/api/evidence?compound=kpv&compound=vip", "bad_parameter"),
    ]
    for label, target, code in bad:
        c.call(port, label, "GET", target, 400, code)
    # The oracle for "valid": the document's own parameter list, and the vocabulary's slugs.
    check(set(c.bodies["unknown parameter"]["valid"]) == doc.query_params("/api/search", "get"),
          "unknown parameter on /api/search lists exactly the parameters the document declares")
    check(set(c.bodies["suggest unknown parameter"]["valid"]) == doc.query_params("/api/suggest", "get"),
          "unknown parameter on /api/suggest lists exactly the parameters the document declares")
    check(set(c.bodies["evidence unknown parameter"]["valid"]) == doc.query_params("/api/evidence", "get"),
          "unknown parameter on /api/evidence lists exactly the parameters the document declares")
    check(set(c.bodies["unknown facet value"]["valid"]) == set(compounds),
          "an unknown compound lists the vocabulary's compound slugs")
    check(c.bodies["unknown grade"]["valid"] == ["a", "b", "c", "d"], "an unknown grade lists a-d")

    c.call(port, "no such path", "GET", "/no/such/path", 404, "not_found")
    c.call(port, "no such page file", "GET", "/nosuch.js", 404, "not_found")
    _, hdrs = c.call(port, "POST", "POST", "/api/search?q=x", 405, "method_not_allowed",
                     {"Content-Type": "application/json"}, b"{}")
    check(hdrs.get("allow") == "GET, HEAD, OPTIONS", "405 names the allowed methods")
    c.call(port, "body too large", "POST", "/api/search", 413, "payload_too_large",
           {"Content-Type": "text/plain"}, b"x" * (65 * 1024))
    c.call(port, "preflight", "OPTIONS", "/api/search", 204, None,
           {"Origin": "http://example.org", "Access-Control-Request-Method": "GET"})
    status, hdrs, data = raw_exchange(port, b"GET /api/search?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    c.conforms("URI too long", "GET", "/api/search", status, hdrs, data)
    check(status == 414, f"a 9000-byte request line gets 414, got {status}")
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(30))
    status, hdrs, data = raw_exchange(port, b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    c.conforms("too many headers", "GET", "/api/search", status, hdrs, data)
    check(status == 431, f"30 headers over --max-headers 20 get 431, got {status}")
    status, hdrs, _ = request(port, "GET", "/api/openapi.json", {"Origin": "http://example.org"})
    check(hdrs.get("access-control-allow-origin") == "http://example.org", "/api/openapi.json carries CORS headers")


def check_labels(c, source):
    names = {"compound": vocab_names(source, "compounds.tsv"), "indication": vocab_names(source, "indications.tsv"),
             "evidence": vocab_names(source, "evidence.tsv")}
    for label, body in c.bodies.items():
        if not isinstance(body, dict) or "facets" not in body or "results" not in body:
            continue
        for facet, counts in body["facets"].items():
            for count in counts:
                want = count["value"].upper() if facet == "grade" else names[facet].get(count["value"], count["value"])
                check(count["label"] == want, f"{label}: {facet} {count['value']} is labelled {count['label']!r}, not {want!r}")
    seen = {(f, x["value"]): x["label"] for f, counts in c.bodies["labels"]["facets"].items() for x in counts}
    check(seen.get(("compound", "kpv")) == "KPV", "compound kpv is labelled KPV")
    check(seen.get(("indication", "hiv-aids")) == "HIV/AIDS", "indication hiv-aids is labelled HIV/AIDS")


def check_unavailable_and_guard(c, binary, work, static):
    """An index directory with no index yet (503), a request timeout (408), overload (503)."""
    empty = os.path.join(work, "empty-index")
    os.makedirs(empty, exist_ok=True)
    d = Searchd(binary, empty, static, ["--timeout", "1"])
    try:
        c.call(d.port, "no index: search", "GET", "/api/search?q=x", 503, "index_unavailable")
        c.call(d.port, "no index: suggest", "GET", "/api/suggest?q=x", 503, "index_unavailable")
        c.call(d.port, "no index: readyz", "GET", "/readyz", 503, "index_unavailable")
        status, hdrs, data = raw_exchange(d.port, b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\n")
        c.conforms("request timeout", "GET", "/api/search", status, hdrs, data)
        check(status == 408, f"a head not finished within --timeout gets 408, got {status}")
    finally:
        d.stop()
    # One connection allowed: a second one, while the first is open, is refused.
    d = Searchd(binary, empty, static, ["--max-connections", "1"])
    try:
        holder = socket.create_connection(("127.0.0.1", d.port), timeout=15)
        time.sleep(0.2)  # the holder is admitted before the next connection
        status, hdrs, data = raw_exchange(d.port, b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\n\r\n")
        holder.close()
        c.conforms("overloaded", "GET", "/api/search", status, hdrs, data)
        check(status == 503, f"a request past --max-connections gets 503, got {status}")
    finally:
        d.stop()


def check_mutations(doc, c):
    """Renamed or dropped fields and unknown kinds fail: the schema is strict enough to notice."""
    search = c.bodies["facets filtered"]
    grouped = c.bodies["grouped"]
    error = c.bodies["unknown facet value"]
    schema_of = lambda name: doc.validator({"$ref": "#/components/schemas/" + name})

    def rename(obj, old, new):
        obj[new] = obj.pop(old)

    mutations = [
        ("SearchResponse", search, "total renamed", lambda j: rename(j, "total", "count")),
        ("SearchResponse", search, "results[0].snippet renamed", lambda j: rename(j["results"][0], "snippet", "snippet_html")),
        ("SearchResponse", search, "results[0].source.url renamed", lambda j: rename(j["results"][0]["source"], "url", "link")),
        ("SearchResponse", search, "facet count label dropped", lambda j: j["facets"]["compound"][0].pop("label")),
        ("SearchResponse", search, "facet count value renamed", lambda j: rename(j["facets"]["grade"][0], "value", "slug")),
        ("SearchResponse", search, "unknown passage kind", lambda j: j["results"][0].update(kind="paragraf")),
        ("SearchResponse", search, "a facet missing", lambda j: j["facets"].pop("evidence")),
        ("SearchResponse", search, "sub_results without group", lambda j: j["results"][0].update(sub_results=[], sub_total=1)),
        ("SearchResponse", grouped, "grouped without total_groups", lambda j: j.pop("total_groups")),
        ("EvidenceResponse", c.bodies["evidence pair"], "a claim's finding renamed",
         lambda j: rename(j["pairs"][0]["claims"][0], "finding", "result")),
        ("EvidenceResponse", c.bodies["evidence pair"], "an unknown finding",
         lambda j: j["pairs"][0]["claims"][0].update(finding="mixed")),
        ("EvidenceResponse", c.bodies["evidence pair"], "conflict dropped", lambda j: j["pairs"][0].pop("conflict")),
        ("Error", error, "error renamed to message", lambda j: rename(j, "error", "message")),
        ("Error", error, "unknown code", lambda j: j.update(code="no_such_code")),
    ]
    for schema, original, what, mutate in mutations:
        check(schema_of(schema).is_valid(original), f"the unmutated {schema} is valid ({what})")
        mutated = copy.deepcopy(original)
        mutate(mutated)
        check(not schema_of(schema).is_valid(mutated), f"a {schema} with {what} fails validation")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pepindex", required=True)
    ap.add_argument("--searchd", required=True)
    ap.add_argument("--source", required=True, help="the source tree (corpus/, searchd/static/)")
    ap.add_argument("--work", required=True, help="a scratch directory (emptied first)")
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(os.path.join(args.work, "extra"))
    with open(os.path.join(args.work, "extra", "kpv.md"), "w", encoding="utf-8") as f:
        f.write(KPV_MONOGRAPH)
    index = os.path.join(args.work, "index")
    subprocess.run([args.pepindex, "build", "--corpus", os.path.join(args.source, "corpus"),
                    "--corpus", os.path.join(args.work, "extra"), "--index", index],
                   check=True, stdout=subprocess.DEVNULL)
    static = os.path.join(args.source, "searchd", "static")
    doc = Doc(os.path.join(static, "openapi.json"))
    c = Checker(doc)
    d = Searchd(args.searchd, index, static, ["--max-headers", "20", "--cors-origin", "http://example.org"])
    try:
        check_ok_routes(c, d.port, doc)
        check_error_routes(c, d.port, doc, args.source)
    finally:
        d.stop()
    check_labels(c, args.source)
    check_unavailable_and_guard(c, args.searchd, args.work, static)
    check_mutations(doc, c)

    documented = {(p, m) for p, item in doc.doc["paths"].items() for m in item}
    for p, m in sorted(documented - c.exercised):
        fail(f"{m.upper()} {p} is documented but was never called")
    all_codes = set(doc.doc["components"]["schemas"]["ErrorCode"]["enum"])
    untested = all_codes - c.codes - {"internal_error"}  # a 500 needs a bug to provoke
    for code in sorted(untested):
        fail(f"error code {code} was never answered")
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(c.exercised)} operations, {len(c.codes)} error codes, every answer conforms to the document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
