"""Article sources: listing pages, JSON Lines, text folders, RSS/Atom, saved HTML pages.

Fixtures are under tests/data/sources/ (original texts written for these tests); the seed
listing is seeds/000_55682db804c659e6.txt.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geokg.errors import InputError
from loaders.jsonl import parse_published
from loaders.listing import is_boilerplate, looks_like_listing, read_listing
from loaders.models import Article, text_id
from loaders.sources import FORMATS, Problem, decode, detect, read_inputs
from loaders.textfiles import split_title

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "sources"
SEED = ROOT / "seeds" / "000_55682db804c659e6.txt"


def read(*paths: str | Path, fmt: str | None = None) -> tuple[list[Article], list[Problem]]:
    items = list(read_inputs(paths, fmt=fmt))
    articles = [x for x in items if isinstance(x, Article)]
    problems = [x for x in items if isinstance(x, Problem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# --- the seed listing -------------------------------------------------------------------------


def test_seed_listing() -> None:
    articles, problems = read(SEED)
    assert problems == []
    assert len(articles) == 20
    lines = lines_of(SEED)
    first = articles[0]
    assert first.title == lines[0] == "重要鉱物の供給網強化へG7結束、財務相会合 片山氏が具体策急ぐ"
    assert first.text.startswith("G7財務相は27日")
    assert first.text == lines[3] == lines[1]  # the lead and the first item are one article
    assert first.reference_date == "2026-01-27" and first.date_inferred
    assert articles[17].reference_date == "2025-11-19"
    assert all(a.title == "" for a in articles[1:])
    assert all(a.published is None for a in articles)
    assert not any(a.text.startswith("本ページでは") for a in articles)
    # each article is one line of the file, as written, in order
    assert [a.origin for a in articles] == [f"{SEED}:{n}" for n in range(4, 24)]
    assert [a.text for a in articles] == [s.strip() for s in lines[3:23]]
    assert [a.metadata["position"] for a in articles] == list(range(1, 21))
    assert {a.metadata["listing"] for a in articles} == {SEED.name}
    assert {a.source for a in articles} == {SEED.stem}
    assert [a.id for a in articles] == [text_id(a.text) for a in articles]


def test_seed_reference_dates_run_newest_first() -> None:
    articles, _ = read(SEED)
    dated = [a.reference_date for a in articles if a.reference_date]
    assert len(dated) == 19  # the last item has no date and nothing below it
    assert dated == sorted(dated, reverse=True)
    assert articles[-1].reference_date is None and not articles[-1].date_inferred
    # items with a full date of their own are not inferred
    assert not articles[3].date_inferred and articles[3].reference_date == "2026-01-17"


def test_seed_is_detected_as_a_listing() -> None:
    assert detect(SEED) == "listing"


# --- listings ---------------------------------------------------------------------------------


def test_listing_fixture_has_the_seed_structure() -> None:
    path = DATA / "listing.txt"
    articles, problems = read(path)
    lines = lines_of(path)
    assert problems == []
    assert len(articles) == 7  # 8 non-empty lines after the boilerplate... minus the lead
    assert articles[0].title == lines[0]
    assert articles[0].text == lines[1] == lines[3]
    assert [a.title for a in articles[1:]] == [""] * 6
    assert [a.reference_date for a in articles] == [
        "2026-02-03",  # 3日, above 2026-02-02
        "2026-02-02",
        "2026-01-28",  # 1月28日
        "2026-01-20",  # ２０日 (full-width digits)
        "2026-01-15",
        "2025-12-09",  # 12月9日, below 2026-01-15
        "2025-11-30",
    ]
    assert [a.date_inferred for a in articles] == [True, False, True, True, False, True, False]
    assert [a.origin.rsplit(":", 1)[1] for a in articles] == ["4", "5", "6", "8", "9", "10", "11"]
    assert articles[3].text == "韓国政府は２０日、半導体の材料を巡る日本との対話を再開すると発表した。" + (
        "両国の局長級が来月にもソウルで会合を開き、輸出手続きの簡素化や共同研究について意見を交わす見通しだ。"
    )
    assert articles[0].metadata == {"listing": "listing.txt", "position": 1, "listing_title": lines[0]}


def test_listing_whose_lead_is_its_own_article() -> None:
    path = DATA / "listing_own_lead.txt"
    articles, problems = read(path)
    lines = lines_of(path)
    assert problems == []
    assert [a.text for a in articles] == [lines[1], lines[3], lines[4]]  # "もっと見る" dropped
    assert [a.title for a in articles] == [lines[0], "", ""]
    assert [a.metadata["position"] for a in articles] == [1, 2, 3]
    assert [a.reference_date for a in articles] == ["2026-01-12", "2026-01-12", "2025-12-18"]
    assert [a.date_inferred for a in articles] == [True, True, False]


LEAD = "日本とフィリピンの両政府は8日、マニラで外相会談を開き、海上安全保障での協力強化で一致した。"
ITEM2 = "米財務省は2025年12月1日、対ロシア制裁の対象に新たに20社を加えたと発表した。"
BOILER = "本ページでは「安全保障」をテーマとした記事を一覧で掲載しています。"


@pytest.mark.parametrize(
    ("lines", "texts", "titles"),
    [
        pytest.param(["見出し", LEAD, BOILER, LEAD, ITEM2], [LEAD, ITEM2], ["見出し", ""], id="seed-layout"),
        pytest.param(
            ["見出し", LEAD[:30] + "…", BOILER, LEAD, ITEM2],
            [LEAD, ITEM2],
            ["見出し", ""],
            id="lead-cut-short",
        ),
        pytest.param(
            ["見出し", LEAD, BOILER, LEAD[:30] + "...", ITEM2],
            [LEAD, ITEM2],
            ["見出し", ""],
            id="item-cut-short",
        ),
        pytest.param(["見出し", LEAD, LEAD, ITEM2], [LEAD, ITEM2], ["見出し", ""], id="no-boilerplate"),
        pytest.param(["「安全保障」の記事一覧", BOILER, LEAD, ITEM2], [LEAD, ITEM2], ["", ""], id="no-lead"),
        pytest.param(
            ["見出し", LEAD, "「安全保障」に関するニュース一覧です", ITEM2, "", ITEM2, "次のページ"],
            [LEAD, ITEM2],
            ["見出し", ""],
            id="other-boilerplate-duplicate-and-navigation",
        ),
    ],
)
def test_listing_layouts(tmp_path: Path, lines: list[str], texts: list[str], titles: list[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert detect(path) == "listing"
    articles, problems = read(path)
    assert problems == []
    assert [a.text for a in articles] == texts
    assert [a.title for a in articles] == titles


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本ページでは「重要鉱物」をテーマとした記事を一覧で掲載しています。", True),
        ("このページでは「エネルギー」に関する記事を一覧で紹介しています。", True),
        ("「半導体」の記事一覧", True),
        ("「防衛」に関する最新ニュース一覧です", True),
        ("経産省は指定品目の一覧と在庫の推移をホームページに掲載した。", False),
        ("政府は2日、制裁対象の一覧を更新した。", False),
        ("本日、政府は閣議で決定した。", False),
    ],
)
def test_boilerplate_line(line: str, expected: bool) -> None:
    assert is_boilerplate(line) is expected


_ITEM_CHARS = "政府は日本米国中国会談合意協力支援。、0123456789月年"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_ITEM_CHARS, min_size=1, max_size=60), min_size=1, max_size=8))
def test_listing_keeps_every_distinct_item(items: list[str]) -> None:
    items = [f"記事{s}" for s in items]  # never blank, never page navigation
    page = "\n".join(["見出し", items[0], BOILER, *items]) + "\n"
    assert looks_like_listing(page)
    articles = [a for a in read_listing(page, Path("p.txt")) if isinstance(a, Article)]
    assert [a.text for a in articles] == list(dict.fromkeys(items))  # in order, repeats once
    assert articles[0].title == "見出し"
    dated = [a.reference_date for a in articles if a.reference_date]
    assert dated == sorted(dated, reverse=True)


# --- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_records_and_problems() -> None:
    path = DATA / "articles.jsonl"
    articles, problems = read(path)
    by_line = {p.where.rsplit(":", 1)[1]: p.message for p in problems}
    assert set(by_line) == {"2", "3", "6", "7", "9"}
    assert all(p.where.startswith(str(path)) for p in problems)
    assert by_line["2"].startswith("invalid JSON")
    assert "text" in by_line["3"] and "array" in by_line["6"] and "number" in by_line["7"]
    assert "empty" in by_line["9"]

    assert [a.id for a in articles[:1]] == ["ev-001"]
    first = articles[0]
    assert first.title == "豪、重要鉱物の備蓄制度を創設"
    assert first.published == first.reference_date == "2026-02-06"
    assert (first.source, first.url) == ("テスト通信", "https://example.jp/news/ev-001")
    assert first.metadata == {"lang": "ja", "tags": ["資源", "豪州"]}
    assert first.origin == f"{path}:1"

    no_id = articles[1]
    assert no_id.id == text_id(no_id.text) and no_id.published == "2026-02-04"
    assert no_id.source == "articles"  # the file's name when the record names no source
    unparsed = articles[2]
    assert unparsed.id == "ev-006" and unparsed.published is None
    assert unparsed.metadata == {"published_raw": "先週"}
    assert (articles[3].id, articles[3].published) == ("8", "2026-02-03")
    assert len(articles) == 4


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-28", "2026-01-28"),
        ("2026-01-28T09:00:00+09:00", "2026-01-28"),
        ("2026-01-27T23:30:00Z", "2026-01-27"),
        ("2026-01-28 09:00", "2026-01-28"),
        ("2026/01/28", "2026-01-28"),
        ("2026/1/8 10:00", "2026-01-08"),
        ("2026年1月28日", "2026-01-28"),
        ("2026年1月28日(水) 9時", "2026-01-28"),
        ("２０２６年１月２８日", "2026-01-28"),
        ("2026.01.28", "2026-01-28"),
        ("2026-02-30", None),
        ("先週", None),
        ("", None),
        (20260128, None),
        (None, None),
    ],
)
def test_parse_published(value: object, expected: str | None) -> None:
    assert parse_published(value) == expected


def test_same_text_gets_the_same_id_from_any_source(tmp_path: Path) -> None:
    listing, _ = read(SEED)
    record = {"title": "再掲", "text": "  " + listing[4].text + "\n"}
    path = tmp_path / "again.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    again, _ = read(path)
    assert again[0].id == listing[4].id
    assert [a.id for a in read(SEED)[0]] == [a.id for a in listing]  # reloading changes nothing


# --- folders of text files --------------------------------------------------------------------


def test_text_folder() -> None:
    folder = DATA / "texts"
    articles, problems = read(folder)
    assert [Path(a.origin).name for a in articles] == [
        "a_titled.txt",
        "b_untitled.txt",
        "d_sjis.txt",
        "e_utf16.txt",
        "f_nested.txt",
    ]  # sorted, recursive; readme.md and .hidden.txt not taken
    assert [(Path(p.where).name, p.message) for p in problems] == [("c_empty.txt", "empty file")]

    titled, untitled, sjis, utf16, nested = articles
    assert titled.title == "蘭、半導体装置の輸出規制を強化"
    assert titled.text.startswith("オランダ政府は6日") and titled.text.endswith("検討している。")
    assert untitled.title == "" and untitled.text.startswith("カナダ政府は5日")
    assert sjis.text == (DATA / "texts" / "d_sjis.txt").read_bytes().decode("cp932").strip()  # recognised, decoded
    assert utf16.text == "インド政府は2日、レアアースの国内加工を支援すると発表した。"
    assert (titled.source, nested.source) == ("texts", "sub")
    assert nested.title == "ケニア、地熱発電で日本と協力"
    assert all(a.id == text_id(a.text) and a.published is None for a in articles)


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("見出し\n本文。", "見出し", "本文。"),
        ("見出し\n\n本文1。\n\n本文2。\n", "見出し", "本文1。\n\n本文2。"),
        ("政府は2日、閣議で決定した。\n続報。", "", "政府は2日、閣議で決定した。\n続報。"),
        ("一行だけの記事", "", "一行だけの記事"),
        ("長" * 61 + "\n本文。", "", "長" * 61 + "\n本文。"),
    ],
)
def test_split_title(text: str, title: str, body: str) -> None:
    assert split_title(text) == (title, body)


# --- feeds ------------------------------------------------------------------------------------


def test_rss_feed() -> None:
    path = DATA / "rss.xml"
    articles, problems = read(path)
    assert problems == [Problem(str(path), "entry 3 (guid rss-003): no text")]
    first, second = articles
    assert first.id == "rss-001"
    assert first.title == "日越、レアアース精錬で協力へ"
    assert first.published == first.reference_date == "2026-02-05"  # as written (+0900), not UTC
    assert first.url == "https://rss.example.jp/news/1"
    assert first.source == "テスト経済通信"
    assert first.text.splitlines() == [
        "日本とベトナムの両政府は4日、ハノイで開いた閣僚級の会合で、レアアースの精錬技術の協力で合意した。",
        "日本側は研究開発や人材育成を支援し、精錬した製品を日本企業が優先的に購入できるようにする。"
        "総額は500億円&追加の融資枠を検討する。",
    ]  # full content rather than the summary; tags, the script and entities gone
    assert first.metadata["tags"] == ["資源"]
    assert second.id == "https://rss.example.jp/news/2"  # no guid: the link
    assert second.text == (
        "ブラジル政府は3日、リチウム鉱山への外国企業の出資比率の上限を引き上げると発表した。\n"
        "日本の商社も参入を検討している。"
    )
    assert second.published == "2026-02-04"


def test_atom_feed() -> None:
    articles, problems = read(DATA / "atom.xml")
    assert problems == []
    assert [a.id for a in articles] == [f"tag:atom.example.jp,2026:entry-{n}" for n in (1, 2, 3)]
    assert [a.title for a in articles] == [
        "日印、半導体供給網で作業部会",  # type="html" title: markup removed
        "EU、対ロシア制裁の対象を拡大",
        "G20財務相会合が閉幕",
    ]
    assert [a.published for a in articles] == ["2026-02-05", "2026-02-03", "2026-02-02"]
    assert articles[0].text.splitlines() == [
        "日本とインドの両政府は4日、ニューデリーで半導体の供給網に関する作業部会の初会合を開いた。",
        "人材交流",
        "共同投資",
    ]
    assert articles[1].text == (
        "欧州連合(EU)は3日、ロシアへの制裁の対象に第三国の企業を加えると決めた。\n軍事転用できる部品の迂回輸出を防ぐ。"
    )
    assert articles[2].text.startswith("G20財務相・中央銀行総裁会議は2日")
    assert articles[0].url == "https://atom.example.jp/entry/1" and articles[2].url is None
    assert {a.source for a in articles} == {"アトム国際ニュース"}
    assert not any("<" in a.text or "&lt;" in a.text for a in articles)


def test_broken_feed_is_a_problem_and_reading_goes_on() -> None:
    articles, problems = read(DATA / "broken.xml", DATA / "atom.xml")
    assert len(problems) == 1 and problems[0].where == str(DATA / "broken.xml")
    assert "feed" in problems[0].message
    assert len(articles) == 3


def test_feed_declaring_shift_jis(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0" encoding="Shift_JIS"?>\n<rss version="2.0"><channel><title>地方紙</title>'
        "<item><guid>s-1</guid><title>県が補助</title><description>県は5日、工場の新設を補助すると決めた。"
        "</description></item></channel></rss>"
    )
    path = tmp_path / "sjis.rss"
    path.write_bytes(xml.encode("cp932"))
    articles, problems = read(path)
    assert problems == []
    assert (articles[0].source, articles[0].title) == ("地方紙", "県が補助")
    assert articles[0].text == "県は5日、工場の新設を補助すると決めた。"


# --- HTML pages -------------------------------------------------------------------------------


def test_saved_html_page() -> None:
    path = DATA / "page.html"
    articles, problems = read(path)
    assert problems == []
    (page,) = articles
    assert page.title == "蓄電池材料で日豪が協力文書に署名"
    assert page.url == page.id == "https://news.example.jp/economy/2026/02/battery-materials"
    assert page.published == page.reference_date == "2026-02-05"
    assert page.source == "東西経済ニュース"
    assert page.text.startswith("日本とオーストラリアの両政府は5日、蓄電池に使うリチウムやニッケル")
    assert "署名式は東京都内で開かれ" in page.text
    assert page.text.endswith("国際協力銀行を通じた融資も視野に入れる。")
    for furniture in (
        "ログイン",
        "トップ",
        "ホーム",
        "関連記事",
        "半導体工場の誘致競争",
        "広告",
        "初月無料",
        "プライバシーポリシー",
        "お問い合わせ",
        "Copyright",
        "dataLayer",
    ):
        assert furniture not in page.text, furniture


def test_html_page_in_shift_jis(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        "<title>地方版</title></head><body><nav>ホーム 地域</nav><article>"
        "<p>県は12日、半導体工場の誘致に向けて用地の造成費を補助する方針を明らかにした。</p>"
        "<p>知事は記者会見で、海外企業との交渉を年内にまとめたいと述べた。</p></article></body></html>"
    )
    path = tmp_path / "local.htm"
    path.write_bytes(page.encode("cp932"))
    (article,), problems = read(path)
    assert problems == []
    assert article.text.startswith("県は12日、半導体工場の誘致") and "ホーム" not in article.text


def test_xhtml_page_with_a_menu_in_a_div(tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<title>短い記事</title></head><body><div id="menu"><a href="/">ホーム</a></div><div class="content">'
        "<p>県は12日、半導体工場の誘致に向けて用地の造成費を補助する方針を明らかにした。</p>"
        "<p>知事は記者会見で、海外企業との交渉を年内にまとめたいと述べた。</p><p>（共同）</p></div></body></html>"
    )
    path = tmp_path / "short.html"
    path.write_text(page, encoding="utf-8")
    (article,), _ = read(path)
    assert article.text.splitlines() == [
        "県は12日、半導体工場の誘致に向けて用地の造成費を補助する方針を明らかにした。",
        "知事は記者会見で、海外企業との交渉を年内にまとめたいと述べた。",
        "（共同）",
    ]
    assert article.title == "短い記事"


def test_html_page_without_an_article(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>x()</script></body></html>", "utf-8")
    assert read(path) == ([], [Problem(str(path), "no article text found in the page")])


# --- detection, fmt, problems -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("listing.txt", "listing"),
        ("listing_own_lead.txt", "listing"),
        ("article.txt", "text"),
        ("texts/a_titled.txt", "text"),
        ("texts/b_untitled.txt", "text"),
        ("articles.jsonl", "jsonl"),
        ("rss.xml", "feed"),
        ("atom.xml", "feed"),
        ("broken.xml", "feed"),
        ("page.html", "html"),
        ("table.csv", None),
    ],
)
def test_detect_fixture(name: str, expected: str | None) -> None:
    assert detect(DATA / name) == expected


ARTICLE = "政府は2日、閣議で決定した。"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("feed.txt", '<?xml version="1.0"?>\n<!-- saved --><rss version="2.0"><channel/></rss>', "feed"),
        ("news.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "feed"),
        ("news", "<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("page.htm", "<!DOCTYPE html><html><body><p>本文</p></body></html>", "html"),
        ("page.xml", "<html><body><p>本文</p></body></html>", "html"),
        (
            "xhtml.xml",
            '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            "html",
        ),
        ("feed.ndjson", '{"text": "本文"}', "jsonl"),
        ("three.txt", f"見出し\n{ARTICLE}\n{ARTICLE}続報。\n{ARTICLE}再掲。", "text"),
        ("mentions-list.txt", "見出し\n第1段落。\n経産省は品目の一覧を掲載した。\n第3段落。", "text"),
        ("two-lines.txt", f"見出し\n{ARTICLE}", "text"),
        ("sentence-first.txt", f"{ARTICLE}\n{ARTICLE}\n{BOILER}", "text"),
        ("notes.md", "# メモ", None),
    ],
)
def test_detect_content(tmp_path: Path, name: str, content: str, expected: str | None) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect(path) == expected


def test_fmt_overrides_detection(tmp_path: Path) -> None:
    listing = DATA / "listing.txt"
    articles, problems = read(listing, fmt="text")
    assert problems == [] and len(articles) == 1
    assert articles[0].title == lines_of(listing)[0]
    assert "本ページでは" in articles[0].text

    odd = tmp_path / "export.dat"
    odd.write_text('{"id": "x-1", "text": "本文。"}\n', encoding="utf-8")
    assert read(odd)[1][0].message.startswith("unknown kind of file")
    assert [a.id for a in read(odd, fmt="jsonl")[0]] == ["x-1"]

    assert read(DATA / "article.txt", fmt="listing")[1][0].message.startswith("not a listing page")


def test_unknown_fmt_is_an_error() -> None:
    assert "listing" in FORMATS and len(FORMATS) == 5
    with pytest.raises(InputError, match="unknown format"):
        list(read_inputs([SEED], fmt="csv"))


def test_problems_do_not_stop_reading(tmp_path: Path) -> None:
    empty = tmp_path / "blank.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    articles, problems = read(missing, empty, DATA / "table.csv", DATA / "article.txt")
    assert [(p.where, p.message.split(":")[0]) for p in problems] == [
        (str(missing), "no such file or folder"),
        (str(empty), "empty file"),
        (str(DATA / "table.csv"), "unknown kind of file"),
    ]
    assert [a.title for a in articles] == ["重要物資の在庫、半年で2割増"]


def test_a_single_path_string_is_one_path() -> None:
    assert len([x for x in read_inputs(str(SEED)) if isinstance(x, Article)]) == 20


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("日本".encode(), "日本"),
        ("日本".encode("utf-8-sig"), "日本"),
        (codecs.BOM_UTF16_LE + "日本".encode("utf-16-le"), "日本"),
        (codecs.BOM_UTF16_BE + "日本".encode("utf-16-be"), "日本"),
        ("日本".encode("utf-32"), "日本"),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_decode_failure_gives_the_offset() -> None:
    failure = decode("Café résumé naïve: déjà vu".encode("latin-1"))
    assert not isinstance(failure, str)
    assert failure.message.startswith("not UTF-8: byte 0xe9 at offset 3 cannot be decoded; it may be ")
    assert "iconv" in failure.message
    assert "offset 1" in decode(b"a\xff\xfe\xfd").message  # type: ignore[union-attr]
