"""``dateline eval merge``: cross-document event coreference on ECB+.

ECB+ (Cybulska & Vossen, LREC 2014) annotates event mentions (``ACTION_*``, ``NEG_*``)
in news articles grouped by topic, with within- and cross-document coreference. We
score the merger's clusters with MUC, B³, CEAF-e and CoNLL F1 (their mean), singletons
included, on the validated sentences only (the corpus's own index), in two settings:

- **system mentions**: the Dateline pipeline reads each article and its events (and their
  repeated mentions) are the mentions; a system mention counts when its trigger's tokens
  are exactly a gold mention's tokens;
- **gold mentions**: the gold mentions are clustered, each with what the pipeline found in
  its sentence (actors, places, absolute dates), its head word's lemma, and the type of
  the pipeline's event when the mention is one of its triggers.

Beside each, a **same-lemma baseline** clusters the same mentions by their head lemma.
Dateline merges without knowing the corpus's topics, so the main baseline is given them
(``lemma within topic``: mentions of different topics are never clustered) — a stronger
baseline than lemma over the whole set, which is reported too.

ECB+ articles carry no publication date: every article gets the same placeholder day, and
only absolute dates from the text (no relative "Friday", no publication-date fallback)
are kept as evidence.
"""

from __future__ import annotations

import csv
import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code, ReadError
from dateline.evaluate.coref import conll
from dateline.merge import MergeConfig, MergeMention, Party, cluster, from_event
from dateline.merge.features import lead_words, stem, words
from dateline.model import ArticleRecord

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
"""The validation topics of the usual split (Barhom et al. 2019; Cattan et al. 2021)."""
TEST_TOPICS = tuple(range(36, 46))
PLACEHOLDER_DAY = date(2000, 1, 1)
"""ECB+ has no publication dates: every article gets this one (see the module doc)."""

Span = tuple[str, tuple[int, ...]]
"""A mention: document name and its token ids."""


@dataclass
class GoldMention:
    span: Span
    cluster: str
    sentence: int


@dataclass
class Document:
    name: str
    topic: int
    text: str
    token_spans: dict[int, tuple[int, int]]
    """token id → (start, end) character offsets in ``text``."""
    token_sentence: dict[int, int]
    sentences: dict[int, tuple[int, int]]
    validated: set[int]
    mentions: list[GoldMention] = field(default_factory=list)


def topics_for(split: str) -> tuple[int, ...] | None:
    if split == "dev":
        return DEV_TOPICS
    if split == "train":
        return tuple(t for t in range(1, 36) if t not in DEV_TOPICS)
    if split == "test":
        return TEST_TOPICS
    if split == "all":
        return None
    raise ValueError(f"unknown split {split!r} (dev, train, test, all)")


def find_corpus(path: Path) -> tuple[Path, Path]:
    """The folder of topic folders and the validated-sentences index under ``path``."""
    root = path / "ECB+" if (path / "ECB+").is_dir() else path
    index = sorted(path.glob("ECBplus_coreference_sentences*.csv"))
    if not root.is_dir() or not index:
        raise ReadError(
            Code.E001,
            "not an ECB+ folder (expected ECB+/ topic folders and "
            "ECBplus_coreference_sentences*.csv)",
            path=str(path),
        )
    return root, index[0]


