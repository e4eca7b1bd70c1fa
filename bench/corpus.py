"""A generated corpus shaped like a few years of Japanese geopolitical news, for benchmarks.

    python bench/corpus.py 10000 -o /tmp/news-10k.jsonl [--seed 7]

Every article is a JSON Lines record (``id``, ``title``, ``published``, ``source``, ``url``,
``text``) that ``geokg extract`` and ``geokg load`` read as they are. What makes it news-like:

* actors drawn with Zipf-skewed frequency (a few countries, people and bodies in most news,
  a long tail seldom): countries and organizations from the gazetteers
  (``loaders/data/countries.tsv``, ``organizations.tsv``, ``persons.tsv``), plus generated
  people with a title and a country (``デュモン外相``, ``高橋健一経済産業相``) and generated
  companies based in a country (``ヴェルナ鉱業``);
* publication dates spread over three years, event dates written the ways news write them
  (``27日``, ``同日``, ``先月5日``, ``3月4日``, ``来月``, or none);
* 2-6 event sentences per article in varied shapes (a meeting, a phone call, a visit, a
  signing, requests, support, investment, export controls, criticism, fighting, reducing a
  dependence), with filler sentences between them.

The same ``(n, seed)`` gives the same bytes in every process and on every machine: one
``random.Random(seed)`` drives everything, and the gazetteers are read in file order.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "loaders" / "data"
START = date(2024, 1, 1)
DAYS = 3 * 365 + 1  # 2024-01-01 .. 2026-12-31

# The countries most often in Japanese news come first; the rest follow in the file's order.
HEAD_COUNTRIES = ("JPN", "USA", "CHN", "KOR", "RUS", "UKR", "IND", "AUS", "GBR", "FRA", "DEU", "TWN",
                  "PRK", "ITA", "CAN", "PHL", "VNM", "IDN", "BRA", "ISR", "IRN", "TUR", "SAU", "THA")
KATAKANA_SYLLABLES = (*"アイウエオカキクケコサシスセソタテトナニヌネノハヒフヘホ",
                      *"マミムメモラリルレロバビブベボガギグゲゴダデドパピペポ",
                      "ヴァ", "ティ", "ディ", "ファ", "フィ")
KATAKANA_TAILS = ("ン", "ル", "ス", "ト", "ク", "ー", "ド", "フ", "")
JA_SURNAMES = ("高橋", "佐藤", "鈴木", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "松本",
               "井上", "木村", "清水", "山崎", "森田", "池田", "橋本", "石川", "前田", "藤田", "岡田", "後藤", "長谷川")
JA_GIVEN = ("健一", "大輔", "直樹", "浩二", "誠", "博之", "洋子", "恵子", "裕子", "隆", "修", "剛", "明美", "和也",
            "智子", "正樹", "真理子", "拓也", "美穂", "雅彦")
TITLES = ("外相", "首相", "大統領", "国防相", "財務相", "経済相", "貿易相", "エネルギー相", "産業相", "商務相")
JA_TITLES = ("外相", "経済産業相", "防衛相", "財務相", "官房長官")
COMPANY_SUFFIXES = ("鉱業", "電機", "商事", "自動車", "化学", "重工", "金属", "製鉄", "通信", "エナジー")
TOPICS = ("重要鉱物", "レアアース", "半導体", "エネルギー", "液化天然ガス", "防衛装備品", "サプライチェーン",
          "原子力", "蓄電池", "人工知能", "海洋安全保障", "食料安全保障", "通商", "インフラ投資", "宇宙開発")
PLACES = ("東京", "ワシントン", "北京", "ニューデリー", "ロンドン", "パリ", "ベルリン", "ソウル", "ジャカルタ",
          "ローマ")
FILLERS = (
    "{topic}をめぐっては、各国が調達先の多角化を急いでいる。",
    "関係者によると、{topic}の分野での具体策は年内にまとめる見通しだ。",
    "専門家は{topic}の供給網の脆弱性を指摘している。",
    "市場では{topic}関連の株価が上昇した。",
    "会見では記者団からの質問が相次いだ。",
)
SOURCES = ("共同通信", "時事通信", "日本経済新聞", "NHK", "読売新聞", "朝日新聞", "毎日新聞", "産経新聞")


@dataclass(frozen=True)
class Actor:
    """Someone events can be about. ``text`` is how a sentence names it; ``home`` its country."""

    text: str
    kind: str  # country, person, org, company
    home: str  # ISO3 (for a country: itself; for a body of no one country: '')
    home_name: str = ""


class Zipf:
    """Draws items by Zipf rank: the k-th item with weight 1 / k**s."""

    def __init__(self, items: list[Actor], s: float) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (k ** s) for k in range(1, len(items) + 1)))

    def draw(self, rng: random.Random) -> Actor:
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def _tsv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Cast:
    """Everyone the generator writes about, each kind in Zipf order."""

    countries: Zipf
    people: Zipf
    orgs: Zipf
    companies: Zipf


def cast(rng: random.Random, people: int = 3000, companies: int = 1500) -> Cast:
    """Countries, organizations and well-known people of the gazetteers, and generated people
    and companies, each list in the order its Zipf draw ranks it."""
    rows = _tsv("countries.tsv")
    by_iso = {r["iso3"]: r for r in rows}
    order = [c for c in HEAD_COUNTRIES if c in by_iso] + [r["iso3"] for r in rows if r["iso3"] not in HEAD_COUNTRIES]
    countries = [Actor(by_iso[c]["name_ja"], "country", c, by_iso[c]["name_ja"]) for c in order]
    names = {c.home: c.text for c in countries}

    orgs = [Actor(r["name"], "org", r["country"], names.get(r["country"], "")) for r in _tsv("organizations.tsv")
            if r["kind"] in ("government", "igo", "company", "agency") and r["name"]]
    known = [Actor(r["name"] + r["role"], "person", r["affiliation"], names.get(r["affiliation"], ""))
             for r in _tsv("persons.tsv") if r["affiliation"] in names and r["role"]]

    generated: list[Actor] = []
    seen: set[str] = set()
    while len(generated) < people:
        home = countries[min(int(rng.paretovariate(1.0)) - 1, len(countries) - 1)]
        if home.home == "JPN":
            name = rng.choice(JA_SURNAMES) + rng.choice(JA_GIVEN)
            text = name + rng.choice(JA_TITLES)
        else:
            syllables = [rng.choice(KATAKANA_SYLLABLES) for _ in range(rng.randint(2, 4))]
            name = "".join(syllables) + rng.choice(KATAKANA_TAILS)
            text = f"{home.text}の{name}{rng.choice(TITLES)}"
        if name in seen or len(name) < 3:
            continue
        seen.add(name)
        generated.append(Actor(text, "person", home.home, home.text))
    firms: list[Actor] = []
    while len(firms) < companies:
        stem = "".join(rng.choice(KATAKANA_SYLLABLES) for _ in range(rng.randint(3, 4)))
        if stem in seen:
            continue
        seen.add(stem)
        home = countries[min(int(rng.paretovariate(1.2)) - 1, 30)]
        firms.append(Actor(stem + rng.choice(COMPANY_SUFFIXES), "company", home.home, home.text))
    return Cast(Zipf(countries, 1.1), Zipf(known + generated, 0.9), Zipf(orgs, 1.0), Zipf(firms, 0.8))


def _day_text(rng: random.Random, published: date) -> str:
    """How a sentence dates its event, the ways news write it (or not at all)."""
    roll = rng.random()
    if roll < 0.45:
        return f"{(published - timedelta(days=rng.randint(0, min(3, published.day - 1)))).day}日"
    if roll < 0.55:
        return "同日"
    if roll < 0.65:
        last = published.replace(day=1) - timedelta(days=1)
        return f"先月{rng.randint(1, last.day)}日"
    if roll < 0.75:
        d = published - timedelta(days=rng.randint(4, 40))
        return f"{d.month}月{d.day}日"
    if roll < 0.82:
        return "来月"
    return ""


def _pair(rng: random.Random, c: Cast, kinds: str = "cpo") -> tuple[Actor, Actor]:
    """Two different actors; countries most often, then people, then bodies."""
    def one() -> Actor:
        roll = rng.random()
        if roll < 0.55 or "p" not in kinds:
            return c.countries.draw(rng)
        if roll < 0.85:
            return c.people.draw(rng)
        return c.orgs.draw(rng) if "o" in kinds else c.countries.draw(rng)
    a = one()
    b = one()
    while b.text == a.text or (b.home and b.home == a.home):
        b = one()
    return a, b


def _when(day: str) -> str:
    return f"{day}、" if day and day != "来月" else ""


def _sentence(rng: random.Random, c: Cast, published: date) -> str:
    """One sentence with one or two events."""
    w = _when(_day_text(rng, published))
    topic = rng.choice(TOPICS)
    shape = rng.randrange(16)
    a, b = _pair(rng, c)
    if shape == 0:
        return f"{a.text}は{w}{b.text}と会談し、{topic}での協力を確認した。"
    if shape == 1:
        return f"{a.text}と{b.text}は{w}{rng.choice(PLACES)}で首脳会談を開いた。"
    if shape == 2:
        return f"{a.text}は{w}{b.text}と電話で会談した。"
    if shape == 3:
        return f"{a.text}と{b.text}は{w}{topic}分野の協力で合意した。"
    if shape == 4:
        return f"{a.text}と{b.text}は{w}{topic}に関する協定に署名した。"
    if shape == 5:
        return f"{a.text}は{w}{b.text}と{topic}で連携する方針を示した。"
    if shape == 6:
        return f"{a.text}は{w}{b.text}に{topic}の供給拡大を要請した。"
    if shape == 7:
        return f"{a.text}は{w}{b.text}に{topic}の新たな枠組みを提案した。"
    if shape == 8:
        a, b = _pair(rng, c, "c")
        return f"{a.text}は{w}{b.text}への{topic}支援を表明した。"
    if shape == 9:
        firm = c.companies.draw(rng)
        target = c.countries.draw(rng)
        while target.home == firm.home:
            target = c.countries.draw(rng)
        return f"{firm.home_name}の{firm.text}は{w}{target.text}に{topic}の新工場を建設すると発表した。"
    if shape == 10:
        a, b = _pair(rng, c, "c")
        return f"{a.text}は{w}{b.text}への{topic}の輸出規制を強化した。"
    if shape == 11:
        a, b = _pair(rng, c, "c")
        return f"{a.text}は{w}{b.text}からの輸入に追加関税を課すと発表した。"
    if shape == 12:
        return f"{a.text}は{w}{b.text}を強く非難した。"
    if shape == 13:
        a, b = _pair(rng, c, "c")
        return f"{a.text}は{w}{b.text}と国境地帯で交戦した。"
    if shape == 14:
        a = c.countries.draw(rng) if rng.random() < 0.7 else c.companies.draw(rng)
        target = c.countries.draw(rng)
        while target.home == a.home:
            target = c.countries.draw(rng)
        return f"{a.text}は{topic}の{target.text}への依存を減らす方針だ。"
    visitor = c.people.draw(rng)
    host = c.countries.draw(rng)
    while host.home == visitor.home:
        host = c.countries.draw(rng)
    return f"{visitor.text}は{w}{host.text}を訪問し、{b.text}と{topic}について協議した。"


def _title(rng: random.Random, c: Cast) -> str:
    a, b = _pair(rng, c, "c")
    return f"{a.text}と{b.text}、{rng.choice(TOPICS)}で連携へ"


def generate(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` article records, the same for the same ``(n, seed)``; ``generate(n)`` is a
    prefix of ``generate(m)`` for ``m > n``.

    >>> [r["id"] for r in generate(2)]
    ['gen-7-0000000', 'gen-7-0000001']
    """
    rng = random.Random(seed)
    c = cast(rng)
    for i in range(n):
        published = START + timedelta(days=rng.randrange(DAYS))
        sentences = []
        for _ in range(rng.randint(2, 6)):
            sentences.append(_sentence(rng, c, published))
            if rng.random() < 0.5:
                sentences.append(rng.choice(FILLERS).format(topic=rng.choice(TOPICS)))
        source = rng.choice(SOURCES)
        yield {
            "id": f"gen-{seed}-{i:07d}",
            "title": _title(rng, c),
            "published": published.isoformat(),
            "source": source,
            "url": f"https://news.example/{seed}/{i}",
            "text": "".join(sentences),
        }


def write(path: str | Path, n: int, seed: int = 7) -> int:
    """Write ``generate(n, seed)`` as JSON Lines; returns the number of articles."""
    out = sys.stdout if str(path) == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for rec in generate(n, seed):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("-o", "--output", default="-", help="JSON Lines file ('-': standard output)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    write(args.output, args.n, args.seed)


if __name__ == "__main__":
    main()
