"""Organizations named by pattern, for bodies no gazetteer lists: a country's ministry or body
(ウクライナ国防省, 米地質調査所), companies by their corporate ending (明治ホールディングス,
Texas Instruments, アップル社) or by what they are (電機大手フィリップス), media (英紙X), a name
before its Latin name or acronym (マーデン(Maaden)), associations, institutes and banks
(米大豆協会), states and provinces that act (オンタリオ州政府).
"""

from __future__ import annotations

import re
from dataclasses import replace

from geokg import vocab
from loaders.gazetteer import Gazetteer
from loaders.spans import REFERRING_FIRST, Claims, Mention, TokenIndex

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


def _kanji_bodies(text: str, gaz: Gazetteer, claims: Claims, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    country_ends = {m.end: m for m in found if m.label == vocab.COUNTRY}
    for c in KANJI_BODY.finditer(text):
        e = c.end()
        s = claims.free_from(c.start(), e)  # ペルー|鉱業協会: the country's name is its own mention, joined below
        if c.start(2) - s < 2 or NOT_A_BODY.match(text[s : c.start(2)]):
            continue
        country = country_ends.get(s)
        start = country.start if country is not None else s
        name = text[start:e]
        key = gaz.org_by_name.get(name) or f"org:{name}"
        out.append(Mention(start, e, name, vocab.ORGANIZATION, key, name, kind=KANJI_BODY_KIND.get(c.group(2), "other"),
                           affiliation=country.key if country is not None else None))
        claims.take(s, e)
    return out


# a state or province that acts: オンタリオ州政府, バイーア州議会, アルバータ州は (テキサス州に is a place)
STATE_BODY = re.compile(r"(?<![ァ-ヺー・一-龥])((?:[ァ-ヺ][ァ-ヺー・]{1,14}|[一-龥]{2,4})州(?:政府|議会)?)"
                        r"(?:(?<=政府)|(?<=議会)|(?=[はが]))")


def _state_bodies(text: str, gaz: Gazetteer, claims: Claims) -> list[Mention]:
    out: list[Mention] = []
    for c in STATE_BODY.finditer(text):
        s, e = c.span(1)
        if claims.free(s, e):
            name = c.group(1)
            out.append(Mention(s, e, name, vocab.ORGANIZATION, gaz.org_by_name.get(name) or f"org:{name}", name,
                               kind="government"))
            claims.take(s, e)
    return out


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


def org_pattern_mentions(
    text: str, idx: TokenIndex, gaz: Gazetteer, claims: Claims, found: list[Mention]
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
    out += _state_bodies(text, gaz, claims)
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


def _named_before_latin(text: str, idx: TokenIndex, gaz: Gazetteer, claims: Claims) -> list[Mention]:
    """Bodies named before their Latin-script name or acronym: 韓国航空宇宙産業(KAI) by the head
    of a body its name ends in, マーデン(Maaden) as a katakana word UniDic does not know."""
    out: list[Mention] = []
    for c in NAME_BEFORE_LATIN.finditer(text):
        e = c.end(1)
        s = claims.free_from(c.start(1), e)  # 韓国|航空宇宙産業(KAI): what a country's name took stays its own
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
            run = idx.run(first, e) if first is not None else []
            if (len(name) < 3 or not run or any(t.is_person_name for t in run)
                    or all((t.pos2 == "普通名詞" and not t.unknown) or t.pos3 == "地名" for t in run)):
                continue
        kind = BODY_HEAD_KIND.get(head.group(0), "company") if head else "company"
        key = gaz.org_by_name.get(name) or f"org:{name}"
        out.append(Mention(s, e, name, vocab.ORGANIZATION, key, name, kind=kind))
        claims.take(s, e)
    return out
