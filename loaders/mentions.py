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
5. organization patterns for unseen bodies (ウクライナ国防省, 〜社, 〜機構, 〜委員会);
6. agreements: a noun compound headed by 協定, 覚書, 枠組み, 条約 ... with its modifiers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from geokg import vocab
from loaders.gazetteer import Gazetteer, Title
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

ORG_SUFFIX_KATA = re.compile(
    r"(?:社|グループ|ホールディングス|財団|銀行|証券|電機|自動車|重工|工業|化学|製薬|商事|物産|電力|"
    r"石油|鉱業|金属|製鉄|通信|航空|海運|新聞|大学|研究所|テクノロジーズ|インダストリーズ|インターナショナル|"
    r"リソーシズ|マイニング|エアロスペース|マテリアルズ|セミコンダクター|システムズ|エナジー|エレクトリック|"
    r"モーターズ|ケミカル|メタルズ|ミネラルズ)"
)
# a body of a state named after its country: インド重工業省, 米地質調査所, 韓国輸出入銀行, イラン革命防衛隊
GOV_BODY = re.compile(
    r"・?([一-龥ァ-ヺー]{0,9}?)(省|庁|局|公社|公庫|輸出入銀行|調査所|研究所|司令部|防衛隊|委員会|弁公室|大統領府|首相府)"
    r"(?![一-龥ァ-ヺ])"
)
GOV_BODY_AGENCY = {"公社", "公庫", "輸出入銀行", "調査所", "研究所"}
# first characters that make a name refer back (同社, 両国の協定, 本協定), not name anything
REFERRING_FIRST = "同各両本当"
# kanji company names with a corporate ending that no common noun takes (研究グループ would)
KANJI_COMPANY = re.compile(r"(?<![一-龥])[一-龥]{2,10}(?:ホールディングス|有限公司|公司)(?![一-龥ァ-ヺ])")
# Latin-script company names ending in a corporate word: Texas Instruments, NXP Semiconductors
LATIN_COMPANY = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][A-Za-z0-9&.'\-]*\s){0,3}[A-Z][A-Za-z0-9&.'\-]*\s"
    r"(?:Inc\.?|Corp\.?|Corporation|Technologies|Technology|Semiconductors?|Industries|Holdings|Group|"
    r"International|Resources|Mining|Materials|Minerals|Metals|Robotics|Energy|Electric|Systems|Aerospace|Motors|"
    r"Instruments|"
    r"Bank|plc|PLC|S\.A\.|N\.V\.|LLC|Ltd\.?|AG|SE|GmbH))(?![A-Za-z])"
)
ORG_SUFFIX_GOV = re.compile(
    r"(?:国防省|外務省|商務省|財務省|国務省|内務省|経済省|産業省|エネルギー省|沿岸警備隊|海警局|国家安全保障会議|"
    r"国家安全省|国家安全部|公安省|公安部|外交部|商務部|国防部|総領事館|大使館|領事館|中央銀行|議会|"
    r"国軍|海軍|陸軍|空軍|海兵隊|軍(?![事需備縮拡])|省|庁)"
)
NOT_ORG_PREFIX = set("同各両当本全他")
COMPANY_AFTER_KIND = re.compile(
    r"(?:大手|メーカー|企業|商社|新興|スタートアップ)(?:の)?「?([ァ-ヺ][ァ-ヺー・]{1,20}|[A-Z][A-Za-z0-9&]{1,20})」?"
    r"(?=[はがのをにとも、。(」]|$)"
)
MEDIA_NAME = re.compile(
    r"(?:紙|誌)「?([ァ-ヺ][ァ-ヺー・]{1,20})」?(?=[はがのをにとも、。(」]|$)"
    r"|(?<![ァ-ヺー・A-Za-z])([ァ-ヺ][ァ-ヺー・]{1,16}(?:タイムズ|ポスト|ジャーナル|ヘラルド|グローブ|トリビューン|"
    r"テレビジョン|テレビ|放送|通信|デイリー|インクワイアラー))(?![ァ-ヺー])"
    r"|(?<![一-龥])([一-龥]{2,4}(?:日報|時報))(?![一-龥])"
)
NOT_COMPANY = {
    "グループ", "メーカー", "トップ", "シェア", "ランキング", "プロジェクト",
    "サプライチェーン", "ビジネス", "メディア", "ファンド", "シンクタンク", "テック",
    "ドル", "ポンド", "ユーロ", "ウォン", "チーム", "ブランド",
    "ニュース", "サイト", "ネット", "テレビ", "ラジオ", "リスク",
    "エネルギー", "ガス", "インフラ", "データ", "ベンチャー", "スタートアップ",
    "ハイテク", "アナリスト", "コンサルティング", "ホワイトハウス",
}
# a kanji name (after a katakana one) with the head of an association, an institute or a bank:
# 米大豆協会, 韓国貿易協会, 中国建設銀行, キール世界経済研究所; a country named right before it belongs to the name
KANJI_BODY = re.compile(r"(?<![一-龥ァ-ヺー・])((?:[ァ-ヺ][ァ-ヺー・]{0,10})?[一-龥]{2,10})"
                        r"(協会|連盟|評議会|研究所|大学|銀行)(?![一-龥])")
