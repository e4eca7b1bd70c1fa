"""The candidate ranker: the model file, its arithmetic, and what it changes."""

from __future__ import annotations

import json
import math

from loaders import ranker
from loaders.extract import analyse, extract
from loaders.models import Article

TEXT = "日本の高市首相は5日、東京でオーストラリアのアルバニージー首相と会談し、重要鉱物で協力することで一致した。"


def test_the_shipped_model_is_a_valid_logistic_model() -> None:
    data = json.loads(ranker.MODEL_PATH.read_text(encoding="utf-8"))
    model = ranker.load()
    assert model is not None
    assert 0.0 < model.threshold <= 1.0 and 0.0 <= model.keep < model.threshold
    assert len(model.weights) > 100 and all(math.isfinite(w) for w in model.weights.values())
    assert data["weights"] == dict(sorted(data["weights"].items()))  # written sorted: same corpus, same file


def test_probability_is_the_logistic_of_bias_plus_weights() -> None:
    m = ranker.Model(bias=-1.0, threshold=0.5, weights={"a": 2.0, "b": 0.5})
    assert m.probability(["a", "b", "unknown"]) == 1 / (1 + math.exp(-1.5))
    assert m.probability([]) == 1 / (1 + math.exp(1.0))


def test_grouped_scoring_equals_plain_scoring() -> None:
    model = ranker.load()
    assert model is not None
    an = analyse(Article(id="t", text=TEXT, published="2026-01-10"))
    cands = ranker.candidates(an.text, an.sites, an.frames)
    assert cands
    sums: dict[int, float] = {}
    for c in cands:
        assert abs(model.probability_of(c, sums) - model.probability(c.features)) < 1e-12


def test_candidates_pair_every_party_around_a_trigger_and_mark_the_frames_choice() -> None:
    an = analyse(Article(id="t", text=TEXT, published="2026-01-10"))
    cands = ranker.candidates(an.text, an.sites, an.frames)
    met = {(c.source.key, c.target.key): c for c in cands if c.type == "MET_WITH" and c.trigger == "会談"}
    chosen = {(r.source, r.target) for r in an.frames if r.type == "MET_WITH"}
    assert chosen == {("高市早苗", "アルバニージー")}
    assert all(p in met and met[p].rule for p in chosen)  # the frames' choice is a candidate, marked so
    assert any(not c.rule for c in met.values())
    assert all("s.side=before" in c.features or "s.side=after" in c.features or "s.side=carried" in c.features
               for c in cands)


def test_without_a_model_extraction_is_the_frames_alone() -> None:
    a = Article(id="t", text=TEXT, published="2026-01-10")
    frames = {(r.type, r.source, r.target) for r in analyse(a).frames}
    plain = {(e.type, e.source.removeprefix("person:"), e.target.removeprefix("person:"))
             for e in extract(a, model=None).events}
    assert plain == frames == {("MET_WITH", "高市早苗", "アルバニージー"), ("AGREED", "高市早苗", "アルバニージー"),
                               ("COOPERATED", "JPN", "AUS")}
    # a model that keeps every candidate keeps every event of the frames too (and adds to them)
    always = ranker.Model(bias=30.0, threshold=0.5, weights={}, keep=0.0)
    kept = {(e.type, e.source, e.target) for e in extract(a, model=always).events}
    assert {(e.type, e.source, e.target) for e in extract(a, model=None).events} < kept