def read_corpus(path: Path, topics: Iterable[int] | None = DEV_TOPICS) -> list[Document]:
    root, index = find_corpus(path)
    validated: dict[str, set[int]] = {}
    with open(index, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = f"{row['Topic']}_{row['File']}.xml"
            validated.setdefault(name, set()).add(int(row["Sentence Number"]))
    wanted = None if topics is None else set(topics)
    docs: list[Document] = []
    for folder in sorted(root.iterdir(), key=lambda p: (len(p.name), p.name)):
        if not folder.is_dir() or not folder.name.isdigit():
            continue
        if wanted is not None and int(folder.name) not in wanted:
            continue
        for file in sorted(folder.glob("*.xml")):
            docs.append(read_document(file, int(folder.name), validated.get(file.name, set())))
    return docs


def read_document(file: Path, topic: int, validated: set[int]) -> Document:
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as exc:
        raise ReadError(Code.E009, f"not ECB+ XML ({exc})", path=str(file)) from exc
    plus = file.name.endswith("ecbplus.xml")
    parts: list[str] = []
    offset = 0
    token_spans: dict[int, tuple[int, int]] = {}
    token_sentence: dict[int, int] = {}
    sentences: dict[int, tuple[int, int]] = {}
    last_sentence: int | None = None
    for tok in root.iter("token"):
        sentence = int(tok.get("sentence", "0"))
        if plus and sentence == 0:
            continue  # the source URL
        if last_sentence is not None and sentence != last_sentence:
            parts.append("\n")
            offset += 1
        elif last_sentence is not None:
            parts.append(" ")
            offset += 1
        word = tok.text or ""
        tid = int(tok.get("t_id", "0"))
        token_spans[tid] = (offset, offset + len(word))
        token_sentence[tid] = sentence
        start = sentences.get(sentence, (offset, offset))[0]
        sentences[sentence] = (start, offset + len(word))
        parts.append(word)
        offset += len(word)
        last_sentence = sentence
    doc = Document(
        name=file.name,
        topic=topic,
        text="".join(parts),
        token_spans=token_spans,
        token_sentence=token_sentence,
        sentences=sentences,
        validated=validated,
    )
    markables = root.find("Markables")
    relations = root.find("Relations")
    chain: dict[str, str] = {}
    if relations is not None:
        for rel in relations:
            if rel.tag == "CROSS_DOC_COREF":
                name = f"x:{rel.get('note')}"
            elif rel.tag == "INTRA_DOC_COREF":
                name = f"i:{file.name}:{rel.get('r_id')}"
            else:
                continue
            for source in rel.findall("source"):
                chain[source.get("m_id", "")] = name
    if markables is not None:
        for mk in markables:
            if not mk.tag.startswith(("ACTION", "NEG")):
                continue
            tids = tuple(int(a.get("t_id", "0")) for a in mk.findall("token_anchor"))
            if not tids or any(t not in token_spans for t in tids):
                continue
            sentence = token_sentence[tids[0]]
            if sentence not in validated:
                continue
            mid = mk.get("m_id", "")
            doc.mentions.append(
                GoldMention(
                    span=(file.name, tids),
                    cluster=chain.get(mid, f"s:{file.name}:{mid}"),
                    sentence=sentence,
                )
            )
    return doc


def _tokens_in(doc: Document, start: int, end: int) -> tuple[int, ...]:
    return tuple(t for t, (s, e) in doc.token_spans.items() if s < end and e > start)


def _undated(m: MergeMention, record: ArticleRecord) -> MergeMention:
    """Keep only absolute dates from the text (the placeholder publication day means
    nothing, nor does anything resolved against it)."""
    timex = next((x for x in record.timexes if x.id == m.timex), None)
    if m.basis == "text" and timex is not None and timex.anchor is None:
        return m
    return dataclasses.replace(m, value=None, start=None, end=None, basis=None, precision=None)


@dataclass
class Run:
    """What the pipeline found in each document."""

    docs: list[Document]
    records: dict[str, ArticleRecord]
    lemmas: dict[str, dict[int, tuple[str, str]]]
    """document → token id → (lemma, part of speech)."""


def annotate(docs: Sequence[Document], pipeline: Any) -> Run:
    from dateline.nlp.pipeline import to_record
    from dateline.nlp.state import state
    from dateline.read.base import Article

    articles = [
        Article(text=d.text, published=PLACEHOLDER_DAY, source=f"ecbplus/{d.topic}/{d.name}")
        for d in docs
    ]
    records: dict[str, ArticleRecord] = {}
    lemmas: dict[str, dict[int, tuple[str, str]]] = {}
    nlp = pipeline.nlp
    made = (pipeline.make_doc(a) for a in articles)
    for doc, article, spacy_doc in zip(docs, articles, nlp.pipe(made, batch_size=16), strict=True):
        records[doc.name] = to_record(article, state(spacy_doc))
        by_char = {tok.idx: tok for tok in spacy_doc}
        lemmas[doc.name] = {
            tid: (by_char[s].lemma_.lower(), by_char[s].pos_)
            for tid, (s, _) in doc.token_spans.items()
            if s in by_char
        }
    return Run(list(docs), records, lemmas)


def system_mentions(run: Run) -> tuple[list[MergeMention], dict[str, list[Span]]]:
    """The pipeline's events as merge mentions, and each one's mention spans."""
    out: list[MergeMention] = []
    spans: dict[str, list[Span]] = {}
    for doc in run.docs:
        record = run.records[doc.name]
        for event in record.events:
            key = f"{doc.name}#{event.id}"
            m = from_event(key, record, event, content_hash=doc.name, text=doc.text)
            m = dataclasses.replace(_undated(m, record), source=doc.name)
            found: list[Span] = []
            for trigger in [event.trigger, *(x.trigger for x in event.mentions)]:
                tids = _tokens_in(doc, trigger.start, trigger.end)
                if tids and doc.token_sentence[tids[0]] in doc.validated:
                    found.append((doc.name, tids))
            if found:
                out.append(m)
                spans[key] = found
    return out, spans


_EVENT_NOUNS = """
    accident attack battle blast bombing ceremony coup concert conference crash death
    earthquake election explosion festival fight fire flood game hurricane injury match
    murder quake raid referendum riot robbery shooting storm strike summit tournament
    trial tsunami victory visit vote war wedding
"""
EVENT_NOUNS = frozenset(_EVENT_NOUNS.split())
"""Nouns that name happenings in news, written by the team (with the events lexicon's
nouns, nouns ending like nominalised verbs, and nouns used as verbs elsewhere in the
same articles)."""
_NOMINAL = ("tion", "sion", "ment", "ure", "ing", "al")


def detect_mentions(run: Run) -> list[tuple[Document, tuple[int, ...], int]]:
    """Broad event triggers for the system setting: Dateline's own event triggers, every
    verb, and nouns that name happenings (see :data:`EVENT_NOUNS`)."""
    from dateline.nlp.events.lexicon import NOUNS

    verb_lemmas = {
        lemma for doc in run.docs for lemma, pos in run.lemmas[doc.name].values() if pos == "VERB"
    }
    out: list[tuple[Document, tuple[int, ...], int]] = []
    for doc in run.docs:
        record = run.records[doc.name]
        triggers = {
            t
            for e in record.events
            for span in [e.trigger, *(x.trigger for x in e.mentions)]
            for t in _tokens_in(doc, span.start, span.end)
        }
        for tid, (lemma, pos) in sorted(run.lemmas[doc.name].items()):
            sentence = doc.token_sentence[tid]
            if sentence not in doc.validated:
                continue
            eventive = pos == "VERB" or (
                pos == "NOUN"
                and (
                    lemma in EVENT_NOUNS
                    or lemma in NOUNS
                    or lemma in verb_lemmas
                    or (len(lemma) > 5 and lemma.endswith(_NOMINAL))
                )
            )
            if eventive or tid in triggers:
                out.append((doc, (tid,), sentence))
    return out


def system_mentions_broad(run: Run) -> list[MergeMention]:
    """Detected triggers as merge mentions (the pipeline's typed events where they are)."""
    return _with_events(
        run, [context_mention(run, doc, tids, s) for doc, tids, s in detect_mentions(run)]
    )


def gold_mentions(run: Run) -> list[MergeMention]:
    """The gold mentions as merge mentions (the pipeline's typed events where they are)."""
    mentions = [
        context_mention(run, doc, g.span[1], g.sentence) for doc in run.docs for g in doc.mentions
    ]
    return _with_events(run, mentions)


def _with_events(run: Run, mentions: list[MergeMention]) -> list[MergeMention]:
    """A mention whose tokens are a trigger of one of the pipeline's events takes that
    event's type, mode, status and parties: in the product only extracted events, typed in
    their context, are merged. The others stay untyped and meet by their trigger word (a
    type looked up from the word alone would be a guess: "blast" is an explosion here, an
    accusation elsewhere)."""
    events, spans = system_mentions(run)
    by_span = {span: m for m in events for span in spans[m.key]}
    out: list[MergeMention] = []
    for m in mentions:
        typed = by_span.get(_span_of(m.key))
        if typed is not None:
            m = dataclasses.replace(
                m,
                type=typed.type,
                mode=typed.mode,
                status=typed.status,
                actors=typed.actors or m.actors,
                recipients=typed.recipients,
            )
        out.append(m)
    return out


def context_mention(run: Run, doc: Document, tids: tuple[int, ...], sentence: int) -> MergeMention:
    """A mention with its head lemma and what the pipeline found in its sentence: actors,
    the first place, an absolute date (no type: see :func:`_with_events`)."""
    record = run.records[doc.name]
    analysed = [run.lemmas[doc.name].get(t, ("", "")) for t in tids]
    lemma, _pos = next((x for x in analysed if x[1] in ("VERB", "NOUN", "ADJ")), analysed[0])
    s_start, s_end = doc.sentences[sentence]
    actors = tuple(
        Party(a.name, a.country)
        for a in record.actors
        if any(s_start <= ms < s_end for ms, _ in a.mentions)
    )
    place = next(
        (p for p in record.places if any(s_start <= ms < s_end for ms, _ in p.mentions)),
        None,
    )
    timex = next(
        (
            x
            for x in record.timexes
            if s_start <= x.start < s_end
            and x.type == "DATE"
            and x.anchor is None
            and x.interval is not None
        ),
        None,
    )
    return MergeMention(
        key=f"{doc.name}:{','.join(map(str, tids))}",
        article=doc.name,
        source=doc.name,
        published=PLACEHOLDER_DAY,
        order=(doc.name, f"{tids[0]:06d}"),
        value=timex.value if timex else None,
        start=timex.interval.start if timex and timex.interval else None,
        end=timex.interval.end if timex and timex.interval else None,
        precision=_precision(timex.value) if timex else None,
        basis="text" if timex else None,
        actors=actors,
        place=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        place_country=place.country if place else None,
        geonameid=place.geonameid if place else None,
        feature_code=place.feature_code if place else None,
        place_basis="sentence" if place else None,
        trigger=stem(lemma),
        words=words(doc.text[s_start:s_end]),
        context=lead_words(None, doc.text),
    )


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "approximate")


