"""The phrasing the frames read (loaders/data/cues.tsv, particle_tags.tsv, frame_roles.tsv),
kind by kind.

Every kind of cue, every particle tag and every frame role has a made-up sentence here with
the events the frames read from it, and the same sentence read without that kind's cues (or
tag, or role) gives other events: the row shows the cue at work, not merely present. A typo in
a kind, a tag, a particle or a role stops the load, naming the file and line.

Events are written ``TYPE SOURCE>TARGET``, with `` planned`` and `` @date`` when so; articles
are published on 2026-01-20.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import loaders.events  # noqa: F401  (imports every stage, so the scan below sees every cue in use)
from loaders import phrasing
from loaders.extract import extract
from loaders.frames import FRAMES
from loaders.models import Article

# (kind, sentence, the frames' events)
CUES = [
    ("case_particle", "日本は米国と会談した。", ["MET_WITH JPN>USA"]),
    ("formal_noun", "日本は27日に米国と会談する予定だ。", ["MET_WITH JPN>USA planned @2026-01-27"]),
    ("coordinator", "日本および韓国は中国を非難した。", ["CRITICIZED JPN>CHN", "CRITICIZED KOR>CHN"]),
    ("list_closer", "日本などや韓国は中国を非難した。", ["CRITICIZED JPN>CHN", "CRITICIZED KOR>CHN"]),
    ("list_filler", "インド、日本や韓国は中国を非難した。",
     ["CRITICIZED IND>CHN", "CRITICIZED JPN>CHN", "CRITICIZED KOR>CHN"]),
    ("list_title", "インド首相、日本、韓国は中国を非難した。",
     ["CRITICIZED IND>CHN", "CRITICIZED JPN>CHN", "CRITICIZED KOR>CHN"]),
    ("pair_anaphor", "日本と米国は会談した。両首脳は中国を非難した。",
     ["MET_WITH JPN>USA", "CRITICIZED JPN>CHN", "CRITICIZED USA>CHN"]),
    ("pair_anaphor_of", "タイとカンボジアの国境で戦闘が起きた。両者の戦闘は続いた。", ["FOUGHT THA>KHM"]),
    ("country_counter", "米国は日本、韓国を招き会合を開いた。3カ国は中国を非難した。",
     ["MET_WITH USA>JPN", "MET_WITH USA>KOR", "CRITICIZED USA>CHN", "CRITICIZED JPN>CHN", "CRITICIZED KOR>CHN"]),
    ("passive", "ウクライナは米国の支援を受けた。", ["SUPPORTED USA>UKR"]),
    ("request_content", "米国は日本が投資するよう要請した。", ["REQUESTED USA>JPN"]),
    ("negation", "日本は米国との会談を見送った。", []),
    ("negation_adverb", "日本は米国との会談を当面見送る。", []),
    ("negative_ending", "日本は米国と協力しない。", []),
    ("head_noun", "日本は米国と協力分野を広げた。", []),
    ("aim", "日本と米国は経済連携協定の署名に向けた交渉を始めた。", []),
    ("building", "トヨタは米国に工場を新設した。", ["INVESTED_IN org:Toyota>USA"]),
    ("place_trigger", "トヨタは米国の工場から部品を調達した。", []),
    ("body_trigger", "日本と米国は協議会を設けた。", []),
    ("tariff_not_raised", "米国は日本に対する関税の引き下げを発表した。", []),
    ("rule_broken", "北朝鮮は国連決議に違反して石油を輸入した。", []),
    ("reaction_drawn", "日本は中国の批判を浴びた。", []),
    ("planned", "日本は米国と会談する予定だ。", ["MET_WITH JPN>USA planned"]),
    ("start_from", "米国は25日から日本に追加関税を課すと表明した。", ["RESTRICTED USA>JPN @2026-01-25"]),
    ("future_verb", "日本は25日に米国と首脳会談を開くと発表した。", ["MET_WITH JPN>USA @2026-01-25"]),
    ("announced", "日本と米国は25日に会談を行うことで合意した。",
     ["MET_WITH JPN>USA @2026-01-25", "AGREED JPN>USA @2026-01-25"]),
    ("applies_from", "米国は18日、日本への輸出規制を10日から強化した。", ["RESTRICTED USA>JPN @2026-01-10"]),
    ("date_part", "日本は3月初めまでにインドと会談した。", ["MET_WITH JPN>IND"]),
    ("date_bound", "日本は2018年以来、インドと協力している。", ["COOPERATED JPN>IND"]),
    ("dated_occasion", "日本とインドは先月28日に行われた首脳会談で経済連携協定に署名した。",
     ["MET_WITH JPN>IND @2025-12-28", "SIGNED JPN>agreement:経済連携協定 @2025-12-28",
      "SIGNED IND>agreement:経済連携協定 @2025-12-28"]),
    ("war_noun", "日本は15日、ロシアのウクライナ侵攻を受けてインドと会談した。",
     ["FOUGHT RUS>UKR", "MET_WITH JPN>IND @2026-01-15"]),
    ("relocation", "日本は中国からタイに生産を移管した。", ["REDUCES_DEPENDENCE_ON JPN>CHN", "INVESTED_IN JPN>THA"]),
    ("import_stop", "ノルウェーはロシアからの輸入を停止した。",
     ["REDUCES_DEPENDENCE_ON NOR>RUS", "RESTRICTED NOR>RUS"]),
    ("equity", "日本はインドに出資した。", ["INVESTED_IN JPN>IND"]),
    ("venue", "インドのモディ首相はホワイトハウスを訪問した。", []),
    ("mutual", "日本と中国は互いに非難した。", ["CRITICIZED JPN>CHN", "CRITICIZED CHN>JPN"]),
    ("backing", "ロシア支援とされるハマスが攻撃した。", ["SUPPORTED RUS>org:Hamas"]),
    ("visitor_follows", "来日したモディ首相は記者団に語った。", ["MET_WITH person:モディ>JPN"]),
    ("meeting_noun", "米国は日本を招き、15日に会合を開いた。", ["MET_WITH USA>JPN @2026-01-15"]),
    ("attend", "米国は日本を招き会合を開いた。韓国も参加した。", ["MET_WITH USA>JPN", "MET_WITH USA>KOR"]),
    ("chair", "中国が議長国を務めた会合には日本も参加した。", ["MET_WITH CHN>JPN"]),
    ("convene", "米国は同盟国の会合を開催した。日本も参加した。", ["MET_WITH USA>JPN"]),
]

# (tag, sentence, the frames' events)
TAGS = [
    ("に対し", "日本は米国を訪れ、中国に対し非難した。", ["MET_WITH JPN>USA", "CRITICIZED JPN>CHN"]),
    ("への", "日本は中国への輸出を規制した。", ["RESTRICTED JPN>CHN"]),
    ("との", "日本は中国が脅威だとの認識を示し、米国と会談した。", ["MET_WITH JPN>USA"]),
    ("からの", "日本は中国からの輸入規制を強化した。", ["RESTRICTED JPN>CHN"]),
    ("quote", "日本は、中国が脅威だと非難した。", ["CRITICIZED JPN>CHN"]),
    ("other", "日本は米国に関する協力を要請した。", []),
]

# ((frame, role), sentence, the frames' events)
ROLES = [
    (("pair", "partner"), "日本は米国と会談した。", ["MET_WITH JPN>USA"]),
    (("address", "addressee"), "日本は米国に協力を要請した。", ["REQUESTED JPN>USA"]),
    (("object", "object"), "日本は中国を非難した。", ["CRITICIZED JPN>CHN"]),
    (("object", "addressee"), "日本は中国に抗議した。", ["CRITICIZED JPN>CHN"]),
    (("sign", "cosigner"), "日本は米国と経済連携協定に署名した。",
     ["SIGNED JPN>agreement:経済連携協定", "SIGNED USA>agreement:経済連携協定"]),
    (("support", "supported"), "日本はウクライナを支援した。", ["SUPPORTED JPN>UKR"]),
    (("invest", "invested"), "トヨタはインドの新興企業ソラに投資した。", ["INVESTED_IN org:Toyota>org:ソラ"]),
    (("invest", "place"), "トヨタはインドで工場を新設した。", ["INVESTED_IN org:Toyota>IND"]),
    (("invest", "origin"), "日本は中国からタイに生産を移管した。",
     ["REDUCES_DEPENDENCE_ON JPN>CHN", "INVESTED_IN JPN>THA"]),
    (("restrict", "target"), "日本は中国に制裁を科した。", ["RESTRICTED JPN>CHN"]),
    (("visit", "visited"), "日本の首相はインドを訪問した。", ["MET_WITH JPN>IND"]),
    (("visit", "stop"), "日本の首相はインド、タイも訪問した。", ["MET_WITH JPN>IND", "MET_WITH JPN>THA"]),
    (("host", "meeting"), "日本は日ASEAN首脳会議に出席した。", ["MET_WITH JPN>org:ASEAN"]),
    (("host", "hosted"), "米国は日韓の夕食会を主催した。", ["MET_WITH USA>JPN", "MET_WITH USA>KOR"]),
    (("host", "invited"), "米国は日本を招き会合を開いた。", ["MET_WITH USA>JPN"]),
]


def events(text: str) -> list[str]:
    """The frames' events of a one-text article (without the candidate ranker)."""
    ex = extract(Article(id="t", text=text, published="2026-01-20"), model=None)
    return [f"{e.type} {e.source}>{e.target}" + (" planned" if e.mode == "planned" else "")
            + (f" @{e.date}" if e.date else "") for e in ex.events]


