"""How much the time component adds to the spaCy pipeline (issue #3: at most ~15%).

    .venv/bin/python benchmarks/time_overhead.py [FOLDER_OR_FILES...] [--repeat N]

Texts come from TimeML files (their <TEXT>) or plain-text files given on the command
line; by default the TempEval-3 training documents in ../shared/data/tempeval3, else the
bundled sample articles. The spaCy model parses all texts; the docs are kept and
``dateline_time`` is timed over them, so the two numbers are measured on the same parses.
The two are timed alternately, N times each, and the best of each is kept (on a shared
machine the minimum is the least disturbed run).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path


def _texts(paths: list[str]) -> list[tuple[str, date]]:
    from dateline.nlp.time.timeml import find_timeml, read_timeml

    out: list[tuple[str, date]] = []
    for p in paths:
        path = Path(p)
        files = find_timeml([p]) if path.is_dir() or path.suffix == ".tml" else [path]
        if path.is_dir() and not files:
            files = sorted(path.glob("*.txt"))
        for f in files:
            if f.suffix == ".tml":
                doc = read_timeml(f)
                out.append((doc.text, doc.dct))
            else:
                out.append((f.read_text(encoding="utf-8"), date(2025, 6, 24)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths
    if not paths:
        here = Path(__file__).resolve()
        bases = [Path(os.environ["DATELINE_SHARED"])] if "DATELINE_SHARED" in os.environ else []
        bases += [here.parents[2] / "shared", here.parents[3] / "shared"]
        found = [b / "data" / "tempeval3" for b in bases if (b / "data" / "tempeval3").is_dir()]
        if found:
            paths = [str(found[0])]
        else:
            import dateline.samples

            paths = [str(Path(dateline.samples.__file__).parent)]
    from dateline.nlp.pipeline import load_model
    from dateline.nlp.state import state
    from dateline.nlp.time.component import TimeTagger

    texts = _texts(paths)
    nlp = load_model()
    tagger = TimeTagger(nlp)
    model_best = time_best = float("inf")
    docs = []
    timexes = 0
    for _ in range(args.repeat):  # alternate, so that both see the same machine load
        started = time.perf_counter()
        docs = list(nlp.pipe([t for t, _ in texts], batch_size=16))
        model_best = min(model_best, time.perf_counter() - started)
        started = time.perf_counter()
        timexes = 0
        for doc, (_, dct) in zip(docs, texts, strict=True):
            state(doc).published = dct
            tagger(doc)
            timexes += len(state(doc).timexes)
        time_best = min(time_best, time.perf_counter() - started)
    words = sum(len(d) for d in docs)
    n = len(texts)
    print(f"documents          {n}  ({words} tokens, {timexes} timexes)")
    print(f"spaCy model        {model_best / n * 1000:8.2f} ms/doc  ({n / model_best:.1f} docs/s)")
    print(f"dateline_time      {time_best / n * 1000:8.2f} ms/doc")
    print(f"overhead           {time_best / model_best * 100:8.1f} %")


if __name__ == "__main__":
    sys.exit(main())