def evaluate(
    path: Path,
    pipeline: Any,
    *,
    split: str = "dev",
    config: MergeConfig | None = None,
    settings: Sequence[str] = ("system", "gold", "events"),
) -> dict[str, Any]:
    """Scores for each setting: Dateline's merger and the same-lemma baselines."""
    config = config or MergeConfig()
    docs = read_corpus(path, topics_for(split))
    run = annotate(docs, pipeline)
    return score_run(run, config=config, settings=settings, split=split)


def score_run(
    run: Run,
    *,
    config: MergeConfig,
    settings: Sequence[str] = ("system", "gold", "events"),
    split: str = "dev",
) -> dict[str, Any]:
    docs = run.docs
    key = {g.span: g.cluster for d in docs for g in d.mentions}
    topic_of = {d.name: d.topic for d in docs}
    result: dict[str, Any] = {
        "split": split,
        "documents": len(docs),
        "topics": len({d.topic for d in docs}),
        "gold_mentions": len(key),
        "gold_clusters": len(set(key.values())),
        "merger": config.version,
        "threshold": config.threshold,
    }
    if "events" in settings:
        mentions, spans = system_mentions(run)
        assignment, _ = cluster(mentions, config)
        response: dict[Span, str] = {}
        for m in mentions:
            for span in spans[m.key]:
                response[span] = assignment[m.key]
        result["events"] = _setting(run, key, response, topic_of)
    for setting, make in (("system", system_mentions_broad), ("gold", gold_mentions)):
        if setting not in settings:
            continue
        mentions = make(run)
        assignment, _ = cluster(mentions, config)
        response = {_span_of(k): c for k, c in assignment.items()}
        result[setting] = _setting(run, key, response, topic_of)
    return result