def _in_use() -> list[phrasing.Cues | phrasing.Words | phrasing.Marks]:
    """Every Cues, Words and Marks of the loaders' modules."""
    return [v for name, mod in sorted(sys.modules.items()) if name.startswith("loaders.")
            for v in vars(mod).values() if isinstance(v, (phrasing.Cues, phrasing.Words, phrasing.Marks))]


@contextmanager
def reading(data: phrasing.Phrasing) -> Iterator[None]:
    """Extraction reads ``data`` instead of the shipped files inside the block."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(phrasing, "load", lambda *_: data)
        for x in _in_use():
            x.forget()
        phrasing.particle_tags.cache_clear()
        yield
    finally:
        mp.undo()
        for x in _in_use():
            x.forget()
        phrasing.particle_tags.cache_clear()


NEVER = "(?!)"  # a pattern that matches nothing


def without_kind(kind: str) -> phrasing.Phrasing:
    p = phrasing.load()
    return dataclasses.replace(p, cues={**p.cues, kind: () if phrasing.KINDS[kind] == "word" else (NEVER,)})


def without_tag(tag: str) -> phrasing.Phrasing:
    p = phrasing.load()
    return dataclasses.replace(p, tags={k: tuple(r for r in rows if r[1] != tag) for k, rows in p.tags.items()})


def without_role(frame_role: tuple[str, str]) -> phrasing.Phrasing:
    p = phrasing.load()
    return dataclasses.replace(p, marks={**p.marks, frame_role: ()})


@pytest.mark.parametrize(("kind", "text", "expected"), CUES, ids=[r[0] for r in CUES])
def test_each_kind_of_cue_does_its_job(kind: str, text: str, expected: list[str]) -> None:
    assert events(text) == expected
    with reading(without_kind(kind)):
        assert events(text) != expected, f"{text} reads the same without any {kind} cue"


@pytest.mark.parametrize(("tag", "text", "expected"), TAGS, ids=[r[0] for r in TAGS])
def test_each_particle_tag_does_its_job(tag: str, text: str, expected: list[str]) -> None:
    assert events(text) == expected
    with reading(without_tag(tag)):
        assert events(text) != expected, f"{text} reads the same without the tag {tag}"


@pytest.mark.parametrize(("frame_role", "text", "expected"), ROLES, ids=["/".join(r[0]) for r in ROLES])
def test_each_frame_role_is_marked_as_the_file_says(frame_role: tuple[str, str], text: str,
                                                    expected: list[str]) -> None:
    assert events(text) == expected
    with reading(without_role(frame_role)):
        assert events(text) != expected, f"{text} reads the same without {frame_role}"


def test_every_kind_tag_and_role_has_a_sentence_here() -> None:
    data = phrasing.load()
    assert {r[0] for r in CUES} == set(phrasing.KINDS)
    assert {r[0] for r in TAGS} == phrasing.TAGS
    assert {r[0] for r in ROLES} == set(data.marks)


def test_every_kind_and_role_of_the_files_is_read_by_the_code() -> None:
    used = _in_use()
    kinds = {k for x in used if isinstance(x, phrasing.Cues) for k in x.kinds()}
    kinds |= {x.kind for x in used if isinstance(x, phrasing.Words)}
    assert kinds == set(phrasing.KINDS)
    roles = {(x.frame, x.role) for x in used if isinstance(x, phrasing.Marks)}
    assert roles == set(phrasing.load().marks)
    assert {frame for frame, _ in roles} <= set(FRAMES)
    for x in used:  # every template compiles with the shipped cues
        if isinstance(x, phrasing.Cues):
            assert x.compiled.pattern


# ---- a typo stops the load, naming the file and line


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for name in ("cues.tsv", "particle_tags.tsv", "frame_roles.tsv"):
        shutil.copy(phrasing.DATA / name, tmp_path / name)
    return tmp_path


def _append(path: Path, row: str) -> int:
    """Append a row; returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    return len(lines) + 1


