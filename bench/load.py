"""Load benchmark (issue 8): the production configuration under load on the Germany-scale database.

Serves gunicorn (gthread workers, DEBUG off, WhiteNoise with compressed static files) against the
database `make bench-data` built, and drives each key page and API endpoint with wrk from a second
process on loopback at a fixed concurrency for a fixed time, rotating over many addresses per page
(200 projects, 100 assessments, 40 searches …) so that no figure is one cached row. Prints per page:
requests/s, p50, p95, p99, errors and the throughput relative to a minimal Django view measured in
the same run (before and after the pages, averaged). Then the page weight: the CSS and JavaScript
each page loads, as transferred compressed, and their cache headers.

Targets on the 2-core machine: zero errors, every page p95 < 250 ms at concurrency 8, catalog search
at least 30 % of the minimal view's throughput, at most 300 KB of compressed CSS and JavaScript.

    make bench-load                                    # concurrency 8, 20 s per page
    make bench-load BENCH_LOAD_ARGS=--no-page-cache    # signed in, as editors and coordinators see it
    make bench-load BENCH_LOAD_ARGS=--cold             # nothing kept at all: every part built per request
    make bench-load-one-cpu                            # the same on one CPU: the margin on a slow day
    python bench/load.py --concurrency 8 --seconds 10 --workers 3 --threads 4

`--no-page-cache` requests every page with the session of a signed-in editor (the coordinator's on the
network pages), which is what editors and coordinators get: the visitor page cache never answers for them,
kept values (ADR 0023) are used as in production. Until 2026-12-03 it meant what `--cold` means now
(anonymous, PAGE_CACHE_SECONDS=0, which also switches off every kept value in the shared cache).
The cache is the production default of one node, the database cache; `BENCH_PORT` fixes the port.

The host's speed varies by a factor of two within a day (docs/performance.md). `--cpus 1` confines
the server, the database client and wrk to one CPU (process affinity, inherited by every child), which
halves the capacity the way a slow day does, but reproducibly: the targets should hold there too.
"""

import argparse
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import GUNICORN_CONFIG, ROOT, drive, encoded, fetch, manifest, request_headers, served  # noqa: E402

P95_TARGET_MS = 250
SEARCH_SHARE_TARGET = 0.30
WEIGHT_TARGET_KB = 300
PAGES = [
    # (name, manifest key, session of)
    ("home", "home", ""),
    ("catalog search + facets", "catalog_search", ""),
    ("project detail", "project", ""),
    ("project: similar projects", "project_similar", ""),  # loaded by htmx after the page
    ("territory page", "territory", ""),
    ("assessment + benchmark", "benchmark", ""),
    ("network dashboard", "network_dashboard", "coordinator"),
    ("agenda page", "agenda", ""),
    ("matching", "matching", ""),
    ("DCAT first page", "dcat", ""),
    ("API projects (search)", "api_projects", ""),
    ("API datasets", "api_datasets", ""),
]


MODES = {
    "cached": "visitor page cache on (60 s)",
    "signed-in": "signed in as editor/coordinator: visitor page cache not used, kept values on",
    "cold": "visitor page cache and shared kept values off (PAGE_CACHE_SECONDS=0)",
}


ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+href)="(/static/[^"]+\.(?:js|css))"')