KANJI_BODY_KIND = {"銀行": "company"}
# heads that a common word makes, not a name: 商業銀行, 大手銀行, 業界団体の協会
NOT_A_BODY = re.compile(r"^(?:商業|民間|大手|地方|投資|国有|政策|中央|主要|各|同|本|当|両|関連|業界|研究|一部|複数)")


def _kanji_bodies(text: str, gaz: Gazetteer, claims: _Claims, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    country_ends = {m.end: m for m in found if m.label == vocab.COUNTRY}
    for c in KANJI_BODY.finditer(text):
        s, e = c.span()
        while s < c.start(2) and not claims.free(s, e):
            s += 1  # ペルー|鉱業協会: the country's name is its own mention, and joins the name below
        if c.start(2) - s < 2 or not claims.free(s, e) or NOT_A_BODY.match(text[s : c.start(2)]):
            continue
        country = country_ends.get(s)
        start = country.start if country is not None else s
        name = text[start:e]
        key = gaz.org_by_name.get(name) or f"org:{name}"
        out.append(Mention(start, e, name, vocab.ORGANIZATION, key, name, kind=KANJI_BODY_KIND.get(c.group(2), "other"),
                           affiliation=country.key if country is not None else None))
        claims.take(s, e)
    # a state or province that acts: オンタリオ州政府, バイーア州議会, アルバータ州は
    for c in STATE_BODY.finditer(text):
        s, e = c.span(1)
        if claims.free(s, e):
            name = c.group(1)
            out.append(Mention(s, e, name, vocab.ORGANIZATION, gaz.org_by_name.get(name) or f"org:{name}", name,
                               kind="government"))
            claims.take(s, e)
    return out


STATE_BODY = re.compile(r"(?<![ァ-ヺー・一-龥])((?:[ァ-ヺ][ァ-ヺー・]{1,14}|[一-龥]{2,4})州(?:政府|議会)?)"
                        r"(?:(?<=政府)|(?<=議会)|(?=[はが]))")


# a name followed by its Latin-script name or acronym: マーデン(Maaden), 韓国航空宇宙産業(KAI);
# a kanji or mixed name counts when it ends in the head of a body (a term such as 液化天然ガス(LNG)
# does not), a katakana one when UniDic does not know it as a common noun or a place
NAME_BEFORE_LATIN = re.compile(r"([一-龥ァ-ヺー・]{2,16})\(([A-Z][A-Za-z0-9&.\- ]{1,40})\)")
# a Latin name of several words that a person or a programme could bear too (Jair Bolsonaro,
# Pax Silica) names a company only with a corporate word or an acronym in it
CORPORATE_WORD = re.compile(r"\b(?:[A-Z]{2,}|Inc|Corp|Corporation|Co|Ltd|Group|Holdings|Lithium|Mining|Minerals|"
                            r"Metals|Resources|Energy|Shipyard|Shipping|Aviation|Industries|Technologies|Bank)\b")
TITLE_PREFIX = re.compile(r"[前元副次新現]?(?:期)?")
BODY_HEAD = re.compile(
    r"(?:連盟|協会|研究所|調査所|公社|機構|連合|同盟|軍|産業|工業|局|庁|委員会|銀行|協議会|評議会|通訊|集団|"
    r"グループ|コーポレーション|コンソーシアム|公司|基金|センター)$"
)
BODY_HEAD_KIND = {"軍": "armed_group", "局": "agency", "庁": "agency", "研究所": "agency", "調査所": "agency",
                  "連盟": "other", "協会": "other", "同盟": "other", "連合": "igo", "協議会": "other",
                  "評議会": "other"}
# after a one-character country name (米, 独, 台): a katakana name of three or more, or a Latin one
PREFIXED_COMPANY = re.compile(
    r"[ァ-ヺ][ァ-ヺー・]{2,20}(?<!・)(?=[はがのをにとも、。(」や]|$)"
    r"|[A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,3}(?=[はがのをにとも、。(」や]|$)"
)


@dataclass(frozen=True)
class Mention:
    """One place the text names an entity. ``key`` identifies the entity in the article."""

    start: int
    end: int
    surface: str
    label: str
    key: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    kind: str | None = None
    alias: str | None = None  # a longer form (主要7カ国(G7), 重要鉱物の協力覚書)


class _Claims:
    """Which characters are already taken by a mention."""

    def __init__(self, n: int) -> None:
        self.taken = bytearray(n)

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def take(self, s: int, e: int) -> None:
        self.taken[s:e] = b"\x01" * (e - s)


class _TokenIndex:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]

    def ending_at(self, pos: int) -> int | None:
        i = bisect_left(self.ends, pos)
        return i if i < len(self.tokens) and self.ends[i] == pos else None

    def starting_at(self, pos: int) -> int | None:
        i = bisect_left(self.starts, pos)
        return i if i < len(self.tokens) and self.starts[i] == pos else None