BAD_ROWS = [
    ("cues.tsv", "negaton\t見合わせ\ta typo in the kind", "unknown kind 'negaton'"),
    ("cues.tsv", "negation\t見合わせ|保留\ttwo cues in one row", "one cue a row"),
    ("cues.tsv", "war_noun\t侵攻$\ta pattern where words are read", "war_noun cues are plain words"),
    ("cues.tsv", "planned\t予定(\tan unclosed group", "is not a regular expression"),
    ("cues.tsv", "negation\t見送\tgiven twice", "'見送' is already a negation cue"),
    ("cues.tsv", "negation\t保留", "expected 3 tab-separated fields"),
    ("particle_tags.tsv", "に\t対して\tに対し\tpre-empted by に+対し", "に+対して never applies: に+対し comes first"),
    ("particle_tags.tsv", "と\tの見方\tquote\tpre-empted by と+の", "と+の見方 never applies: と+の comes first"),
    ("particle_tags.tsv", "に\t対処するため\tother\ttoo long", "longer than the 4 characters"),
    ("particle_tags.tsv", "に\t伴い\tothers\ta typo in the tag", "unknown tag 'others'"),
    ("particle_tags.tsv", "の\tため\tother\tnot a case particle", "'の' is not a case_particle"),
    ("frame_roles.tsv", "visit\tvia\tを|経由\tnot a particle", "経由 is neither a case particle nor a tag"),
    ("frame_roles.tsv", "pair\tpartner\tと\tgiven twice", "pair / partner is given twice"),
]