def page_weight(base: str, path: str, cookie: str) -> dict:
    """CSS and JavaScript a page loads, as transferred with gzip (the smaller of br/gzip is served)."""
    _status, body, headers = fetch(base + encoded(path), headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    assets = sorted(set(ASSET.findall(html.decode("utf-8"))))
    total, caching = 0, set()
    for asset in assets:
        _status, content, asset_headers = fetch(base + asset, headers={"Accept-Encoding": "br, gzip"})
        total += len(content)
        caching.add(asset_headers.get("Cache-Control", "none"))
    return {"assets": len(assets), "kb": round(total / 1024, 1), "cache_control": sorted(caching)}


def visit_each(base: str, paths: list[str], options: dict) -> float:
    """Requests each path once, in turn; the slowest in ms."""
    headers = request_headers(options["cookie"], options.get("extra_headers"))
    slowest = 0.0
    for path in paths:
        started = time.perf_counter()
        fetch(base + encoded(path), headers=headers)
        slowest = max(slowest, (time.perf_counter() - started) * 1000)
    return slowest


def host_speed() -> float:
    """Seconds for ten million additions in pure Python: the host's speed at the time of the run,
    printed and stored with the figures. On 2026-11-30 the same machine measured 1.08 to 1.98 s within
    two hours, and 0.71 s right after a run whose minimal view managed only 900 req/s: a rough gauge,
    taken before and after like the minimal view. Compare runs only together with both."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--workers", type=int, default=GUNICORN_CONFIG["workers"])
    parser.add_argument("--threads", type=int, default=GUNICORN_CONFIG["threads"])
    parser.add_argument("--only", help="comma-separated manifest keys, for trying")
    parser.add_argument(
        "--cpus", type=int, help="run server and load generator on this many CPUs only (a slow host, reproducibly)"
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="as editors and coordinators see it: every page requested signed in (the editor; the coordinator on the "
        "network pages), so the visitor page cache never answers and every request renders; kept values as in "
        "production",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="anonymous with PAGE_CACHE_SECONDS=0: no visitor page cache and no kept value in the shared cache either "
        "(every part built in every request; harsher than anybody's use)",
    )
    parser.add_argument(
        "--visit-every-address-first",
        action="store_true",
        help="before each page's warm-up, request each of its addresses once, one after another, so that their kept "
        "parts exist (a server that has been running); the slowest of these first visits is printed apart",
    )
    args = parser.parse_args()
    mode = "cold" if args.cold else "signed-in" if args.no_page_cache else "cached"
    if args.cpus:
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[: args.cpus]))  # gunicorn and wrk inherit it
    cpus = len(os.sched_getaffinity(0))
    data = manifest()
    addresses, sessions = data["addresses"], data["sessions"]
    # The similar projects of the same 200 project pages, as htmx asks for them after each page.
    addresses["project_similar"] = [f"{path}aehnliche/" for path in addresses["project"]]
    partial = {"project_similar": {"HX-Request": "true"}}
    pages = [page for page in PAGES if not args.only or page[1] in args.only.split(",")]
    log = ROOT / "var" / "bench-load-gunicorn.log"
    results = {}
    first_visits = {}
    extra = {"PAGE_CACHE_SECONDS": "0"} if args.cold else {}
    if args.no_page_cache:  # signed in: the editor where the page is the visitors' (see --no-page-cache)
        pages = [(name, key, session or "editor") for name, key, session in pages]
    server = served(data["database_url"], workers=args.workers, threads=args.threads, log=log, environment_extra=extra)
    speed_before = host_speed()
    with server as (base, _process):

        def run(key: str, session: str) -> dict:
            options = {"cookie": sessions.get(session, ""), "concurrency": args.concurrency}
            options["extra_headers"] = partial.get(key)
            if args.visit_every_address_first:
                first_visits[key] = visit_each(base, addresses[key], options)
            drive(base, addresses[key], seconds=args.warmup, **options)
            return drive(base, addresses[key], seconds=args.seconds, **options)

        minimal_before = run("minimal", "")
        for name, key, session in pages:
            print(f"  {name} …", file=sys.stderr, flush=True)
            results[name] = run(key, session)
        minimal_after = run("minimal", "")
        weights = {
            name: page_weight(base, addresses[key][0], sessions.get(session, "")) for name, key, session in pages
        }

    minimal_rps = (minimal_before["rps"] + minimal_after["rps"]) / 2
    speed = [speed_before, host_speed()]
    print(
        f"\nLoad: concurrency {args.concurrency}, {args.seconds:g} s per page after {args.warmup:g} s warm-up; "
        f"gunicorn {args.workers} workers × {args.threads} threads on {cpus} CPU(s); database {data['database_url']}; "
        f"{MODES[mode]}"
    )
    print(f"Minimal Django view: {minimal_before['rps']} and {minimal_after['rps']} req/s (before/after)")
    print(f"Host speed: {speed[0]} and {speed[1]} s for 10 million Python additions (before/after; lower is faster)\n")
    print(f"{'page':<26} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6} {'× minimal':>9}  {'CSS+JS':>8}")
    failures = []
    for name, figures in results.items():
        share = figures["rps"] / minimal_rps
        weight = weights[name]
        print(
            f"{name:<26} {figures['rps']:>7.1f} {figures['p50']:>7.1f} {figures['p95']:>7.1f} {figures['p99']:>7.1f} "
            f"{figures['errors']:>6} {share:>9.1%}  {weight['kb']:>5.1f} KB"
        )
        figures["share_of_minimal"] = round(share, 3)
        if figures["errors"]:
            failures.append(f"{name}: {figures['errors']} errors")
        if figures["p95"] > P95_TARGET_MS:
            failures.append(f"{name}: p95 {figures['p95']} ms > {P95_TARGET_MS} ms")
        if weight["kb"] > WEIGHT_TARGET_KB:
            failures.append(f"{name}: {weight['kb']} KB of CSS and JavaScript > {WEIGHT_TARGET_KB} KB")
    search_share = results.get("catalog search + facets", {}).get("share_of_minimal")
    # A target of the visitors' cached search: a rendered search cannot come near the minimal view.
    if mode == "cached" and search_share is not None and search_share < SEARCH_SHARE_TARGET:
        failures.append(f"catalog search at {search_share:.1%} of the minimal view < {SEARCH_SHARE_TARGET:.0%}")
    if first_visits:
        print("\nFirst visit of each address (one after another, before the warm-up), the slowest:")
        for name, key, _session in pages:
            print(f"  {name:<26} {first_visits[key]:>8.1f} ms over {len(addresses[key])} addresses")
    print(
        "\nStatic files: "
        + "; ".join(sorted({value for weight in weights.values() for value in weight["cache_control"]}))
    )
    name = {"cached": "bench-load", "signed-in": "bench-load-uncached", "cold": "bench-load-cold"}[mode]
    output = ROOT / "var" / (f"{name}-{args.cpus}cpu.json" if args.cpus else f"{name}.json")
    output.write_text(
        json.dumps(
            {
                "host_speed_s": speed,
                "cpus": cpus,
                "minimal": [minimal_before, minimal_after],
                "pages": results,
                "weights": weights,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"Figures: {output.relative_to(ROOT)}; server log: {log.relative_to(ROOT)}")
    if failures:
        print("\nTargets missed:\n  " + "\n  ".join(failures))
        raise SystemExit(1)
    print("\nAll targets met.")


if __name__ == "__main__":
    main()