def _span_of(key: str) -> Span:
    doc, tids = key.split(":", 1)
    return doc, tuple(int(x) for x in tids.split(","))


def _setting(
    run: Run, key: dict[Span, str], response: dict[Span, str], topic_of: dict[str, int]
) -> dict[str, Any]:
    lemma_of = {s: _lemma(run, s) for s in response}
    found = sum(1 for s in response if s in key)
    block: dict[str, Any] = {
        "mentions": len(response),
        "mention_recall": round(100 * found / len(key), 2) if key else 0.0,
        "mention_precision": round(100 * found / len(response), 2) if response else 0.0,
        "dateline": _flat(conll(key, response)),
        "lemma": _flat(conll(key, {s: lemma_of[s] for s in response})),
        "lemma_within_topic": _flat(
            conll(key, {s: (topic_of[s[0]], lemma_of[s]) for s in response})
        ),
    }
    block["margin_over_lemma"] = round(
        block["dateline"]["conll_f1"] - block["lemma"]["conll_f1"], 2
    )
    block["margin_over_lemma_within_topic"] = round(
        block["dateline"]["conll_f1"] - block["lemma_within_topic"]["conll_f1"], 2
    )
    return block


def _lemma(run: Run, span: Span) -> str:
    analysed = [run.lemmas[span[0]].get(t, ("", "")) for t in span[1]]
    lemma = next((x for x in analysed if x[1] in ("VERB", "NOUN", "ADJ")), analysed[0])[0]
    return stem(lemma)


def _flat(scores: dict[str, dict[str, float]]) -> dict[str, Any]:
    out: dict[str, Any] = {"conll_f1": round(100 * scores["conll"]["f1"], 2)}
    for name in ("muc", "b3", "ceafe"):
        out[name] = {k: round(100 * v, 2) for k, v in scores[name].items()}
    return out
