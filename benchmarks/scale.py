"""Throughput of Dateline on one machine and on a Dask cluster (issue #9), in one run.

    .venv/bin/python benchmarks/scale.py [--articles N] [--batch-size B] [--postgres URL]

Texts: the Reuters-21578 newswire in ../shared/data/news-corpus/reuters21578 (or
$DATELINE_SHARED/data/...); the first N articles with a body, in file order. The script
exits with a message (status 0) when the corpus is absent. Each configuration runs in a
fresh Python process, so that its peak memory is its own; model loading and worker
start-up are timed apart from the throughput (``startup`` column), which is what a run
over millions of articles sees. Rows:

- ``spacy``: the raw spaCy model (``en_core_web_sm``, the ceiling) over the same texts the
  Dateline pipeline sees, ``nlp.pipe`` with ``n_process`` 1 and 2.
- ``pipeline``: the full Dateline pipeline (spaCy + time, actors, geo, events), annotate
  only, one process.
- ``ingest``: ``dateline ingest`` end to end into a fresh SQLite store (read, content-hash
  check, annotate, write with the cross-article merge): single process, ``--processes 2``,
  and a local Dask cluster with 1 and 2 workers.
- ``write``: storing already-annotated articles only, into SQLite and PostgreSQL
  (``Store.add`` in batches, merge included).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}


def find_corpus() -> Path | None:
    bases = [Path(os.environ["DATELINE_SHARED"])] if "DATELINE_SHARED" in os.environ else []
    bases += [HERE.parents[1].parent / "shared", HERE.parents[2].parent / "shared"]
    for base in bases:
        folder = base / "data" / "news-corpus" / "reuters21578"
        if folder.is_dir() and list(folder.glob("reut2-*.sgm")):
            return folder
    return None


_DOC = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {n: re.compile(rf"<{n}>(.*?)</{n}>", re.S) for n in ("DATE", "TITLE", "DATELINE", "BODY")}


def read_reuters(folder: Path, limit: int) -> list[dict[str, str]]:
    """Reuters-21578 SGML to JSONL-style records (id, published, title, text); only the
    articles with a body. The dateline ("SALVADOR, Feb 26 -") starts the text."""
    out: list[dict[str, str]] = []
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for newid, doc in _DOC.findall(raw):
            fields = {n: (m.group(1) if (m := rx.search(doc)) else "") for n, rx in _FIELD.items()}
            body = fields["BODY"]
            if not body.strip():
                continue
            day = _date(fields["DATE"])
            if day is None:
                continue
            body = re.sub(r"\s*Reuter\s*&#3;\s*$", "", body.strip())
            text = html.unescape(" ".join(fields["DATELINE"].split()) + " " + body)
            text = re.sub(r"&#\d+;", "", text)
            out.append(
                {
                    "id": f"reuters-{newid}",
                    "published": day.isoformat(),
                    "title": html.unescape(fields["TITLE"].strip()),
                    "text": text,
                }
            )
            if len(out) >= limit:
                return out
    return out


def _date(value: str) -> date | None:
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", value)
    if not m or m.group(2) not in MONTHS:
        return None
    return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))


def tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process, its live descendants
    (process pools, Dask nannies and workers) and the descendants it has reaped. The
    difference over a timed section is the work done, whatever else shares the cores."""
    import resource

    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parent[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    mine = {os.getpid()}
    grew = True
    while grew:
        more = {pid for pid, ppid in parent.items() if ppid in mine} - mine
        grew = bool(more)
        mine |= more
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(used.get(pid, 0.0) for pid in mine) + reaped.ru_utime + reaped.ru_stime


def peak_rss() -> int:
    from dateline.scale import peak_rss_bytes

    return peak_rss_bytes()


def _articles(jsonl: Path) -> list[Any]:
    from dateline.read import ReadOptions, read_paths
    from dateline.read.base import Article

    return [a for a in read_paths([str(jsonl)], ReadOptions()) if isinstance(a, Article)]


# -- one configuration, in its own process -----------------------------------------------


def run_spacy(jsonl: Path, n_process: int, batch_size: int) -> dict[str, Any]:
    import resource

    from dateline import get_pipeline
    from dateline.nlp.pipeline import DEFAULT_MODEL, load_model

    t0 = time.perf_counter()
    nlp = load_model(DEFAULT_MODEL)
    articles = _articles(jsonl)
    # the very texts the Dateline pipeline parses (headers blanked, same offsets)
    maker = get_pipeline()
    texts = [maker.make_doc(a).text for a in articles]
    del maker
    startup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), tree_cpu()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    elapsed, cpu = time.perf_counter() - t0, tree_cpu() - c0
    rss = peak_rss()
    if n_process > 1:
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"articles": n, "events": None, "seconds": elapsed, "cpu": cpu,
            "startup": startup, "rss": rss}  # fmt: skip


