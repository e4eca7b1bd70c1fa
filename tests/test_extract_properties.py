"""Property tests of extraction (issue 11.6): on arbitrary Unicode and on Japanese-like text,
``extract`` never raises, its offsets lie inside the text, evidence is the text at those
offsets, every event joins two entities of the record, and the output is deterministic."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geokg import vocab
from loaders.extract import extract
from loaders.models import Article
from loaders.normalize import normalize

# Pieces of news sentences: actors, titles, particles, triggers, dates, punctuation, and the
# characters normalisation changes (full-width digits and letters, ideographic space).
FRAGMENTS = [
    "日本", "米国", "中国", "インド", "韓国", "ロシア", "ウクライナ", "日米", "対中", "訪印", "米中",
    "片山さつき財務相", "片山氏", "ルビオ国務長官", "ジャイシャンカル外相", "トランプ大統領", "両氏",
    "G7", "ＧＸ", "経済産業省", "米商務省", "国際エネルギー機関(IEA)", "ハッカー集団「影」", "同社",
    "は", "が", "と", "に", "を", "で", "の", "も", "や", "へ", "から", "として", "、", "。", "「", "」",
    "(", ")", "\n", "　", " ", "27日", "２０日", "1月13日", "2026年1月", "2025年12月4日", "先月27日",
    "来月", "同日", "昨年", "会談した", "電話会談を行った", "首脳会談を開いた", "署名した", "合意した",
    "協力する", "要請した", "支援すると発表した", "輸出規制を強化した", "依存を減らす", "覚書", "協定",
    "協力枠組み", "和平協定", "予定だ", "方針", "しなかった", "と述べた", "ことで一致した", "見通しだ",
]
japanese_like = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join)
anything = st.text(min_size=1, max_size=200)
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))

# the shape of a date at each precision (the contract's YYYY-MM-DD, YYYY-MM, YYYY)
SHAPES = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
          "year": re.compile(r"^\d{4}$")}


def check(text: str, published: str | None) -> None:
    if not text.strip():
        return  # an Article needs text
    article = Article(id="p", text=text, published=published, reference_date=published)
    ex = extract(article)
    out = ex.to_json()
    assert extract(article).to_json() == out  # deterministic within a process
    ids = [e["id"] for e in out["entities"]]
    assert len(ids) == len(set(ids))
    norm = normalize(text)
    for e in out["entities"]:
        assert e["label"] in vocab.ENTITY_LABELS
        assert all(s in norm for s in e["surfaces"]), (e, text)
    for ev in out["events"]:
        assert ev["type"] in vocab.EVENT_TYPES
        assert ev["source"] in ids and ev["target"] in ids and ev["source"] != ev["target"]
        assert 0 <= ev["start"] < ev["end"] <= len(text)
        assert ev["evidence"] == text[ev["start"] : ev["end"]].strip() and ev["evidence"] in text
        if ev["date"] is None:
            assert ev["date_precision"] is None
        else:
            assert SHAPES[ev["date_precision"]].match(ev["date"]), ev


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(japanese_like, dates)
def test_japanese_like_text(text: str, published: str | None) -> None:
    check(text, published)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything, dates)
def test_any_unicode_text(text: str, published: str | None) -> None:
    check(text, published)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Lo"]),
               min_size=1, max_size=100))
def test_controls_and_separators(text: str) -> None:
    check(text + "日本とインドは5日、首脳会談を開いた。", "2026-02-06")
