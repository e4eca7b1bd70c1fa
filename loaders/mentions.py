"""Entity mentions: where the text names a country, person, organization or agreement.

UniDic alone tags 国名 well but not the foreign names of the news, so mentions come from,
in order of trust (an earlier step claims its characters, a later one works around them):

1. the gazetteers, in one regular-expression scan (countries, organizations, well-known people);
2. one-character country forms, only where a compound makes them unambiguous
   (日米, 米中, 対中, 訪印, 米国務省, トランプ米大統領, 米テネシー州);
3. 政府 standing alone (the home government: Japan's, or that of the country a foreign story is
   about, decided in ``loaders.extract``) and 政府軍 (the forces of the article's country);
4. titles (大統領, 財務相 ...) with the name glued before or after them, 〜氏, and UniDic's
   person-name tags (姓 + 名, foreign names);
5. organization patterns for unseen bodies (ウクライナ国防省, 〜社, 〜協会, X(ABC)), in
   ``loaders.org_names``;
6. agreements: a noun compound headed by 協定, 覚書, 枠組み, 条約 ... with its modifiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from geokg import vocab
from loaders.gazetteer import Gazetteer, Title
from loaders.org_names import org_pattern_mentions
from loaders.spans import REFERRING_FIRST, Claims, Mention, TokenIndex
from loaders.tokenizer import KATAKANA, Token, tokenize

KATA_RUN = re.compile(r"[ァ-ヺー・=]+$")
KATA_RUN_AHEAD = re.compile(r"[ァ-ヺー][ァ-ヺー・=]*")
PLACE_AFTER = re.compile(r"海峡|海(?![外軍運上兵洋])|沖|近海|太平洋|洋|州(?!連合)|半島|大陸|地方")
# a country name that starts a region or a state is not the country: インド太平洋, 米ジョージア州
PARTICLE_AFTER = re.compile(r"(?:は|が|も|に|の|を|と|で|へ|や|、|。|として|から|側|\(|「|$)")

# one-character forms that may stand before a katakana place or company name (米テネシー州)
SHORT_BEFORE_KATAKANA = set("米英仏独伊豪露韓印加")
# words a one-character country form may stand before (米政府, 印外相 is a title, 中国 is a name)
SHORT_SUFFIX = re.compile(
    r"政府|政権|軍|海軍|陸軍|空軍|海兵隊|企業|側|紙|当局|議会|首脳|財務|商務|国務|国防|外務|通商|経済|市場|株|大使|"
    r"東部|西部|南部|北部|中部|製|系|主導|産|連邦|両国|関係|同盟|間"
)
SHORT_PREFIX = set("対訪駐来離親反知滞在")
# a 日 after these is a day (27日, 同日, 毎日, 月曜日), not Japan
DAY_BEFORE = set("同前翌毎本当今昨明先月火水木金土休祝平〇一二三四五六七八九十")
# 中 after these is "during" (訪日中, 交渉中), not China
DURING_FOLLOWERS = set("のにでもはだ、。")
GOV_BEFORE_OK = re.compile(r"(?:^|[^一-龥々])$")

AGREEMENT_HEAD = re.compile(
    r"了解覚書|協力覚書|覚書|協定|条約|議定書|合意文書|合意書|共同声明|共同宣言|首脳宣言|閣僚宣言|成果文書|行動計画|"
    r"憲章|協約|取り決め|枠組み|EPA|FTA|意向表明書|意向書|契約書|契約|書簡|交換公文|ファクトシート|文書|合意|"
    r"宣言|パートナーシップ|共同コミュニケ|(?<![A-Za-z])(?:MOU|MoU|MOC)(?![A-Za-z])"
)
# heads that name a signed document only as the object of signing (原則宣言に署名; not 非常事態宣言を発令)
AGREEMENT_ONLY_SIGNED = {"宣言", "パートナーシップ"}
# the object of a signing verb is a document, bare (契約を締結) or not (政府間合意に調印)
SIGNING_AFTER = re.compile(r"^」?(?:を|に|も|が|へ|の)?(?:締結|署名|調印|結ん|結ぶ|結び|結ば|交わ|取り交わ)")
AGREEMENT_NEEDS_MODIFIER = {"枠組み", "協定", "覚書", "条約", "取り決め", "契約", "書簡", "文書", "合意", "契約書"}
# 合意 heads an agreement only after a noun that names its content or parties (貿易合意, 日米合意; not 10月合意),
# not after words that say how far agreeing went (大筋合意), nor before a verb (合意した)
AGREEMENT_NOT_BEFORE_GOUI = re.compile(r"(?:大筋|基本|正式|最終|原則|暫定|一致|事前|全会|口頭|再|間)$|^[月日年週]$")
AGREEMENT_VERB_AFTER = re.compile(r"^(?:し|する|さ|でき|に至|に達|を目指|へ|形成|事項|内容)")
AGREEMENT_CLAUSE_MODIFIER = re.compile(
    r"(?:新たな|新しい|包括的な|歴史的な|[一-龥]{1,4}(?:する|した|に関する|に向けた|をめぐる))$"
)

def find_mentions(text: str, tokens: list[Token], gaz: Gazetteer) -> list[Mention]:
    """All entity mentions of a normalised text, sorted by position.

    >>> from loaders.gazetteer import load
    >>> from loaders.tokenizer import tokenize
    >>> t = "米国務長官ルビオと印外相ジャイシャンカルが会談"
    >>> [(m.surface, m.key) for m in find_mentions(t, tokenize(t), load())]
    [('米', 'USA'), ('ルビオ', 'ルビオ'), ('印', 'IND'), ('ジャイシャンカル', 'ジャイシャンカル')]
    """
    claims = Claims(len(text))
    idx = TokenIndex(tokens)
    out: list[Mention] = []

    def add(m: Mention) -> None:
        claims.take(m.start, m.end)
        out.append(m)

    for m in _gazetteer_mentions(text, gaz):
        add(m)
    for m in _short_country_mentions(text, gaz, claims):
        add(m)
    for m in _government_mentions(text, claims):
        add(m)
    for m in _agreement_mentions(text, idx, claims):
        add(m)
    for m in _person_mentions(text, idx, gaz, claims, out):
        out.append(m)  # _person_mentions claims its own spans
    for m in org_pattern_mentions(text, idx, gaz, claims, out):
        add(m)
    out.sort(key=lambda m: m.start)
    return _anaphora(text, out, claims)


ANAPHOR = re.compile(r"同(社|国|氏|省|庁|機構|政府|首相|大統領|外相)")
ANAPHOR_LABEL = {"社": (vocab.ORGANIZATION, "company"), "国": (vocab.COUNTRY, None), "政府": (vocab.COUNTRY, None),
                 "氏": (vocab.PERSON, None), "首相": (vocab.PERSON, None), "大統領": (vocab.PERSON, None),
                 "外相": (vocab.PERSON, None), "省": (vocab.ORGANIZATION, "government"),
                 "庁": (vocab.ORGANIZATION, "agency"), "機構": (vocab.ORGANIZATION, None)}


def _anaphora(text: str, mentions: list[Mention], claims: Claims) -> list[Mention]:
    """同社, 同国, 同氏 ...: the last entity of that kind named before."""
    out = list(mentions)
    for m in ANAPHOR.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        label, kind = ANAPHOR_LABEL[m.group(1)]
        prior = [x for x in mentions if x.end <= m.start() and x.label == label and (kind is None or x.kind == kind)]
        # 米国が同国産の鉄鋼に: 同国 is not the subject of its own clause
        sentence_start = max(text.rfind("。", 0, m.start()), text.rfind("、", 0, m.start())) + 1
        not_subject = [x for x in prior if not (x.start >= sentence_start and text[x.end : x.end + 1] in "がは")]
        if prior:
            ref = (not_subject or prior)[-1]
            out.append(replace(ref, start=m.start(), end=m.end(), surface=m.group(0), alias=None))
    out.sort(key=lambda m: m.start)
    return out


AMOUNT_UNITS = frozenset("十百千万億兆")


# --- 1. gazetteer names ---------------------------------------------------------------------
def _gazetteer_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    pos = 0
    while True:
        m = gaz.names_re.search(text, pos)
        if m is None:
            break
        s, e, surf = m.start(), m.end(), m.group(0)
        pos = e
        if text.startswith("時間", e) or (surf in gaz.country_by_name and PLACE_AFTER.match(text, e)):
            continue  # 日本時間13日 is a time zone; 台湾海峡, 日本海 are places
        if surf in gaz.country_by_name and surf.endswith("国") and surf[:-1] in gaz.country_by_short:
            # 米国務長官, 米国防総省: the 国 belongs to the title or body that follows
            rest = text[e - 1 :]
            if gaz.titles_re.match(rest) or _starts_name(rest, gaz):
                iso = gaz.country_by_short[surf[:-1]]
                out.append(Mention(s, e - 1, surf[:-1], vocab.COUNTRY, iso, gaz.countries[iso].name_ja))
                pos = e - 1
                continue
        if surf in gaz.country_by_name:
            iso = gaz.country_by_name[surf]
            c = gaz.countries[iso]
            out.append(Mention(s, e, surf, vocab.COUNTRY, iso, c.name_ja))
        elif surf in gaz.org_by_name:
            title = gaz.titles_re.match(text, s)
            if title and title.end() > e:
                continue  # 欧州委員長 is a title, not 欧州委 and a stray 員長
            o = gaz.orgs[gaz.org_by_name[surf]]
            alias = None
            # 主要7カ国(G7): one mention of one organization
            paren = re.match(r"\(([^()]{1,12})\)", text[e:])
            if paren and gaz.org_by_name.get(paren.group(1)) == o.id:
                alias, e = text[s : e + paren.end()], e + paren.end()
            prev = out[-1] if out else None
            if (prev is not None and prev.end == s and prev.label == vocab.COUNTRY and o.country
                    and o.country != prev.key and o.kind == "government"):
                # ドイツ外務省: a bare ministry name is Japan's unless a country stands before it
                out.append(Mention(prev.start, e, text[prev.start : e], vocab.ORGANIZATION,
                                   f"org:{prev.key}-{surf}", text[prev.start : e], kind="government",
                                   affiliation=prev.key))
                continue
            out.append(Mention(s, e, text[s:e], vocab.ORGANIZATION, o.id, o.name, kind=o.kind,
                               affiliation=o.country, alias=alias))
            if o.country:
                out.extend(_country_prefix(surf, s, o.country, gaz))
        else:
            if s and (text[s - 1].isdigit() or text[s - 1] in AMOUNT_UNITS):
                continue  # 50兆ウォン: after an amount, the surname of a known person is a currency
            p = gaz.persons[surf]
            out.append(Mention(s, e, surf, vocab.PERSON, p.name, p.name, role=p.role,
                               affiliation=p.affiliation, alias=p.full if p.full != p.name else None))
    return out


def _starts_name(rest: str, gaz: Gazetteer) -> bool:
    m = gaz.names_re.match(rest)
    return m is not None and m.group(0) in gaz.org_by_name


def _country_prefix(surf: str, s: int, iso: str, gaz: Gazetteer) -> list[Mention]:
    """米国務省 and 中国商務省 mention their country too, by the prefix that names it."""
    c = gaz.countries.get(iso)
    if c is None:
        return []
    for form in sorted((*c.names, *c.short), key=len, reverse=True):
        if surf.startswith(form) and len(surf) > len(form):
            return [Mention(s, s + len(form), form, vocab.COUNTRY, iso, c.name_ja)]
    return []


# --- 2. one-character country forms -----------------------------------------------------------
def _short_country_mentions(text: str, gaz: Gazetteer, claims: Claims) -> list[Mention]:
    shorts = gaz.country_by_short
    singles = "".join(sorted(s for s in shorts if len(s) == 1))
    if not singles:
        return []
    multi = sorted((s for s in shorts if len(s) > 1), key=len, reverse=True)
    unit = "|".join([*map(re.escape, multi), f"[{re.escape(singles)}]"])
    out: list[Mention] = []
    for m in re.finditer(rf"(?:{unit})+", text):
        s, e = m.start(), m.end()
        parts = [(p.start(), p.end()) for p in re.finditer(unit, m.group(0))]
        parts = [(s + a, s + b) for a, b in parts]
        prev = text[s - 1] if s else ""
        # 訪日中の / 来日中に: a trailing 中 after a visit is "during"
        if (len(parts) > 1 and prev in SHORT_PREFIX and text[parts[-1][0] : parts[-1][1]] == "中"
                and text[e : e + 1] in DURING_FOLLOWERS):
            parts = parts[:-1]
            e = parts[-1][1]
        licensed_run = len(parts) >= 2
        licensed_prefix = prev in SHORT_PREFIX and (prev != "在" or s < 2 or not _is_kanji(text[s - 2]))
        follow = text[e:]
        first = text[parts[0][0] : parts[0][1]]
        licensed_suffix = bool(SHORT_SUFFIX.match(follow)) or bool(gaz.titles_re.match(follow)) or (
            len(parts) == 1 and first in SHORT_BEFORE_KATAKANA and bool(KATA_RUN_AHEAD.match(follow))
        )
        if first == "日" and prev and (prev.isdigit() or prev in DAY_BEFORE):
            continue  # a date, not Japan
        # ロ (Russia, 対ロ, 米ロ) is katakana: not inside a katakana word (米ロッキード, プロ)
        if KATA_RUN.match(text[parts[-1][0] : parts[-1][1]]) and KATA_RUN_AHEAD.match(follow):
            parts = parts[:-1]
            if not parts:
                continue
            e = parts[-1][1]
            follow = text[e:]
            licensed_run = len(parts) >= 2
            licensed_suffix = bool(SHORT_SUFFIX.match(follow)) or bool(gaz.titles_re.match(follow)) or (
                len(parts) == 1 and first in SHORT_BEFORE_KATAKANA and bool(KATA_RUN_AHEAD.match(follow)))
        if KATA_RUN.match(first) and prev and KATA_RUN.match(prev):
            continue
        # a short form of two characters or more stands alone before a particle (南アは, 南アに対する)
        alone = len(parts) == 1 and len(first) >= 2 and bool(PARTICLE_AFTER.match(follow))
        licensed_suffix = licensed_suffix or alone
        if not (licensed_run or licensed_prefix or licensed_suffix):
            continue
        if len(parts) == 1 and prev and _is_kanji(prev) and prev not in SHORT_PREFIX:
            continue  # inside a longer kanji word
        for a, b in parts:
            if not claims.free(a, b):
                continue
            iso = shorts[text[a:b]]
            out.append(Mention(a, b, text[a:b], vocab.COUNTRY, iso, gaz.countries[iso].name_ja))
    return out


def _is_kanji(ch: str) -> bool:
    return "一" <= ch <= "龥" or ch == "々"


# --- 3. 政府 ---------------------------------------------------------------------------------
def _government_mentions(text: str, claims: Claims) -> list[Mention]:
    out = []
    for m in re.finditer(r"政府(軍)?", text):
        s, e = m.start(), m.end()
        if not claims.free(s, e) or not GOV_BEFORE_OK.search(text[:s]):
            continue
        if s and not claims.free(s - 1, s):
            continue  # 米政府, 日本政府: the country before it is the mention
        if m.group(1):
            out.append(Mention(s, e, m.group(0), vocab.COUNTRY, "?forces", "政府軍"))
        elif PARTICLE_AFTER.match(text[e:]):
            out.append(Mention(s, e, "政府", vocab.COUNTRY, "?government", "日本"))
    return out


# --- 4. people ------------------------------------------------------------------------------
def _person_mentions(
    text: str, idx: TokenIndex, gaz: Gazetteer, claims: Claims, found: list[Mention]
) -> list[Mention]:
    by_end = {m.end: m for m in found}
    out: list[Mention] = []

    def begins_earlier_name(ch: str, p: int) -> bool:
        """Whether a person named before ``p`` by a full kanji name begins with ``ch`` (習近平 for
        習主席); asked only of a lone kanji before a title, so the scan stays rare."""
        return _is_kanji(ch) and any(x.label == vocab.PERSON and x.end <= p and len(x.name) >= 2
                                     and x.name[0] == ch for x in (*found, *out))

    for tm in _title_matches(text, gaz):
        ts, te, title = tm.start(), tm.end(), tm.group(0)
        if not claims.free(ts, te):
            continue
        info = gaz.titles.get(title) or Title(title, "minister", None)
        affiliation = info.affiliation
        p = ts
        before = by_end.get(p)
        if before is not None and before.label in (vocab.COUNTRY, vocab.ORGANIZATION):
            affiliation = before.key
            p = before.start
            before = by_end.get(p)
        charge = re.search(r"・[ァ-ヺー]+担当$|(?:[一-龥]+・)*[一-龥]{1,10}担当$", text[max(0, p - 14) : p])
        if before is None and charge:
            p -= len(charge.group(0))  # ゼユーディ貿易担当国務相: the portfolio sits between
            before = by_end.get(p)
        if before is not None and before.label == vocab.PERSON:
            # a known person (トランプ米大統領): the text's title and country win
            k = found.index(before)
            found[k] = replace(before, role=None if info.category == "honorific" else title,
                               affiliation=affiliation or before.affiliation)
            by_end[before.end] = found[k]
            continue
        name = _name_before(text, idx, p, claims, begins_earlier_name)
        if name is not None:
            name, portfolio = _split_portfolio(text, idx, *name)
            if portfolio:
                title = portfolio + title  # カイル・ビジネス貿易相: ビジネス belongs to the title
        elif before is None and info.category == "minister":
            name, portfolio = _kana_name_before_portfolio(text, idx, p, claims)
            title = portfolio + title  # ロペス鉱業大臣: 鉱業 is the portfolio, not a company's name
        if name is None:
            name = _name_after(text, idx, te, claims)
        if name is None:
            continue
        s, e = name
        surf = text[s:e]
        role = None if info.category == "honorific" else title
        if affiliation is None:
            affiliation = _genitive_affiliation(text, min(s, ts), found)
        out.append(Mention(s, e, surf, vocab.PERSON, surf, surf, role=role, affiliation=affiliation))
        claims.take(s, e)
    # UniDic person names with no title: 姓 + 名, or a foreign name (lemma ...-外国)
    i = 0
    toks = idx.tokens
    while i < len(toks):
        t = toks[i]
        if t.is_person_name and claims.free(t.start, t.end):
            j = i + 1
            while j < len(toks) and toks[j].is_person_name and toks[j].start == toks[j - 1].end:
                j += 1
            span = toks[i:j]
            surf = text[span[0].start : span[-1].end]
            full = any(x.pos4 == "姓" for x in span) and any(x.pos4 == "名" for x in span)
            foreign = any(x.lemma.endswith("-外国") for x in span) and span[0].char_type == KATAKANA
            place = text.startswith(PLACE_SUFFIXES, span[-1].end)  # アルバータ州: a place, not a person
            if (full or foreign) and not place and len(surf) >= 2 and claims.free(span[0].start, span[-1].end):
                out.append(Mention(span[0].start, span[-1].end, surf, vocab.PERSON, surf, surf))
                claims.take(span[0].start, span[-1].end)
            i = j
        else:
            i += 1
    return out


PLACE_SUFFIXES = ("州", "省", "市", "県", "島", "湾", "川")
GENERIC_MINISTER = re.compile(r"(?<![一-龥])[一-龥]{2,6}(?:相|大臣)(?![一-龥])")
NOT_MINISTER = {"様相", "真相", "世相", "首相官邸", "外相会談"}


def _title_matches(text: str, gaz: Gazetteer) -> list[re.Match[str]]:
    """Titles from the list, and any 〜相 / 〜大臣 portfolio it lacks (天然資源相, 貿易相)."""
    known = list(gaz.titles_re.finditer(text))
    spans = [(m.start(), m.end()) for m in known]
    extra = [m for m in GENERIC_MINISTER.finditer(text) if m.group(0) not in NOT_MINISTER
             and m.group(0) not in gaz.titles and not any(a < m.end() and m.start() < b for a, b in spans)]
    return sorted(known + extra, key=lambda m: m.start())


def _split_portfolio(text: str, idx: TokenIndex, s: int, e: int,
                     retokenize: bool = False) -> tuple[tuple[int, int] | None, str]:
    """A katakana run before a title may end in a common noun of the portfolio
    (カイル・ビジネス|貿易相, ホジソン・エネルギー|天然資源相): UniDic knows those words."""
    if "・" not in text[s:e]:
        return (s, e), ""
    cut = text.rfind("・", s, e)
    j = idx.starting_at(cut + 1)
    if j is None and not retokenize:
        return (s, e), ""
    # before a kanji portfolio (…・エネルギー移行大臣), UniDic may have read the dot into an
    # unknown word (リュナシェ・エネルギー): the tail is read alone then
    tail = idx.run(j, e) if j is not None else tokenize(text[cut + 1 : e])
    if tail and all(t.pos2 == "普通名詞" and not t.unknown for t in tail) and cut - s >= 2:
        return (s, cut), text[cut + 1 : e]
    return (s, e), ""


def _name_before(text: str, idx: TokenIndex, p: int, claims: Claims,
                 known_initial: Callable[[str, int], bool] | None = None) -> tuple[int, int] | None:
    m = KATA_RUN.search(text[max(0, p - 30) : p])
    if m:
        s = p - len(m.group(0))
        s += len(m.group(0)) - len(m.group(0).lstrip("・=ー"))
        if p - s >= 2 and claims.free(s, p):
            return s, p
        return None
    # kanji/hiragana names: up to two tokens tagged as names (or unknown / place-like proper nouns)
    j = idx.ending_at(p)
    if j is None:
        return None
    start = None
    k = j
    while k >= 0 and j - k < 2:
        t = idx.tokens[k]
        nameish = t.is_person_name or (t.pos2 == "固有名詞" and t.pos3 == "地名" and t.pos4 == "一般") or (
            t.unknown and _is_kanji(t.surface[0])
        )
        if not nameish or not claims.free(t.start, t.end):
            break
        start = t.start
        if t.pos4 == "姓":
            break
        k -= 1
    single = _single_kanji_name_before(text, idx, p, claims)
    if single is not None and (start is None or single[0] < start):
        return single
    if start is None:
        return None
    if p - start < 2:  # 林外相: a one-character surname only when UniDic says it is one,
        t = idx.tokens[j]  # or the article named a person by a full name it begins (習近平, 習主席)
        if not (t.is_person_name and t.pos4 == "姓") and not (known_initial and known_initial(text[start], p)):
            return None
    return start, p


def _kana_name_before_portfolio(text: str, idx: TokenIndex, p: int, claims: Claims
                                ) -> tuple[tuple[int, int] | None, str]:
    """A katakana name, then up to three common nouns of the portfolio, then 大臣 / 相 at
    ``p`` (ロペス鉱業大臣, マルティネス経済開発相): the name, and the portfolio."""
    j = idx.ending_at(p)
    if j is None:
        return None, ""
    k = j
    while k >= 0 and j - k < 3:
        t = idx.tokens[k]
        if t.pos2 != "普通名詞" or t.unknown or not all(_is_kanji(c) for c in t.surface):
            break
        k -= 1
    if k == j or k < 0:
        return None, ""
    start = idx.tokens[k + 1].start
    m = KATA_RUN.search(text[max(0, start - 30) : start])
    if not m or len(m.group(0).strip("・=ー")) < 2 or not claims.free(start - len(m.group(0)), start):
        return None, ""
    s = start - len(m.group(0))
    first = idx.starting_at(s)
    run = idx.run(first, start) if first is not None else []
    if not run or all(t.pos2 == "普通名詞" and not t.unknown for t in run):
        return None, ""  # エネルギー鉱山大臣: a word of the portfolio, not a name
    name, portfolio = _split_portfolio(text, idx, s, start, retokenize=True)
    return name, portfolio + text[start:p]


# single kanji that make a title's modifier, not a name (前首相, 新会長, 同社長, 両首脳)
NOT_NAME_KANJI = set("前元新現同両各副次初故駐全総本当計約旧諸該")


def _single_kanji_name_before(text: str, idx: TokenIndex, p: int, claims: Claims) -> tuple[int, int] | None:
    """A Chinese or Korean name UniDic splits into single characters (王伝福会長, 尹錫悦大統領):
    two or three one-kanji tokens right before the title, after a break (の, a mark, a name of
    a country or body, the start)."""
    j = idx.ending_at(p)
    if j is None:
        return None
    k = j
    while k >= 0 and j - k < 3:
        t = idx.tokens[k]
        if len(t.surface) != 1 or not _is_kanji(t.surface) or t.surface in NOT_NAME_KANJI:
            break
        k -= 1
    n = j - k
    if n < 2:
        return None
    start = idx.tokens[k + 1].start
    if start > 0 and text[start - 1].isdigit():
        return None  # 13日付: a date, not a name
    if k >= 0:
        prev = idx.tokens[k]
        if prev.end == start and _is_kanji(prev.surface[-1]) and claims.free(prev.start, prev.end):
            return None  # inside a longer kanji compound
    return (start, p) if claims.free(start, p) else None


def _name_after(text: str, idx: TokenIndex, q: int, claims: Claims) -> tuple[int, int] | None:
    m = KATA_RUN_AHEAD.match(text[q : q + 30])
    if m and len(m.group(0).rstrip("・=")) >= 2:
        e = q + len(m.group(0).rstrip("・="))
        return (q, e) if claims.free(q, e) else None
    j = idx.starting_at(q)
    if j is None:
        return None
    end: int | None = None
    k = j
    while k < len(idx.tokens) and k - j < 2 and idx.tokens[k].is_person_name:
        end = idx.tokens[k].end
        k += 1
    return (q, end) if end is not None and end - q >= 2 else None


def _genitive_affiliation(text: str, s: int, found: list[Mention]) -> str | None:
    """南アフリカのラマポーザ大統領 / EUの産業戦略担当セジュルネ: the country or body before の."""
    window = text[max(0, s - 15) : s]
    k = window.rfind("の")
    if k < 0:
        return None
    no_pos = s - len(window) + k
    if any(c in "、。は が" for c in text[no_pos + 1 : s]):
        return None
    for m in found:
        if m.end == no_pos and m.label in (vocab.COUNTRY, vocab.ORGANIZATION):
            return m.key
    return None


# --- 5. organization patterns: loaders.org_names


# --- 6. agreements --------------------------------------------------------------------------
def _agreement_mentions(text: str, idx: TokenIndex, claims: Claims) -> list[Mention]:
    out: list[Mention] = []
    for m in AGREEMENT_HEAD.finditer(text):
        hs, he, head = m.start(), m.end(), m.group(0)
        if not claims.free(hs, he):
            continue
        # the noun compound directly before the head
        s = hs
        j = idx.ending_at(hs)
        while j is not None and j >= 0:
            t = idx.tokens[j]
            suffixed = t.pos1 == "形状詞" and j + 1 < len(idx.tokens) and idx.tokens[j + 1].pos1 == "接尾辞"
            if (t.pos1 not in ("名詞", "接頭辞", "接尾辞") and not suffixed) or t.pos2 == "数詞" or t.surface == "・":
                break
            if t.pos1 == "名詞" and t.pos2 == "固有名詞" and t.pos3 == "地名":
                break
            if not claims.free(t.start, t.end):
                break
            s = t.start
            j -= 1
        # 2国間枠組み, 4カ国枠組み, 2次契約: the count belongs to the name
        if re.match(r"(?:国間|カ国|か国|ヵ国|ケ国|次)", text[s:hs]):
            while j is not None and j >= 0 and idx.tokens[j].pos2 == "数詞":
                s = idx.tokens[j].start
                j -= 1
        paren = re.match(r"\(([A-Za-z0-9]{2,8})\)", text[he:])
        # 覚書(MOU)に署名: what follows the abbreviation says whether it is signed
        after = he + (paren.end() if paren else 0)
        signed = bool(SIGNING_AFTER.match(text[after : after + 6]))
        if head in AGREEMENT_ONLY_SIGNED and (not signed or s == hs):
            continue
        if head == "合意" and not signed and (s == hs or AGREEMENT_NOT_BEFORE_GOUI.search(text[s:hs])
                                              or AGREEMENT_VERB_AFTER.match(text[he : he + 4])):
            continue
        if s == hs and head in AGREEMENT_NEEDS_MODIFIER:
            # 新たな枠組み, 協力する覚書, 供給に関する協定: an adjective or a clause modifies it;
            # a bare head stands only as what is signed (契約を締結)
            mod = AGREEMENT_CLAUSE_MODIFIER.search(text[max(0, hs - 12) : hs])
            if not mod and not signed:
                continue
            s = hs - len(mod.group(0)) if mod else s
        name = text[s:he]
        if name[0] in REFERRING_FIRST:
            continue
        alias = _agreement_modifiers(text, s, idx)
        e = he
        if paren:  # 経済連携協定(EPA): one agreement, the abbreviation an alias
            alias, e = alias or paren.group(1), he + paren.end()
        out.append(Mention(s, e, text[s:e], vocab.AGREEMENT, name, name, alias=alias))
        claims.take(s, e)
    return out


def _agreement_modifiers(text: str, s: int, idx: TokenIndex) -> str | None:
    """新たな協力枠組み, 重要鉱物の協力覚書: the modifier standing before the compound."""
    m = re.search(r"(?:新たな|新しい|包括的な|歴史的な)$", text[max(0, s - 6) : s])
    if m:
        return text[s - len(m.group(0)) : s] + _compound_at(text, s)
    if s and text[s - 1] == "の":
        j = idx.ending_at(s - 1)
        k = j - 1 if j is not None else None
        start = None
        while k is not None and k >= 0 and idx.tokens[k].pos1 in ("名詞", "接頭辞", "接尾辞", "形状詞"):
            start = idx.tokens[k].start
            k -= 1
        if start is not None and s - 1 - start <= 12:
            return text[start:s] + _compound_at(text, s)
    return None


def _compound_at(text: str, s: int) -> str:
    m = AGREEMENT_HEAD.search(text, s)
    return text[s : m.end()] if m else ""