def run_pipeline(jsonl: Path, batch_size: int, dump: Path | None) -> dict[str, Any]:
    from dateline import get_pipeline

    t0 = time.perf_counter()
    nlp = get_pipeline()
    nlp.batch_size = batch_size
    articles = _articles(jsonl)
    startup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), tree_cpu()
    pairs = list(nlp.annotate(articles))
    elapsed, cpu = time.perf_counter() - t0, tree_cpu() - c0
    if dump is not None:
        dump.write_bytes(pickle.dumps((nlp.version, pairs)))
    events = sum(len(r.events) for _, r in pairs)
    return {"articles": len(pairs), "events": events, "seconds": elapsed, "cpu": cpu,
            "startup": startup, "rss": peak_rss()}  # fmt: skip


def run_ingest(jsonl: Path, db: Path, batch_size: int, mode: str, n: int) -> dict[str, Any]:
    from dateline import get_pipeline
    from dateline.ingest import ingest
    from dateline.nlp.pipeline import DEFAULT_MODEL
    from dateline.scale import PipelineSpec, make_executor
    from dateline.store import Store

    t0 = time.perf_counter()
    store = Store(f"sqlite:///{db}")
    pipeline = get_pipeline()
    spec = PipelineSpec(DEFAULT_MODEL)
    executor = None
    if mode == "processes":
        executor = make_executor(spec, processes=n)
    elif mode == "dask":
        executor = make_executor(spec, workers=n)
    if executor is not None:
        executor.warm_up()
    startup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), tree_cpu()
    try:
        report = ingest([jsonl], store, pipeline, batch_size=batch_size, executor=executor)
    finally:
        elapsed, cpu = time.perf_counter() - t0, tree_cpu() - c0
        if executor is not None:
            executor.close()
    rss = max(report.peak_rss.values()) if report.peak_rss else peak_rss()
    return {"articles": report.stored, "events": report.events, "seconds": elapsed,
            "cpu": cpu, "startup": startup, "rss": rss, "failed": report.failed}  # fmt: skip


def run_write(dump: Path, url: str, batch_size: int) -> dict[str, Any]:
    from dateline.store import Store

    version, pairs = pickle.loads(dump.read_bytes())
    t0 = time.perf_counter()
    store = Store(url)
    startup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), tree_cpu()
    stored = events = 0
    for i in range(0, len(pairs), batch_size):
        s, _, e = store.add(pairs[i : i + batch_size], pipeline=version)
        stored += s
        events += e
    elapsed, cpu = time.perf_counter() - t0, tree_cpu() - c0
    store.close()
    return {"articles": stored, "events": events, "seconds": elapsed, "cpu": cpu,
            "startup": startup, "rss": peak_rss()}  # fmt: skip


# -- the orchestrator ----------------------------------------------------------------------


def _child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(HERE), "--child", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _fresh_postgres(admin_url: str) -> tuple[str, Any]:
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"dateline_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), drop


