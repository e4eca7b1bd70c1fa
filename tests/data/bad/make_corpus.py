"""Write the bad-input corpus of tests/data/bad/ (issue 11.5). Run it to regenerate the files:

    .venv/bin/python tests/data/bad/make_corpus.py

Every file is written byte for byte from this script, so that encodings, BOMs, NULs and
broken bytes are exactly what the test expects. The two large inputs (a listing of 100,000
lines, a record with 10,000 entities) are made by ``large_listing`` and ``large_record`` at
test time instead of being kept in git. What each file holds and what must happen to it is
in README.md beside this script and in tests/test_bad_corpus.py.
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
EXTRACTED = HERE / "extracted"

# Short original stories, one per good record: each names two countries and an event.
STORIES = {
    "met": "日本とインドは5日、東京で首脳会談を開いた。",
    "met2": "米国と英国は6日、ロンドンで外相会談を開いた。",
    "met3": "韓国とオーストラリアは7日、キャンベラで国防相会談を開いた。",
    "met4": "フランスとドイツは8日、パリで首脳会談を開いた。",
    "met5": "ブラジルとチリは9日、サンティアゴで外相会談を開いた。",
    "met6": "カナダとメキシコは10日、オタワで首脳会談を開いた。",
    "met7": "ケニアとエチオピアは11日、ナイロビで外相会談を開いた。",
    "met8": "ベトナムとタイは12日、ハノイで首脳会談を開いた。",
}
SECOND_PARAGRAPH = "両首脳は重要鉱物の供給網について意見を交わし、次回の会談を年内に開くことで一致した。"


def record(rid: str, story: str, **extra: Any) -> dict[str, Any]:
    return {"id": rid, "published": "2026-02-13", "text": STORIES[story], **extra}


def line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def article_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    files["truncated.jsonl"] = jsonl(
        line(record("trunc-1", "met")),
        '{"id": "trunc-2", "title": "途中で切れた行", "text": "この行は閉じていな',
        line(record("trunc-3", "met2")),
    ) + b'{"id": "trunc-4", "text": "\\u30'  # the file ends inside an escape, without a newline
    files["invalid.jsonl"] = jsonl(
        '{"id": "inv-1", "text": "日本とインドが会談。",}',  # trailing comma
        "{'id': 'inv-2', 'text': '単一引用符'}",
        "text: 日本とインドが会談",
        '{"id": "inv-4", "text": "本文。", "n": ' + "7" * 5000 + "}",
        "[" * 100_000,
        '{"id": "inv-6", "text": "本文。", "score": NaN}',
        '{"id": "inv-7", "text": "制御\x01文字"}',  # a raw control character inside a string
        line(record("inv-8", "met3")),
    )
    files["wrong_types.jsonl"] = jsonl(
        '{"id": "wt-1", "text": 12345}',
        '{"id": "wt-2", "text": ["日本", "インド"]}',
        '{"id": "wt-3", "text": {"ja": "日本"}}',
        '{"id": "wt-4", "text": null}',
        '{"id": {"n": 1}, "text": "本文。"}',
        '{"id": true, "text": "本文。"}',
        '["wt-7", "日本とインドが会談。"]',
        '"wt-8: 日本とインドが会談。"',
        "null",
        line({**record("wt-10", "met4"), "title": 10, "published": 20260213, "source": ["a"], "url": False}),
    )
    files["no_text.jsonl"] = jsonl(
        '{"id": "nt-1", "title": "本文のない記事"}',
        '{"id": "nt-2", "text": ""}',
        '{"id": "nt-3", "text": " \\u3000\\n\\t "}',
        line({"id": "nt-4", "text": "。。。"}),  # text, but nothing in it: extracted, with no entities
    )
    rng = random.Random(11)
    files["binary.txt"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2000))
    files["sjis.txt"] = ("ブラジル、チリと外相会談\n" + STORIES["met5"] + "\n").encode("cp932")
    files["eucjp.txt"] = (STORIES["met6"] + "\n").encode("euc_jp")
    files["utf16le_nobom.txt"] = (STORIES["met7"] + "\n").encode("utf-16-le")
    files["utf16_bom.jsonl"] = codecs.BOM_UTF16_BE + jsonl(line(record("u16-1", "met8"))).decode().encode("utf-16-be")
    files["latin1.txt"] = "Grüße aus München: die schöne Straße am Fluß, über die Brücke.\n".encode("latin-1")
    files["cut_utf8.txt"] = (STORIES["met"] + STORIES["met2"]).encode("utf-8")[:-2]  # cut inside 。
    files["bom.jsonl"] = codecs.BOM_UTF8 + jsonl(line(record("bom-1", "met2")))
    files["bom_only.txt"] = codecs.BOM_UTF8
    files["empty.txt"] = b""
    files["blank.jsonl"] = b"\n \n\t\n"
    files["control.jsonl"] = jsonl(
        line(record("ctl-1", "met3", title="制御\u0000文字\u0001\u001b\u007f")),
        line({"id": "ctl-2", "published": "2026-02-13",
              "text": "ケニアとエチオピアは11日、\u0000ナイロビで外相会談\u200bを開いた。\u0085"}),
        '{"id": "ctl-3", "published": "2026-02-13", '
        '"text": "カナダと\u2028メキシコは10日、オタワで首脳会談を開いた。"}',
    )
    files["control.txt"] = ("制御文字\x0c入り\n" + STORIES["met4"].replace("、", "、\x01\x1b[31m") + "\x00\n").encode()
    files["surrogates.jsonl"] = jsonl(
        '{"id": "sur-1", "text": "日本\\ud800とインドが会談。"}',
        '{"id": "sur-2", "title": "\\udc00", "text": "日本とインドが会談。"}',
        '{"id": "sur-3", "text": "日本とインドが会談。", "tags": ["a", {"\\ud83d": 1}]}',
        line(record("sur-4", "met4", title="絵文字😀")).replace("絵文字😀", "絵文字\\ud83d\\ude00"),  # a valid pair
    )
    files["duplicate.jsonl"] = jsonl(
        line(record("dup-1", "met5")),
        line(record("dup-1", "met5")),  # the same article again: extracted once, silently
        line(record("dup-1", "met6")),  # a different text under the same id: skipped
    )
    files["scripts.html"] = (
        "<!DOCTYPE html><html><head><title>首脳会談</title>"
        "<script>document.write('<p>スクリプトが書いた偽の段落。米国と中国が首脳会談を開いた。</p>')</script>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "首脳会談"}</script>'
        "<style>p { color: red }</style></head>"
        '<body onload="alert(1)"><script>var x = "中国とロシアが会談";</script><nav>ホーム</nav><article>'
        "<p>" + STORIES["met"] + "</p><script>track('日本')</script>"
        "<p>" + SECOND_PARAGRAPH + "</p>"
        '<noscript><img src="x.gif"></noscript><iframe src="javascript:alert(1)"></iframe></article>'
        "<script>" + "var a = 1;" * 2000 + "</script></body></html>\n"
    ).encode("utf-8")
    files["scripts_only.html"] = (
        "<html><head><title>t</title></head><body>"
        + "<script>console.log('日本とインドは5日、東京で首脳会談を開いた。')</script>" * 50
        + "</body></html>\n"
    ).encode("utf-8")
    files["sjis_declared_utf8.html"] = (
        '<html><head><meta charset="utf-8"><title>t</title></head><body><p>' + STORIES["met"] + "</p></body></html>"
    ).encode("cp932")
    rss = '<rss version="2.0"><channel><title>地方紙</title>'
    files["feed_truncated.xml"] = (
        f'<?xml version="1.0"?>\n{rss}<item><guid>ft-1</guid><description>{STORIES["met6"]}</description></item>'
        f"<item><guid>ft-2</guid><description>{STORIES['met7']}</desc"
    ).encode()
    files["feed_garbage.rss"] = b"<rss version='2.0'>\x00\x01<<<>>>&&&</rss"
    files["feed_empty.xml"] = f'<?xml version="1.0"?>\n{rss}</channel></rss>\n'.encode()
    files["feed_laughs.xml"] = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY b "<b>x</b>">\n'
        '<!ENTITY lol "lollollollollollollollollollol">\n'
        + "".join(f'<!ENTITY lol{i} "' + f"&{'lol' if i == 1 else f'lol{i - 1}'};" * 10 + '">\n' for i in range(1, 8))
        + f"]>\n{rss}<item><guid>fl-1</guid><description>&lol5;</description></item></channel></rss>\n"
    ).encode()
    files["feed_xxe.xml"] = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f"{rss}<item><guid>fx-1</guid><description>&xxe;</description></item></channel></rss>\n"
    ).encode()
    files["feed_entry_without_text.xml"] = (
        f'<?xml version="1.0"?>\n{rss}<item><guid>fe-1</guid><title>見出しだけ</title></item>'
        f"<item><guid>fe-2</guid><description>{STORIES['met8']}</description></item></channel></rss>\n"
    ).encode()
    return files


def extracted_lines(good: list[dict[str, Any]]) -> bytes:
    """Records as `geokg load --extracted` reads them: the good ones and broken copies of them."""
    a, b = good
    ent = a["entities"][0]
    ev = a["events"][0]
    return jsonl(
        line(a),
        line(["a"]),
        line({**a, "article_id": "x-entities-null", "entities": None}),
        line({**a, "article_id": "x-events-null", "events": None}),
        line({**a, "article_id": "x-name-object", "entities": [{**ent, "name": {"ja": "日本"}}, *a["entities"][1:]]}),
        line({**a, "article_id": "x-label", "entities": [{**ent, "label": "Planet"}, *a["entities"][1:]]}),
        line({**a, "article_id": "x-type", "events": [{**ev, "type": "INVADED_MARS"}]}),
        line({**a, "article_id": "x-dangling", "events": [{**ev, "target": "ATA"}]}),
        line({**a, "article_id": "x-count", "entities": [{**ent, "count": "3"}, *a["entities"][1:]]}),
        line({**a, "article_id": "x-offset", "events": [{**ev, "start": "12"}]}),
        line({**a, "article_id": "x-aliases", "entities": [{**ent, "aliases": "日"}, *a["entities"][1:]]}),
        line({k: v for k, v in a.items() if k != "article_id"}),
        line({**a, "article_id": "x-no-text", "text": None}),
        '{"article_id": "x-truncated", "text": "日本と',
        line({**a, "article_id": "x-surrogate"}).replace("日本", "日本\\udfff", 1),
        line({**b, "text": b["text"] + "\u0000"}),  # a NUL in the text is stored as it is
        line(a),  # the first record again: stored once
    )


def main() -> None:
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    from loaders.extract import extract
    from loaders.models import Article

    ARTICLES.mkdir(exist_ok=True)
    EXTRACTED.mkdir(exist_ok=True)
    for name, data in article_files().items():
        (ARTICLES / name).write_bytes(data)
    good = [extract(Article(id=f"ex-{k}", text=STORIES[k], published="2026-02-13", reference_date="2026-02-13",
                            source="bad")).to_json() for k in ("met", "met2")]
    (EXTRACTED / "records.jsonl").write_bytes(extracted_lines(good))


def large_listing(path: Path, lines: int = 100_000) -> Path:
    """A listing of ``lines`` item lines: 20 stories over and over (one article each)."""
    items = [STORIES[k].replace("日、", f"日、第{n}回の") for n, k in enumerate(list(STORIES) * 3) if n < 20]
    body = ["会談の一覧", items[0], "本ページでは「会談」をテーマとした記事を一覧で掲載しています。"]
    body += [items[i % len(items)] for i in range(lines)]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


def large_record(path: Path, entities: int = 10_000) -> Path:
    """A JSON Lines article carrying 10,000 entities of its own (kept as metadata), and the
    extraction record of an article with 10,000 organizations (written by ``load --extracted``)."""
    rec = record("many-1", "met2", entities=[{"id": f"org:{n}", "name": f"組織{n}"} for n in range(entities)])
    path.write_text(line(rec) + "\n", encoding="utf-8")
    return path


def large_extraction(path: Path, entities: int = 10_000) -> Path:
    """The extraction record of an article naming 10,000 organizations, two a sentence, each
    pair meeting (5,000 events), as ``geokg load --extracted`` reads it."""
    sentences = [f"組織{n}と組織{n + 1}が会合を開いた。" for n in range(0, entities, 2)]
    starts = [sum(len(x) for x in sentences[:0])]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence))
    ents = [{"id": f"org:組織{n}", "label": "Organization", "name": f"組織{n}", "kind": "other", "country": None,
             "aliases": [], "surfaces": [f"組織{n}"], "count": 1} for n in range(entities)]
    evs = [{"type": "MET_WITH", "source": f"org:組織{2 * k}", "target": f"org:組織{2 * k + 1}", "date": "2026-02-13",
            "date_precision": "day", "date_inferred": False, "mode": "actual", "plover": "CONSULT",
            "trigger": "会合", "evidence": sentence, "start": start, "end": start + len(sentence)}
           for k, (sentence, start) in enumerate(zip(sentences, starts, strict=True))]
    rec = {"article_id": "many-extracted", "title": "", "published": "2026-02-13", "reference_date": "2026-02-13",
           "date_inferred": False, "source": "bad", "url": None, "text": "".join(sentences), "metadata": {},
           "entities": ents, "events": evs}
    path.write_text(line(rec) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
