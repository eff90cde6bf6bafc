"""A bounded load test of the JSON API on loopback.

    .venv/bin/python benchmarks/load.py --events 100000 --db /tmp/dateline-load.db \\
        [--workers 2] [--seconds 30] [--connections 16] [--pages 400]

Fills a SQLite store with synthetic events (dateline.store.synthetic) unless it already
holds them, then for each scenario starts ``dateline serve`` on 127.0.0.1 in a subprocess
and drives it with Debian's ``wrk`` (``apt-get install wrk``; not needed by the tests) for
a fixed time with a fixed number of connections. It prints requests per second, the 50th
and 99th percentile latencies that wrk measured, and the server's CPU time per request
(from /proc: the figure that does not depend on what else runs on the machine). The
scenarios: ``/api/v1/events`` with every answer computed (``--cache-seconds 0``); the
same with serve's default one-second answer cache; and a random one of the first N
cursor pages of the list per request (mostly cache misses). Target: at least 300
requests/s and p99 under 100 ms for ``/api/v1/events``.

The fill writes each synthetic report as its own canonical event, without cross-article
merging (``--merge`` merges as ingest does, but on two cores that takes over an hour for
100,000 events because merging slows as the store grows); the API reads the same tables
either way.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PRIMARY = "/api/v1/events"
"""The path the target is about: the first page of the event list, as the page asks."""


def fill_store(db: Path, events: int, *, merge: bool) -> None:
    from dateline.store import Store
    from dateline.store.synthetic import describe, fill_to

    store = Store(db)
    start = time.perf_counter()
    with _merging(merge):
        written, counts = fill_to(store, events, slack=200 if merge else 0)
    if written:
        print(f"wrote {written:,} event reports in {time.perf_counter() - start:.0f} s")
    print(describe(counts, db))
    store.close()


@contextmanager
def _merging(on: bool) -> Any:
    """Without merging, every report stays its own canonical event (see the docstring)."""
    if on:
        yield
        return
    import dateline.merge.store as merge_store
    from dateline.merge.store import MergeReport

    real = merge_store.merge_pending
    merge_store.merge_pending = lambda *_a, **_k: MergeReport()
    try:
        yield
    finally:
        merge_store.merge_pending = real


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path, workers: int, cache_seconds: float) -> Any:
    port = _free_port()
    command = [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers), "--cache-seconds", str(cache_seconds)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/events?limit=1", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            err = proc.stderr.read().decode() if proc.stderr else ""
            proc.kill()
            raise SystemExit(f"dateline serve did not start: {err[-2000:]}")
        time.sleep(0.2)
    try:
        yield base, proc.pid
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m[1]) * _UNITS[m[2]]


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/s, p50, p99 (ms), requests, errors from ``wrk --latency`` output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise ValueError(f"cannot read wrk's output:\n{output}")
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: (.*)"):
        found = re.search(pattern, output)
        if found:
            errors += sum(int(n) for n in re.findall(r"\d+", found[1]))
    return {
        "rps": float(rps[1]),
        "p50": _ms(p50[1]),
        "p99": _ms(p99[1]),
        "requests": float(total[1]),
        "errors": float(errors),
    }


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and all its descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += cpu_seconds(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


def drive(
    base: str, paths: list[str], *, seconds: int, connections: int, threads: int
) -> dict[str, float]:
    """wrk on one path, or on a random one of several per request (a Lua script)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    with tempfile.TemporaryDirectory() as tmp:
        if len(paths) > 1:
            script = Path(tmp) / "paths.lua"
            listed = ",\n".join(json.dumps(p) for p in paths)
            script.write_text(
                f"paths = {{\n{listed}\n}}\n"
                "request = function()\n"
                '  return wrk.format("GET", paths[math.random(#paths)])\n'
                "end\n"
            )
            command += ["-s", str(script)]
        done = subprocess.run(
            [*command, base + paths[0]], capture_output=True, text=True, check=True
        )
    return parse_wrk(done.stdout)


def cursor_pages(base: str, n: int) -> list[str]:
    """The URLs of the first ``n`` pages of the event list (following ``next``)."""
    out = [PRIMARY]
    url: str | None = base + PRIMARY
    while url and len(out) < n:
        with urllib.request.urlopen(url, timeout=30) as r:
            url = json.load(r)["next"]
        if url:
            out.append(url.removeprefix(base))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="canonical events wanted")
    parser.add_argument("--db", type=Path, default=Path("/tmp/dateline-load.db"))
    parser.add_argument("--merge", action="store_true", help="merge while filling (slow)")
    parser.add_argument("--workers", type=int, default=1, help="dateline serve --workers")
    parser.add_argument("--seconds", type=int, default=30, help="per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load first")
    parser.add_argument("--pages", type=int, default=400, help="distinct pages to rotate over")
    args = parser.parse_args()

    fill_store(args.db, args.events, merge=args.merge)
    print(
        f"\nwrk: {args.threads} threads, {args.connections} connections, {args.seconds} s per "
        f"scenario after {args.warmup} s of warm-up; dateline serve --workers {args.workers}; "
        f"{os.cpu_count()} CPUs; load average before: {os.getloadavg()[0]:.1f}\n"
    )
    print("| scenario | requests/s | p50 ms | p99 ms | server CPU ms/request | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    scenarios = [
        (f"`{PRIMARY}`, every answer computed (--cache-seconds 0)", 0.0, None),
        (f"`{PRIMARY}`, answers reused for 1 s (serve's default)", 1.0, None),
        (f"{args.pages} different cursor pages, at random, 1 s cache", 1.0, args.pages),
    ]
    results = []
    for name, cache, pages in scenarios:
        with serving(args.db, args.workers, cache) as (base, pid):
            paths = cursor_pages(base, pages) if pages else [PRIMARY]
            if args.warmup:
                drive(base, paths, seconds=args.warmup, connections=args.connections, threads=1)
            cpu0 = cpu_seconds(pid)
            r = drive(
                base,
                paths,
                seconds=args.seconds,
                connections=args.connections,
                threads=args.threads,
            )
            cpu = (cpu_seconds(pid) - cpu0) * 1000 / max(r["requests"], 1)
        results.append((name, r))
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {cpu:.2f} | "
            f"{r['errors']:.0f} |",
            flush=True,
        )
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    for name, r in results:
        met = r["rps"] >= 300 and r["p99"] < 100 and r["errors"] == 0
        print(f"target (≥ 300 requests/s, p99 < 100 ms): {'met' if met else 'missed'}: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