def _run(child: list[str], work: Path, postgres: str | None) -> dict[str, Any] | None:
    """One configuration in a fresh process; a fresh SQLite file or PostgreSQL database
    for the write rows."""
    if child[0] != "write":
        return _child(child)
    if child[2] == "SQLITE":
        return _child([*child[:2], f"sqlite:///{work / 'w.db'}", *child[3:]])
    assert postgres is not None
    try:
        url, drop = _fresh_postgres(postgres)
    except Exception as exc:  # reported; the rest still runs
        print(f"PostgreSQL skipped: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return None
    try:
        return _child([*child[:2], url, *child[3:]])
    finally:
        drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="Run every configuration this many times (in turn) and keep the fastest: on "
        "a shared machine the fastest run is the least disturbed.",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "DATELINE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="An admin URL; a fresh database is created and dropped (none: skip).",
    )
    parser.add_argument("--json", help="Also write the figures to this JSON file.")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "spacy":
            result = run_spacy(Path(rest[0]), int(rest[1]), int(rest[2]))
        elif kind == "pipeline":
            result = run_pipeline(Path(rest[0]), int(rest[1]), Path(rest[2]))
        elif kind == "ingest":
            result = run_ingest(Path(rest[0]), Path(rest[1]), int(rest[2]), rest[3], int(rest[4]))
        else:
            result = run_write(Path(rest[0]), rest[1], int(rest[2]))
        print(json.dumps(result))
        return

    corpus = find_corpus()
    if corpus is None:
        print("Reuters-21578 is not on this machine (../shared/data/news-corpus); skipped.")
        return
    load_before = os.getloadavg()
    records = read_reuters(corpus, args.articles)
    words = sum(len(r["text"].split()) for r in records)
    b = str(args.batch_size)
    rows: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="dateline-scale-") as tmp:
        work = Path(tmp)
        jsonl = work / "reuters.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        dump = work / "pairs.pickle"
        plan: list[tuple[str, list[str]]] = [
            ("spacy, 1 process", ["spacy", str(jsonl), "1", b]),
            ("spacy, n_process=2", ["spacy", str(jsonl), "2", b]),
            ("pipeline, 1 process", ["pipeline", str(jsonl), b, str(dump)]),
            ("ingest, 1 process", ["ingest", str(jsonl), str(work / "s1.db"), b, "single", "1"]),
            ("ingest, --processes 2",
             ["ingest", str(jsonl), str(work / "p2.db"), b, "processes", "2"]),
            ("ingest, Dask 1 worker", ["ingest", str(jsonl), str(work / "d1.db"), b, "dask", "1"]),
            ("ingest, Dask 2 workers",
             ["ingest", str(jsonl), str(work / "d2.db"), b, "dask", "2"]),
        ]  # fmt: skip
        plan.append(("write, SQLite", ["write", str(dump), "SQLITE", b]))
        postgres = args.postgres if args.postgres and args.postgres != "none" else None
        if postgres is not None:
            plan.append(("write, PostgreSQL", ["write", str(dump), "POSTGRES", b]))
        best: dict[str, dict[str, Any]] = {}
        for round_ in range(args.rounds):
            for label, child in plan:
                print(f"… round {round_ + 1}: {label}", file=sys.stderr, flush=True)
                result = _run(child, work, postgres)
                if result is None:
                    continue
                if label not in best or result["seconds"] < best[label]["seconds"]:
                    best[label] = result
                for path in work.glob("*.db*"):  # every ingest starts from an empty store
                    path.unlink()
        rows = [(label, best[label]) for label, _ in plan if label in best]
    load_after = os.getloadavg()
    print_table(rows, len(records), words, args)
    print(
        f"\nLoad average before/after: {load_before[0]:.1f} / {load_after[0]:.1f} "
        f"(above {os.cpu_count()}: other work shared the cores; figures are noisier)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(dict(rows), indent=2) + "\n", encoding="utf-8")


def print_table(rows: list[tuple[str, dict[str, Any]]], n: int, words: int, args: Any) -> None:
    by = dict(rows)
    print(
        f"\nReuters-21578, first {n} articles with a body ({words:,} words); batch size "
        f"{args.batch_size}; {os.cpu_count()} cores; fastest of {args.rounds} rounds; "
        f"{datetime.now():%Y-%m-%d %H:%M}\n"
    )
    head = (
        "| run | articles/s | words/s | events/s | CPU ms/article | peak RSS/worker "
        "| startup s | wall s |"
    )
    print(head)
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in rows:
        s = r["seconds"]
        ev = "–" if r["events"] is None else f"{r['events'] / s:,.1f}"
        wps = f"{words / s:,.0f}" if not label.startswith("write") else "–"
        print(
            f"| {label} | {r['articles'] / s:,.1f} | {wps} | {ev} | "
            f"{1000 * r['cpu'] / max(r['articles'], 1):,.1f} | "
            f"{r['rss'] / 2**20:,.0f} MiB | {r['startup']:.1f} | {s:.1f} |"
        )

    def rate(label: str) -> float:
        return float(by[label]["articles"]) / float(by[label]["seconds"])

    raw1, raw2 = rate("spacy, 1 process"), rate("spacy, n_process=2")
    pipe, ing1 = rate("pipeline, 1 process"), rate("ingest, 1 process")
    p2, d1, d2 = (
        rate("ingest, --processes 2"),
        rate("ingest, Dask 1 worker"),
        rate("ingest, Dask 2 workers"),
    )
    raw_up = raw2 / raw1
    share = "of spaCy's speed-up"
    print()

    def cost(label: str) -> float:
        return float(by[label]["cpu"]) / float(by[label]["articles"])

    print(f"- pipeline / raw spaCy (1 process): {pipe / raw1:.2f}× (target ≥ 0.75)")
    print(
        "- the same by CPU time per article (less sensitive to other load): "
        f"{cost('spacy, 1 process') / cost('pipeline, 1 process'):.2f}×; ingest: "
        f"{cost('spacy, 1 process') / cost('ingest, 1 process'):.2f}×"
    )
    print(
        "- per-core rate (articles per CPU second): ingest 1 process "
        f"{1 / cost('ingest, 1 process'):.1f}, --processes 2 "
        f"{1 / cost('ingest, --processes 2'):.1f}, Dask 2 workers "
        f"{1 / cost('ingest, Dask 2 workers'):.1f}"
    )
    print(f"- ingest 1 process / raw spaCy: {ing1 / raw1:.2f}×")
    print(f"- raw spaCy speed-up n_process=2 over 1: {raw_up:.2f}×")
    for name, up in (
        ("--processes 2 over ingest 1 process", p2 / ing1),
        ("Dask 2 workers over Dask 1 worker", d2 / d1),
        ("Dask 2 workers over ingest 1 process", d2 / ing1),
    ):
        print(f"- {name}: {up:.2f}× ({up / raw_up:.0%} {share}; target ≥ 90%)")


if __name__ == "__main__":
    main()
