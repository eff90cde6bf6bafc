"""The ECB+ evaluation: coreference scores, the corpus reader (on a synthetic document in
ECB+'s XML shape), and scoring a run without a model."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.evaluate.coref import b_cubed, ceaf_e, conll, max_assignment, muc
from dateline.evaluate.merge import Run, read_corpus, score_run
from dateline.merge import MergeConfig
from dateline.model import ArticleRecord

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_coref_scores_on_a_worked_example() -> None:
    assert muc(KEY, RESPONSE)["recall"] == pytest.approx(2 / 3)
    assert muc(KEY, RESPONSE)["precision"] == pytest.approx(2 / 3)
    assert b_cubed(KEY, RESPONSE)["recall"] == pytest.approx(11 / 15)
    assert b_cubed(KEY, RESPONSE)["precision"] == pytest.approx(11 / 15)
    assert ceaf_e(KEY, RESPONSE)["f1"] == pytest.approx(0.8)
    assert conll(KEY, KEY)["conll"]["f1"] == pytest.approx(1.0)


def test_coref_missed_and_invented_mentions_count() -> None:
    response = {"a": "x", "b": "x", "z": "x"}
    scores = b_cubed(KEY, response)
    assert scores["recall"] == pytest.approx((4 / 3) / 5)
    assert scores["precision"] == pytest.approx((4 / 3) / 3)
    assert muc(KEY, {})["recall"] == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=1, max_size=5))
def test_coref_assignment_is_optimal(weights: list[list[float]]) -> None:
    n, m = len(weights), len(weights[0])
    best = 0.0
    if n <= m:
        for cols in itertools.permutations(range(m), n):
            best = max(best, sum(weights[i][j] for i, j in enumerate(cols)))
    else:
        for rows in itertools.permutations(range(n), m):
            best = max(best, sum(weights[i][j] for j, i in enumerate(rows)))
    assert max_assignment(weights) == pytest.approx(best)


def _doc(
    name: str, sentences: list[str], markables: dict[int, int], chains: dict[str, list[int]]
) -> str:
    """An ECB+-shaped XML document: tokens, ACTION markables by token id, relations."""
    tokens, tid = [], 0
    for s, sentence in enumerate(sentences):
        for n, word in enumerate(sentence.split()):
            tid += 1
            tokens.append(f'<token t_id="{tid}" sentence="{s}" number="{n}">{word}</token>')
    marks = "".join(
        f'<ACTION_OCCURRENCE m_id="{m}"><token_anchor t_id="{t}"/></ACTION_OCCURRENCE>'
        for m, t in markables.items()
    )
    rels = "".join(
        f'<CROSS_DOC_COREF r_id="{i}" note="{note}">'
        + "".join(f'<source m_id="{m}"/>' for m in ms)
        + '<target m_id="999"/></CROSS_DOC_COREF>'
        for i, (note, ms) in enumerate(chains.items())
    )
    return (
        f'<Document doc_name="{name}">{"".join(tokens)}<Markables>{marks}</Markables>'
        f"<Relations>{rels}</Relations></Document>"
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "ECB+" / "7"
    folder.mkdir(parents=True)
    # 7_1ecb: "A storm hit the coast . Crews repaired lines ."  hit=3, repaired=8
    (folder / "7_1ecb.xml").write_text(
        _doc(
            "7_1ecb.xml",
            ["A storm hit the coast .", "Crews repaired lines ."],
            {1: 3, 2: 8},
            {"ACT1": [1]},
        )
    )
    # 7_2ecb: "The storm hit towns ." hit=3 (same happening as 7_1's hit)
    (folder / "7_2ecb.xml").write_text(
        _doc("7_2ecb.xml", ["The storm hit towns ."], {1: 3}, {"ACT1": [1]})
    )
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecb,0\n7,1ecb,1\n7,2ecb,0\n"
    )
    return tmp_path


def test_merge_eval_reads_ecb_documents(corpus: Path) -> None:
    docs = read_corpus(corpus, [7])
    assert [d.name for d in docs] == ["7_1ecb.xml", "7_2ecb.xml"]
    first = docs[0]
    assert first.text == "A storm hit the coast .\nCrews repaired lines ."
    assert [(g.span, g.cluster) for g in first.mentions] == [
        (("7_1ecb.xml", (3,)), "x:ACT1"),
        (("7_1ecb.xml", (8,)), "s:7_1ecb.xml:2"),
    ]
    s, e = first.token_spans[8]
    assert first.text[s:e] == "repaired"


def test_merge_eval_missing_corpus_is_a_coded_error(tmp_path: Path) -> None:
    from dateline.errors import ReadError

    with pytest.raises(ReadError) as info:
        read_corpus(tmp_path, [7])
    assert info.value.code.name == "E001"


def test_merge_eval_scores_gold_mentions_without_a_model(corpus: Path) -> None:
    docs = read_corpus(corpus, [7])
    lemmas = {
        "7_1ecb.xml": {3: ("hit", "VERB"), 8: ("repair", "VERB"), 2: ("storm", "NOUN")},
        "7_2ecb.xml": {3: ("hit", "VERB"), 2: ("storm", "NOUN")},
    }
    records = {
        d.name: ArticleRecord(id=d.name, source=d.name, published="2000-01-01") for d in docs
    }
    run = Run(docs, records, lemmas)
    result = score_run(run, config=MergeConfig(), settings=["gold", "system"])
    assert result["gold_mentions"] == 3
    assert result["gold"]["dateline"]["conll_f1"] == pytest.approx(100.0)
    assert result["gold"]["lemma"]["conll_f1"] == pytest.approx(100.0)
    assert result["system"]["mention_recall"] == pytest.approx(100.0)


def test_merge_eval_types_only_the_pipelines_events(corpus: Path) -> None:
    """A word the events lexicon knows ("blast": explosives) gives no type on its own:
    without an extracted event at that trigger, the mention stays untyped and meets others
    by its word."""
    from dateline.evaluate.merge import gold_mentions
    from dateline.nlp.events.lexicon import lookup

    assert lookup("blast", "NOUN") is not None
    docs = read_corpus(corpus, [7])
    lemmas = {d.name: {3: ("blast", "NOUN"), 8: ("repair", "VERB")} for d in docs}
    records = {
        d.name: ArticleRecord(id=d.name, source=d.name, published="2000-01-01") for d in docs
    }
    mentions = gold_mentions(Run(docs, records, lemmas))
    assert len(mentions) == 3 and mentions[0].trigger == mentions[2].trigger
    assert all(m.type is None for m in mentions)