@pytest.mark.parametrize(("name", "row", "message"), BAD_ROWS, ids=[r[2] for r in BAD_ROWS])
def test_a_bad_row_stops_the_load_naming_file_and_line(data: Path, name: str, row: str, message: str) -> None:
    line = _append(data / name, row)
    with pytest.raises(phrasing.PhrasingError) as err:
        phrasing.load(data)
    assert f"{data / name}:{line}: " in str(err.value)
    assert message in str(err.value)


def test_a_kind_left_without_cues_stops_the_load(data: Path) -> None:
    path = data / "cues.tsv"
    path.write_text("".join(x for x in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not x.startswith("mutual\t")), encoding="utf-8")
    with pytest.raises(phrasing.PhrasingError, match="no cue of kind mutual"):
        phrasing.load(data)


def test_a_wrong_header_stops_the_load(data: Path) -> None:
    path = data / "frame_roles.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("frame\trole\tmarks", "frame\trole\tparticles"),
                    encoding="utf-8")
    with pytest.raises(phrasing.PhrasingError, match="the header should be frame / role / marks / comment"):
        phrasing.load(data)


def test_the_shipped_files_load() -> None:
    data = phrasing.load()
    assert data.cues["negation"][0] == "見送"
    assert data.tags["と"][0] == ("の", "との")
    assert data.marks[("address", "addressee")] == ("に", "に対し", "へ")