def find_mentions(text: str, tokens: list[Token], gaz: Gazetteer) -> list[Mention]:
    """All entity mentions of a normalised text, sorted by position.

    >>> from loaders.gazetteer import load
    >>> from loaders.tokenizer import tokenize
    >>> t = "米国務長官ルビオと印外相ジャイシャンカルが会談"
    >>> [(m.surface, m.key) for m in find_mentions(t, tokenize(t), load())]
    [('米', 'USA'), ('ルビオ', 'ルビオ'), ('印', 'IND'), ('ジャイシャンカル', 'ジャイシャンカル')]
    """
    claims = _Claims(len(text))
    idx = _TokenIndex(tokens)
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
    for m in _org_pattern_mentions(text, idx, gaz, claims, out):
        add(m)
    out.sort(key=lambda m: m.start)
    return _anaphora(text, out, claims)


ANAPHOR = re.compile(r"同(社|国|氏|省|庁|機構|政府|首相|大統領|外相)")
ANAPHOR_LABEL = {"社": (vocab.ORGANIZATION, "company"), "国": (vocab.COUNTRY, None), "政府": (vocab.COUNTRY, None),
                 "氏": (vocab.PERSON, None), "首相": (vocab.PERSON, None), "大統領": (vocab.PERSON, None),
                 "外相": (vocab.PERSON, None), "省": (vocab.ORGANIZATION, "government"),
                 "庁": (vocab.ORGANIZATION, "agency"), "機構": (vocab.ORGANIZATION, None)}


