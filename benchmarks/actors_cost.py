"""What the actor component costs: loading its tables, and time per document beside the
spaCy model (issue #4: keep start-up and per-document cost low).

    .venv/bin/python benchmarks/actors_cost.py [FOLDER_OR_FILES...] [--repeat N]

Texts are TimeML documents (their <TEXT>) or plain-text files; by default the
TempEval-3 training documents in ../shared/data/tempeval3, else the bundled samples.
The tables (countries, sectors, organisations, office holders) are loaded and timed in
a fresh process (after the imports), so the figure is a cold start. The model parses
all texts and ``dateline_time`` runs once; then the model and ``dateline_actors`` are timed
alternately, N times each, keeping the best of each (the least disturbed run on a
shared machine).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from time_overhead import _texts

_LOAD = """
import time
from dateline.nlp.actors import tables
from dateline.nlp.geo import countries
t = time.perf_counter()
countries.name_index(); countries.adjective_index(); countries.capital_index()
tables.sector_lexicon(); tables.organisations(); tables.people()
print(time.perf_counter() - t)
"""


def default_paths() -> list[str]:
    here = Path(__file__).resolve()
    bases = [Path(os.environ["DATELINE_SHARED"])] if "DATELINE_SHARED" in os.environ else []
    bases += [here.parents[2] / "shared", here.parents[3] / "shared"]
    for base in bases:
        if (base / "data" / "tempeval3").is_dir():
            return [str(base / "data" / "tempeval3")]
    import dateline.samples

    return [str(Path(dateline.samples.__file__).parent)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    loads = [
        float(subprocess.check_output([sys.executable, "-c", _LOAD], text=True))
        for _ in range(args.repeat)
    ]

    from dateline.nlp.actors.component import ActorTagger
    from dateline.nlp.actors.tables import people, terms
    from dateline.nlp.pipeline import load_model
    from dateline.nlp.state import state
    from dateline.nlp.time.component import TimeTagger

    texts = _texts(args.paths or default_paths())
    nlp = load_model()
    timer, tagger = TimeTagger(nlp), ActorTagger(nlp, "dateline_actors")
    model_best = actors_best = float("inf")
    docs = []
    actors = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        docs = list(nlp.pipe([t for t, _ in texts], batch_size=16))
        model_best = min(model_best, time.perf_counter() - started)
        for doc, (_, dct) in zip(docs, texts, strict=True):
            state(doc).published = dct
            timer(doc)
        started = time.perf_counter()
        actors = 0
        for doc in docs:
            tagger(doc)
            actors += len(state(doc).actors)
        actors_best = min(actors_best, time.perf_counter() - started)
    n = len(texts)
    print(
        f"tables             {min(loads) * 1000:8.1f} ms cold"
        f"  ({len(terms())} terms of office, {len(people())} names)"
    )
    print(f"documents          {n}  ({sum(len(d) for d in docs)} tokens, {actors} actors)")
    print(f"spaCy model        {model_best / n * 1000:8.2f} ms/doc")
    print(f"dateline_actors    {actors_best / n * 1000:8.2f} ms/doc")
    print(f"overhead           {actors_best / model_best * 100:8.1f} %")


if __name__ == "__main__":
    sys.exit(main())