def _anaphora(text: str, mentions: list[Mention], claims: _Claims) -> list[Mention]:
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
def _short_country_mentions(text: str, gaz: Gazetteer, claims: _Claims) -> list[Mention]:
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
def _government_mentions(text: str, claims: _Claims) -> list[Mention]:
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
    text: str, idx: _TokenIndex, gaz: Gazetteer, claims: _Claims, found: list[Mention]
) -> list[Mention]:
    by_end = {m.end: m for m in found}
    out: list[Mention] = []
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
        initials = "".join(x.name[0] for x in (*found, *out) if x.label == vocab.PERSON and x.end <= p
                           and len(x.name) >= 2 and _is_kanji(x.name[0]))
        name = _name_before(text, idx, p, claims, initials)
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


def _split_portfolio(text: str, idx: _TokenIndex, s: int, e: int,
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
    tail = [t for t in idx.tokens[j:] if t.end <= e] if j is not None else tokenize(text[cut + 1 : e])
    if tail and all(t.pos2 == "普通名詞" and not t.unknown for t in tail) and cut - s >= 2:
        return (s, cut), text[cut + 1 : e]
    return (s, e), ""


def _name_before(text: str, idx: _TokenIndex, p: int, claims: _Claims, initials: str = "") -> tuple[int, int] | None:
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
        if not (t.is_person_name and t.pos4 == "姓") and text[start] not in initials:
            return None
    return start, p


def _kana_name_before_portfolio(text: str, idx: _TokenIndex, p: int, claims: _Claims
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
    run = [t for t in idx.tokens[first:] if t.end <= start] if first is not None else []
    if not run or all(t.pos2 == "普通名詞" and not t.unknown for t in run):
        return None, ""  # エネルギー鉱山大臣: a word of the portfolio, not a name
    name, portfolio = _split_portfolio(text, idx, s, start, retokenize=True)
    return name, portfolio + text[start:p]


# single kanji that make a title's modifier, not a name (前首相, 新会長, 同社長, 両首脳)
NOT_NAME_KANJI = set("前元新現同両各副次初故駐全総本当計約旧諸該")


def _single_kanji_name_before(text: str, idx: _TokenIndex, p: int, claims: _Claims) -> tuple[int, int] | None:
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


def _name_after(text: str, idx: _TokenIndex, q: int, claims: _Claims) -> tuple[int, int] | None:
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


# --- 5. organization patterns ---------------------------------------------------------------
def _org_pattern_mentions(
    text: str, idx: _TokenIndex, gaz: Gazetteer, claims: _Claims, found: list[Mention]
) -> list[Mention]:
    out: list[Mention] = []
    # a country followed by a ministry: ウクライナ国防省, 中国商務省
    for m in found:
        if m.label != vocab.COUNTRY:
            continue
        g = ORG_SUFFIX_GOV.match(text, m.end)
        if g and g.group(0) not in ("省", "庁") and claims.free(g.start(), g.end()):
            surf = text[m.start : g.end()]
            key = gaz.org_by_name.get(surf) or f"org:{m.key}-{g.group(0)}"
            out.append(Mention(m.start, g.end(), surf, vocab.ORGANIZATION, key, surf, kind="government",
                               affiliation=m.key))
            claims.take(g.start(), g.end())
    # a body named after its country with a generic head: インド重工業省, 米地質調査所
    for m in found:
        if m.label != vocab.COUNTRY:
            continue
        g = GOV_BODY.match(text, m.end)
        genitive = g is None and text.startswith("の", m.end)
        if genitive:  # 韓国の防衛事業庁: a named body (more than its head) after the country's の
            g = GOV_BODY.match(text, m.end + 1)
            if g is not None and (len(g.group(1)) < 2 or g.group(0).startswith("・")):
                g = None
        if not g or not claims.free(g.start(), g.end()) or (not g.group(1) and g.group(2) in ("省", "庁", "局")):
            continue
        j = idx.starting_at(g.start(1))
        if j is not None and idx.tokens[j].pos3 == "地名":  # 中国山東省 is a province
            continue
        start = g.start() if genitive else m.start
        surf = text[start : g.end()]
        kind = "agency" if g.group(2) in GOV_BODY_AGENCY else "government"
        key = gaz.org_by_name.get(surf) or f"org:{surf}"
        out.append(Mention(start, g.end(), surf, vocab.ORGANIZATION, key, surf, kind=kind, affiliation=m.key))
        claims.take(g.start(), g.end())
    for c in LATIN_COMPANY.finditer(text):
        s, e = c.start(1), c.end(1)
        if claims.free(s, e):
            name = c.group(1)
            key = gaz.org_by_name.get(name) or f"org:{name}"
            out.append(Mention(s, e, name, vocab.ORGANIZATION, key, name, kind="company"))
            claims.take(s, e)
    # a kanji name with a corporate ending: 明治ホールディングス, 中華電視公司 (集団公司, 有限公司)
    for c in KANJI_COMPANY.finditer(text):
        s, e = c.span()
        if claims.free(s, e) and text[s] not in REFERRING_FIRST:
            key = gaz.org_by_name.get(c.group(0)) or f"org:{c.group(0)}"
            out.append(Mention(s, e, c.group(0), vocab.ORGANIZATION, key, c.group(0), kind="company"))
            claims.take(s, e)
    out += _kanji_bodies(text, gaz, claims, found)
    # a named group in quotes: ハッカー集団「X」, 武装組織「X」, 準軍事組織「X」
    for c in re.finditer(r"(集団|組織|勢力|部隊|団体|企業|会社)「([^」「]{2,24})」", text):
        s, e = c.start(2), c.end(2)
        name = re.sub(r"\(([^()]+)\)$", "", c.group(2))
        if claims.free(s, e):
            kind = "armed_group" if c.group(1) in ("組織", "勢力", "部隊") else ("company" if c.group(1) in (
                "企業", "会社") else "other")
            key = gaz.org_by_name.get(name) or f"org:{name}"
            out.append(Mention(s, e, c.group(2), vocab.ORGANIZATION, key, name, kind=kind))
            claims.take(s, e)
    # a company named right after what it is: 電機大手フィリップス, 半導体メーカー「ネクスペリア」
    for c in COMPANY_AFTER_KIND.finditer(text):
        s, e = c.start(1), c.end(1)
        if claims.free(s, e) and c.group(1) not in NOT_COMPANY:
            key = gaz.org_by_name.get(c.group(1)) or f"org:{c.group(1)}"
            out.append(Mention(s, e, c.group(1), vocab.ORGANIZATION, key, c.group(1), kind="company"))
            claims.take(s, e)
    # a company named after its country's one-character name: 米ロッキード・マーティン, 独Robert Bosch
    for m in found:
        if m.label != vocab.COUNTRY or len(m.surface) != 1:
            continue
        if m.start and text[m.start - 1] in gaz.country_by_short:
            continue  # 日加アクションプラン, 韓中ビジネスフォーラム: countries naming a joint thing
        pc = PREFIXED_COMPANY.match(text, m.end)
        if pc is None or pc.group(0) in NOT_COMPANY or not claims.free(pc.start(), pc.end()):
            continue
        j = idx.starting_at(pc.start())
        if j is not None and idx.tokens[j].pos3 == "地名" and idx.tokens[j].end >= pc.end() - 1:
            continue  # 米ニューヨーク, 仏パリ: a place
        name = pc.group(0)
        key = gaz.org_by_name.get(name) or f"org:{name}"
        out.append(Mention(pc.start(), pc.end(), name, vocab.ORGANIZATION, key, name, kind="company",
                           affiliation=m.key))
        claims.take(pc.start(), pc.end())
    # media named by what they are: 英紙フィナンシャル・タイムズ, ジャカルタ・グローブ, 自由時報
    for c in MEDIA_NAME.finditer(text):
        s, e = c.span(c.lastindex or 0)
        name = text[s:e]
        if claims.free(s, e) and name not in NOT_COMPANY:
            key = gaz.org_by_name.get(name) or f"org:{name}"
            out.append(Mention(s, e, name, vocab.ORGANIZATION, key, name, kind="media"))
            claims.take(s, e)
    # katakana / Latin names with a company suffix: アップル社, ラピダス社
    for c in re.finditer(r"(?<![ァ-ヺーA-Za-z])([ァ-ヺー・A-Za-z&]{2,})" + ORG_SUFFIX_KATA.pattern, text):
        s, e = c.start(), c.end()
        if claims.free(s, e) and c.group(1)[0] not in NOT_ORG_PREFIX:
            surf = c.group(0)
            out.append(Mention(s, e, surf, vocab.ORGANIZATION, f"org:{surf}", surf, kind="company"))
            claims.take(s, e)
    out += _named_before_latin(text, idx, gaz, claims)
    # サロニック・テクノロジーズ(Saronic Technologies): the name in brackets is the same company
    ends = {m.end: m for m in (*found, *out) if m.label == vocab.ORGANIZATION}
    for i, m in enumerate(out):
        before = ends.get(m.start - 1)
        if before is not None and before is not m and text[m.start - 1] == "(" and m.key.startswith("org:"):
            out[i] = replace(m, key=before.key, name=before.name, kind=before.kind, alias=m.surface)
    return out


def _named_before_latin(text: str, idx: _TokenIndex, gaz: Gazetteer, claims: _Claims) -> list[Mention]:
    """Bodies named before their Latin-script name or acronym: 韓国航空宇宙産業(KAI) by the head
    of a body its name ends in, マーデン(Maaden) as a katakana word UniDic does not know."""
    out: list[Mention] = []
    for c in NAME_BEFORE_LATIN.finditer(text):
        s, e = c.span(1)
        while s < e and not claims.free(s, e):
            s += 1  # 韓国|航空宇宙産業(KAI): what a country's name already took stays its own
        head = BODY_HEAD.search(text[s:e])
        if head is None:
            kana = re.search(r"[ァ-ヺー・]+$", text[s:e])  # 銅会社|ズバロテク(Zubarotek)
            if kana is None or s > c.start(1):
                continue  # パナソニック|ホールディングス(HD): the rest of a name already taken
            s += kana.start()
        name = text[s:e].strip("・")
        if len(name) < 2 or name[0] in NOT_ORG_PREFIX or name in NOT_COMPANY:
            continue
        prefix = TITLE_PREFIX.match(text, c.end())
        if gaz.titles_re.match(text, c.end() + (len(prefix.group(0)) if prefix else 0)):
            continue  # ボルソナロ(Jair Bolsonaro)前大統領
        if head is not None and head.group(0) == name:
            continue
        if head is None:
            if " " in c.group(2) and not CORPORATE_WORD.search(c.group(2)):
                continue  # Jair Bolsonaro, Pax Silica: a person's or a programme's name could be so
            first = idx.starting_at(s)
            run = [t for t in idx.tokens[first:] if t.end <= e] if first is not None else []
            if (len(name) < 3 or not run or any(t.is_person_name for t in run)
                    or all((t.pos2 == "普通名詞" and not t.unknown) or t.pos3 == "地名" for t in run)):
                continue
        kind = BODY_HEAD_KIND.get(head.group(0), "company") if head else "company"
        key = gaz.org_by_name.get(name) or f"org:{name}"
        out.append(Mention(s, e, name, vocab.ORGANIZATION, key, name, kind=kind))
        claims.take(s, e)
    return out


# --- 6. agreements --------------------------------------------------------------------------
def _agreement_mentions(text: str, idx: _TokenIndex, claims: _Claims) -> list[Mention]:
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


def _agreement_modifiers(text: str, s: int, idx: _TokenIndex) -> str | None:
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

