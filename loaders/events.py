"""Events: typed edges between the entities of one article, read off Japanese case structure.

A sentence is cut into *phrases*, each ending at a particle (は, が, と, に, を, で, へ, も ...)
or a comma; の stays inside a phrase (日本の大手企業と is one phrase whose head is 日本).
A phrase's *head* is its most specific mention (person, then organization, then country)
together with whatever is coordinated with it (日本・韓国, 日米, AとB両首脳が).

Each trigger of ``triggers.tsv`` takes its arguments by its frame (``role``):

* the actor is the subject phrase (は/が/も) before it in the sentence, or the genitive
  before the trigger (茂木外相の訪印, 中国の輸出規制), or, in a sentence without any
  subject, the previous sentence's subject;
* the other party is found by particle: と for pairs, に for requests, を for objects,
  対X / Xへの / X支援 compounds, the Agreement for signing, a meeting's host for 参加.

A trigger that is the content of a request (協力を求める), negated or shelved (見送り), or
part of a name (協力覚書) is not an event. Dates: the nearest date expression in the same
clause, else the date last mentioned before the trigger (which is what 同日 means too).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from geokg import vocab
from loaders import dates as dates_mod
from loaders.credits import CREDIT
from loaders.dependence import REDUCING, dependence_targets
from loaders.gazetteer import Gazetteer, Trigger
from loaders.mentions import AGREEMENT_HEAD, Mention
from loaders.tokenizer import Token
from loaders.war import named_only, not_armed, war_parties

SENTENCE_END = re.compile(r"[。！？!?\n]")
CASE_PARTICLES = {"は", "が", "と", "に", "を", "で", "へ", "も", "から", "より"}
COORDINATORS = re.compile(r"^(?:・|、|や|および|及び|並びに|と)$")
QUOTATIVE_TO = re.compile(
    r"^(?:される|された|する|した|して|いう|いった|みられ|見られ|の見方|の認識|の考え|の立場|述べ|言|語|強調|説明|"
    r"主張|反論|批判|非難|指摘|表明|発表|明らか|訴え|話|判断|報じ|伝え|確認)"
)
NEGATED = re.compile(
    r"^[一-龥]{0,4}(?:を|の|は|も)?(?:当面|一旦|いったん|再び)?(?:見送|拒否|拒ん|否定|撤回|中止|断念|先送|凍結)"
    r"|^(?:し|でき|せ)(?:ない|なかった|ず)"
    r"|^で(?:いない|いなかった|おらず)"
)
PLANNED = re.compile(r"予定|見通し|見込み|方針|計画|検討|意向|目指|へ(?:$|。|、)|する(?:$|。)")
NOT_ADDRESS_NI = re.compile(r"向け|よる|よっ|関す|つい|おけ|おい")
NOT_OBJECT_WO = re.compile(r"めぐ|巡|通じ|通し|含|はじめ")
# what may stand between X and 依存: ロシア産への, 中国からの, 中国の, 対中 (none), 特定国の
# a plant or a base is an investment when it is being built or opened
BUILDING = re.compile(r"^(?:の|を)?(?:新設|建設|設立|開設|増設|整備|建て|設け|立ち上げ|着工|稼働|新た)")
FORMAL_NOUNS = {"予定", "方針", "見通し", "計画", "考え", "意向", "構え", "こと", "見込み", "ため", "もの", "必要",
                "狙い", "方向", "公算", "可能性"}
PASSIVE_RECEIVE = re.compile(r"^(?:を|も)?受け")

AGREEMENT_TARGETS = {vocab.SIGNED, vocab.PROPOSED}
WAR_NOUNS = {"侵攻", "侵略", "攻撃", "空爆"}
RELOCATION = {"移管", "移転", "生産移管", "生産移転"}
LABEL_RANK = {vocab.PERSON: 3, vocab.ORGANIZATION: 2, vocab.COUNTRY: 1, vocab.AGREEMENT: 0}


@dataclass
class Phrase:
    start: int
    end: int  # end of the phrase including its particle
    particle: str  # は, が, と, に, を, で, へ, も, の (only with と: との), 、, or ""
    mentions: list[Mention] = field(default_factory=list)
    quoted: bool = False
    clause: int = 0
    extra: str = ""  # に対し, に対する, への, との, として ...


@dataclass(frozen=True)
class RawEvent:
    type: str
    source: str
    target: str
    trigger: str
    start: int
    sentence: tuple[int, int]
    date: dates_mod.ResolvedDate | None
    mode: str


class _Starts:
    """Token start offsets of one token list, kept beside it so spans are found by bisection."""

    cache: ClassVar[dict[int, tuple[list[Token], list[int]]]] = {}


def _span(tokens: list[Token], start: int, end: int | None, limit: int | None = None) -> list[Token]:
    """The tokens starting in [start, end) (or the first ``limit`` from start), found by
    bisection: per-call scans of the whole token list made extraction quadratic in length."""
    key = id(tokens)
    hit = _Starts.cache.get(key)
    if hit is None or hit[0] is not tokens:
        _Starts.cache.clear()  # one article at a time
        hit = (tokens, [t.start for t in tokens])
        _Starts.cache[key] = hit
    starts = hit[1]
    i = bisect_left(starts, start)
    if end is None:
        return tokens[i : i + (limit or len(tokens))]
    return tokens[i : bisect_left(starts, end, i)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, each ending after its 。 (or at the end of the text)."""
    spans, s = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[s : m.end()].strip():
            spans.append((s, m.end()))
        s = m.end()
    if text[s:].strip():
        spans.append((s, len(text)))
    return spans


def _phrases(text: str, tokens: list[Token], mentions: list[Mention], s0: int, s1: int) -> list[Phrase]:
    toks = _span(tokens, s0, s1)
    out: list[Phrase] = []
    cur = s0
    clause = 0
    depth = 0
    for i, t in enumerate(toks):
        if t.surface in ("「", "『", "("):
            depth += 1
        elif t.surface in ("」", "』", ")"):
            depth = max(0, depth - 1)
        particle = ""
        if t.pos1 == "助詞" and t.surface in CASE_PARTICLES and t.pos2 in ("格助詞", "係助詞"):
            particle = t.surface
        elif t.surface == "、":
            particle = "、"
        if not particle:
            continue
        ph = Phrase(cur, t.end, particle, quoted=depth > 0, clause=clause)
        rest = text[t.end : t.end + 4]
        if particle == "に" and re.match(r"対し|対す", rest):
            ph.extra = "に対し"
        elif particle == "へ" and rest.startswith("の"):
            ph.extra = "への"
        elif particle == "と" and rest.startswith("の"):
            ph.extra = "との"
        elif particle == "と" and QUOTATIVE_TO.match(rest):
            ph.extra = "quote"
        elif (particle == "に" and NOT_ADDRESS_NI.match(rest)) or (particle == "を" and NOT_OBJECT_WO.match(rest)):
            ph.extra = "other"  # Xに向けた, Xによる, Xをめぐる, Xを通じ: not an addressee or object
        elif particle == "から" and re.match(r"の", rest):
            ph.extra = "からの"
        out.append(ph)
        cur = t.end
        # a comma after a verb, an auxiliary, a conjunctive particle or a verbal noun ends a clause
        if particle == "、" and i > 0:
            if _ends_clause(toks[i - 1]):
                clause += 1
        elif t.pos2 == "接続助詞":
            clause += 1
    if cur < s1:
        out.append(Phrase(cur, s1, "", clause=clause))
    # verbs in continuative form without a comma also end clauses (…を招き12日に…)
    for m in mentions:
        for ph in out:
            if ph.start <= m.start < ph.end:
                ph.mentions.append(m)
                break
    return out


def _head(ph: Phrase, text: str, upto: int | None = None) -> list[Mention]:
    """The head mention of a phrase and those coordinated with it."""
    ms = [m for m in ph.mentions if m.label != vocab.AGREEMENT and (upto is None or m.end <= upto)]
    if not ms:
        return []
    best = max(range(len(ms)), key=lambda i: (LABEL_RANK[ms[i].label], i))
    group = [ms[best]]
    # coordinated to the left: 日本・韓国, 日米, オランダや英国、イスラエル
    i = best
    while i > 0:
        gap = text[ms[i - 1].end : ms[i].start]
        coordinated = gap == "" or COORDINATORS.match(gap) or re.fullmatch(r"(?:など|ら)?[・、や]", gap)
        if coordinated and (ms[i - 1].label == ms[i].label or gap):
            group.insert(0, ms[i - 1])
            i -= 1
            continue
        break
    i = best
    while i + 1 < len(ms):
        gap = text[ms[i].end : ms[i + 1].start]
        if (gap == "" and ms[i + 1].label == ms[i].label) or COORDINATORS.match(gap):
            group.append(ms[i + 1])
            i += 1
            continue
        break
    return group


# what may stand between the items of a list besides the names: punctuation, and a title with
# the の that ties a person to a body (EUのコスタ大統領、フォンデアライエン欧州委員長と)
LIST_FILLER = re.compile(
    r"^(?:や|・|、|ら|など|及び|および|並びに|と|の|\s|[一-龥ァ-ヺー]{0,6}"
    r"(?:大統領|首相|外相|国防相|相|大臣|長官|委員長|議長|国王|主席|首脳|代表|氏))*$"
)
# buildings visited are venues, not parties (首相官邸を訪れ)
VENUE = re.compile(r"官邸|大統領府|宮殿|宮$|ホワイトハウス|本部$|庁舎")


def _list_prefix(phrases: list[Phrase], i: int, text: str) -> list[Mention]:
    """Mentions of the comma-separated list items right before phrase i (オランダや英国、…)."""
    out: list[Mention] = []
    j = i - 1
    while j >= 0 and phrases[j].particle == "、" and phrases[j].mentions:
        ph = phrases[j]
        rest = text[ph.start : ph.end]
        for m in sorted(ph.mentions, key=lambda m: -m.start):
            rest = rest[: m.start - ph.start] + rest[m.end - ph.start :]
        rest = CREDIT.sub("", rest)  # 【ワシントン共同】日本、米国…: a dateline is not part of the list
        if not LIST_FILLER.match(rest):
            break
        out = ph.mentions + out
        j -= 1
    return out


def _merge_coordinated_subjects(phrases: list[Phrase], text: str) -> None:
    """AとBが / AとB両首脳が / AとBに: a と-phrase joins the phrase after it when that one is
    a subject, or starts with a mention itself (coordination, not a partner)."""
    for i in range(len(phrases) - 1, 0, -1):
        a, b = phrases[i - 1], phrases[i]
        if a.particle != "と" or a.extra or not a.mentions:
            continue
        # a party and an agreement are not coordinated (インドと協定を結ぶ: India is the partner)
        same_kind = (b.mentions[0].label == vocab.AGREEMENT) == (a.mentions[-1].label == vocab.AGREEMENT) \
            if b.mentions else False
        starts_with_mention = same_kind and b.mentions[0].start == b.start
        # AとB、Cは: a list after the と-phrase that ends in the subject
        j = i
        while (j < len(phrases) - 1 and phrases[j].particle == "、" and phrases[j].mentions
               and phrases[j].mentions[0].start == phrases[j].start):
            j += 1
        listed = j > i and phrases[j].mentions and phrases[j].mentions[0].start == phrases[j].start \
            and phrases[j].particle.lstrip("+") in ("は", "が")
        if listed and starts_with_mention:
            a.particle = "+" + phrases[j].particle.lstrip("+")
        elif b.particle in ("は", "が", "も") or (starts_with_mention and b.particle in ("に", "を", "へ")):
            a.particle = "+" + b.particle
        elif starts_with_mention and re.match(r"^(?:の|[でにへ]$)", text[b.mentions[0].end : b.end]):
            a.extra = "coord"  # タイとカンボジアの国境で: two nouns joined, not a partner


def _group(phrases: list[Phrase], i: int, text: str, upto: int | None = None) -> list[Mention]:
    """Head of phrase i with what is coordinated with it, across と and list commas."""
    group = _head(phrases[i], text, upto)
    if not group and upto is None and i > 0:
        # 日本・オランダなど…を抱える同盟国に / 中国海警局による放水を: a noun whose modifier names it
        prev = phrases[i - 1]
        body = text[phrases[i].start : phrases[i].end]
        if prev.mentions and ((prev.particle == "を" and re.match(r"^[ぁ-ん一-龥]{1,4}る", body))
                              or (prev.particle == "に" and text.startswith("よる", prev.end))
                              or (prev.particle == "と" and not prev.extra and not phrases[i].mentions
                                  and re.match(r"^[ァ-ヺー一-龥・]+[にをへ]$", body))):
            group = _head(prev, text)
    if i > 0 and phrases[i - 1].particle.startswith("+"):
        group = _head(phrases[i - 1], text) + group
    elif group and phrases[i].mentions and group[0] is phrases[i].mentions[0]:
        listed = _list_prefix(phrases, i, text)
        group = listed + group
        j = i - 1
        while listed and j >= 0 and phrases[j].particle == "、" and phrases[j].mentions:
            j -= 1
        if listed and j >= 0 and phrases[j].particle.startswith("+"):
            group = _head(phrases[j], text) + group  # AとB、Cは: the と-phrase before the list
    return group


@dataclass
class _Context:
    text: str
    gaz: Gazetteer
    reference: date | None
    dates: list[dates_mod.DateMention]
    resolved: dict[int, dates_mod.ResolvedDate | None]
    tokens: list[Token] = field(default_factory=list)
    countries: dict[str, Mention] = field(default_factory=dict)  # iso3 -> a mention of it
    prev_subjects: list[Mention] = field(default_factory=list)
    last_pair: tuple[list[Mention], list[Mention]] | None = None
    first_event: tuple[list[Mention], list[Mention]] | None = None
    embedded: list[Mention] = field(default_factory=list)  # subjects of noun-modifying clauses
    requested: list[Mention] = field(default_factory=list)  # Xが…するよう: who is asked
    embedded_request: bool = False
    attributive: dict[int, tuple[dates_mod.ResolvedDate, int]] = field(default_factory=dict)
    hosts: list[tuple[list[Mention], dates_mod.ResolvedDate | None]] = field(default_factory=list)
    guests: list[Mention] = field(default_factory=list)
    met_partners: list[Mention] = field(default_factory=list)


Dater = Callable[[int, tuple[int, int], str], "dates_mod.ResolvedDate | None"]  # position, sentence, event type


@dataclass(frozen=True)
class Site:
    """A sentence as the frames saw it: its phrases, its triggers (with whether each was
    taken as an act) and the subjects in force. The candidate ranker reads these."""

    sentence: tuple[int, int]
    phrases: list[Phrase]
    triggers: list[tuple[re.Match[str], Trigger, bool]]
    subjects: list[Mention]
    carried: list[Mention]  # the subject carried over from an earlier sentence


def extract_events(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    gaz: Gazetteer,
    reference: date | None,
    sites: list[Site] | None = None,
    daters: list[Dater] | None = None,
) -> list[RawEvent]:
    """All events of a normalised text, given its mentions (already resolved to entity keys).
    ``sites``, when given, receives each sentence as the frames saw it, and ``daters`` the
    function that dates an act at a position as the frames do."""
    dm = dates_mod.find_dates(text)
    attributive: dict[int, tuple[dates_mod.ResolvedDate, int]] = {}
    ctx = _Context(text, gaz, reference, dm, _resolve_all(text, dm, reference, tokens, attributive), tokens=tokens,
                   attributive=attributive,
                   countries={m.key: m for m in mentions if m.label == vocab.COUNTRY})
    if daters is not None:
        daters.append(lambda pos, sentence, typ: _date_for(ctx, None, pos, sentence, typ))
    out: list[RawEvent] = []
    # triggers inside names are not acts (協議会, 協力機構), but the modifier of an agreement
    # may be one (協力する覚書に署名: they cooperate)
    blocked = [(m.start, m.end) if m.label != vocab.AGREEMENT else _agreement_head_span(m)
               for m in mentions if (m.label != vocab.COUNTRY or len(m.surface) > 1)
               and not (m.label == vocab.AGREEMENT and m.name.endswith("合意"))]
    mention_starts = [m.start for m in mentions]  # mentions come sorted by position
    for s0, s1 in split_sentences(text):
        in_sentence = mentions[bisect_left(mention_starts, s0) : bisect_left(mention_starts, s1)]
        phrases = _phrases(text, tokens, in_sentence, s0, s1)
        sentence_blocked = [(a, b) for a, b in blocked if a < s1 and b > s0]
        _merge_coordinated_subjects(phrases, text)
        ctx.met_partners = []
        subj_all = _sentence_subjects(phrases, text, tokens)
        _note_pairs(ctx, phrases)
        triggers = [
            m for m in ctx.gaz.triggers_re.finditer(text, s0, s1)
            if not any(a <= m.start() and m.end() <= b for a, b in sentence_blocked)
        ]
        trig_objs = [(m, gaz.trigger(m.group(0))) for m in triggers]
        taken = []
        for k, (m, trig) in enumerate(trig_objs):
            act = _is_event(text, m, trig, trig_objs[k + 1 :], phrases)
            taken.append((m, trig, act))
            if act:
                out.extend(_events_for(ctx, phrases, m, trig, (s0, s1)))
        if sites is not None:
            sites.append(Site((s0, s1), phrases, taken, list(subj_all or []), list(ctx.prev_subjects)))
        # an entity subject is carried over to following sentences without one
        if subj_all:
            ctx.prev_subjects = subj_all
    return out


def _agreement_head_span(m: Mention) -> tuple[int, int]:
    heads = list(AGREEMENT_HEAD.finditer(m.name))
    if not heads:
        return (m.start, m.end)
    start = m.start + heads[-1].start()
    return (start, m.end)


def _sentence_subjects(phrases: list[Phrase], text: str, tokens: list[Token]) -> list[Mention] | None:
    """Subjects of a sentence: None if it has no subject phrase at all."""
    found = None
    for i, ph in enumerate(phrases):
        if ph.quoted or ph.particle.lstrip("+") not in ("は", "が"):
            continue
        if ph.particle.startswith("+"):
            continue
        if ph.particle == "が" and _attributive(tokens, ph.end):
            continue  # ライナスがマレーシアで増強する設備: the subject of a noun-modifying clause
        return _group(phrases, i, text)
    return found


def _is_event(text: str, m: re.Match[str], trig: Trigger, later: list, phrases: list[Phrase]) -> bool:
    after = text[m.end() : m.end() + 12]
    if trig.role == "dependence":
        return True  # 依存しない: for dependence, the negation is the reduction
    if NEGATED.match(after):
        return False
    if trig.pattern == "一致" and not (text[m.start() - 1 : m.start()] == "で" or re.match(r"^し", after)):
        return False
    if trig.pattern in ("工場", "拠点") and not BUILDING.match(after):
        return False  # 中国の工場から, Xに拠点を置く: a place, not an investment
    if trig.pattern in ("協議", "会合") and after.startswith("会"):
        return False  # 協議会: a body, not talks
    if re.match(r"^(?:など|等)?の?(?:協定|覚書|枠組み|条約|分野|担当)", after):
        return False  # 資源協力などの協定, 協力分野: a modifier, not an act
    if trig.type == vocab.FOUGHT and not_armed(text, m.start(), m.end()):
        return False
    if trig.type == vocab.RESTRICTED and "関税" in trig.pattern and (
            TARIFF_NOT_RAISED.match(after) or text[m.start() - 1 : m.start()] == "無"):
        return False  # 関税の引き下げ, 関税交渉, 無関税: trade opened or talked about, not restricted
    if trig.pattern == "違反" and re.match(r"^(?:して|し、|すれば|が|を犯|に対する|すると)", after):
        return False  # 決議に違反して輸送, 違反があった: a rule broken, not someone judged for it
    if trig.type == vocab.CRITICIZED and REACTION_DRAWN.match(after):
        return False  # 反発を招く, 批判を浴びた: the subject draws the criticism, it does not voice it
    if trig.type == vocab.SIGNED and re.match(r"^(?:に向け|へ向け|を目指|交渉)", after):
        return False  # 協定締結に向けた議論: signing is the aim, not the act
    # the content of a request or proposal (協力強化を要請, 連携を求める) is not an event itself
    clause = _clause_of(phrases, m.start())
    for m2, t2 in later:
        if _clause_of(phrases, m2.start()) != clause:
            break
        if t2.type in (vocab.REQUESTED, vocab.PROPOSED) and trig.type not in (vocab.REQUESTED, vocab.PROPOSED):
            between = text[m.end() : m2.start()]
            if "は" not in between and "が" not in between:
                return False
    return True


def _clause_of(phrases: list[Phrase], pos: int) -> int:
    for ph in phrases:
        if ph.start <= pos < ph.end:
            return ph.clause
    return phrases[-1].clause if phrases else 0


def _phrase_at(phrases: list[Phrase], pos: int) -> int:
    for i, ph in enumerate(phrases):
        if ph.start <= pos < ph.end:
            return i
    return len(phrases) - 1


def _subjects_before(ctx: _Context, phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """The actor of the trigger at ``pos`` in phrase k. Subjects of embedded clauses met on
    the way are kept in ``ctx.embedded`` (they are often the other party)."""
    ctx.embedded, ctx.requested = [], []
    best: list[Mention] | None = None
    first_topic = next((i for i, p in enumerate(phrases) if p.particle.lstrip("+") in ("は", "が")), -1)
    # nearest subject phrase before (or at) the trigger; a は-topic reaches across clauses
    for i in range(k, -1, -1):
        ph = phrases[i]
        p = ph.particle.lstrip("+")
        if (ph.quoted and not phrases[k].quoted) or p not in ("は", "が", "も") or ph.particle.startswith("+"):
            continue
        if i == k:
            continue
        if p == "も" and not any(x.label != vocab.AGREEMENT for x in ph.mentions):
            continue
        if p == "は" and ctx.text[ph.start : ph.end].strip("、 ") == "は":
            continue  # 会合後には: a topicalised adverbial, not a subject
        if p == "が":
            ctx.embedded_request = False
            noun = _relative_subject(ctx, phrases, i, k)
            if noun is not None:
                group = _group(phrases, i, ctx.text)
                if 0 <= pos - noun <= 4 and group:
                    return group  # 米国が課している追加関税: the clause's subject acts
                (ctx.requested if ctx.embedded_request else ctx.embedded).extend(group)
                continue
        group = _group(phrases, i, ctx.text) or _anaphor_pair(ctx, ph)
        if i != first_topic and _quoted_before(phrases, i, k) and (p == "が" or not group):
            ctx.embedded.extend(group)
            continue  # …が急務だとの認識, 責任は…にあると反論: a subject inside reported speech
        best = group
        break
    if best is None:
        clause = phrases[k].clause
        later = [i for i in range(k + 1, len(phrases)) if phrases[i].particle.lstrip("+") in ("は", "が")
                 and not phrases[i].quoted and phrases[i].clause == clause]
        if later:
            # 1月13日の電話会談でAとBが…: the subject that follows in the same clause
            return _group(phrases, later[0], ctx.text) or _anaphor_pair(ctx, phrases[later[0]])
        return list(ctx.prev_subjects)
    return best


ANAPHOR_PAIR = re.compile(
    r"^(?:両|双方|2人|二人|両者)(?:氏|首脳|者|国|外相|相|首相|大統領|政府|国政府|代表|国軍|軍)?"
)
ANAPHOR_GROUP = re.compile(r"^(?:[2-9２-９二三四五六七八九]|1[0-9])(?:カ国|か国|ヵ国|ケ国)")


def _anaphor_pair(ctx: _Context, ph: Phrase) -> list[Mention]:
    """両氏は / 両首脳が / 両国は / 双方に: the two sides of the last meeting or agreement (or the
    last pair named together); 4カ国の防衛相は: the host and guests of the last meeting."""
    if ph.mentions:
        return []
    head = ctx.text[ph.start : ph.end].lstrip("、 ")
    if ANAPHOR_GROUP.match(head) and ctx.hosts:
        host, _ = ctx.hosts[-1]
        return [*host, *ctx.guests]
    if not ANAPHOR_PAIR.match(head) or ctx.last_pair is None:
        return []
    a, b = ctx.last_pair
    return [*a, *b]


def _agent(ctx: _Context, phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """ロシアによるウクライナ侵攻: Xによる right before a nominal trigger is its agent."""
    if k == 0:
        return []
    prev = phrases[k - 1]
    by = prev.particle == "に" and ctx.text.startswith("よる", prev.end) and prev.mentions
    if by and pos - prev.end <= 12 and "、" not in ctx.text[prev.end : pos]:
        return _head(prev, ctx.text)
    return []


def _quoted_before(phrases: list[Phrase], i: int, k: int) -> bool:
    return any(p.particle == "と" and p.extra in ("quote", "との") for p in phrases[i + 1 : k])


def _ends_clause(t: Token) -> bool:
    return t.pos1 in ("動詞", "助動詞") or t.pos2 in ("接続助詞", "サ変可能")


def _relative_subject(ctx: _Context, phrases: list[Phrase], i: int, k: int) -> int | None:
    """日本が強化した輸出管理, ロシアが握る濃縮ウラン, 日本企業が参画するよう: a が inside a
    clause that modifies a noun (or is the content of a request). Returns where the modified
    noun starts, or None when the が-phrase is a subject of the main clause."""
    ph = phrases[i]
    toks = _span(ctx.tokens, ph.end, phrases[k].end)
    prev: Token | None = None
    for a, b in itertools.pairwise(toks):
        if a.surface == "。" or (a.surface == "、" and (prev is None or prev.pos1 not in ("名詞", "接尾辞"))):
            return None  # a comma ends the clause, except after a time word (北朝鮮が同日朝、…)
        prev = a
        if a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞"):
            return b.start
        if a.pos1 in ("動詞", "助動詞") and b.surface in ("よう", "ように"):
            ctx.embedded_request = True
            return -1  # Xが…するよう要請: X is asked, it does not act
    return None


def _genitive(ctx: _Context, ph: Phrase, pos: int) -> list[Mention]:
    """Mentions before the trigger inside its own phrase (茂木外相の訪印, 中国の輸出規制)."""
    return _head(ph, ctx.text, upto=pos)


def _compound_before(ctx: _Context, ph: Phrase, pos: int) -> list[Mention]:
    """A mention glued to the trigger (ウクライナ支援, 対中依存, 中国依存, 対伊投資)."""
    text = ctx.text
    for m in reversed(ph.mentions):
        if m.end == pos or (m.end < pos and re.fullmatch(r"(?:からの|への|の)?(?:輸入|輸出)?", text[m.end : pos])
                            and m.end == pos):
            return [m]
        if m.end == pos - 1 and text[m.end] in "産":
            return [m]
    return []


def _after_particles(phrases: list[Phrase], k: int, kinds: tuple[str, ...], clause_only: bool = True) -> list[int]:
    """Phrases before phrase k (nearest first) ending in one of ``kinds``."""
    out = []
    for i in range(k - 1, -1, -1):
        ph = phrases[i]
        if clause_only and ph.clause != phrases[k].clause:
            break
        if ph.quoted and not phrases[k].quoted:
            continue
        tag = ph.extra or ph.particle
        if tag in kinds or (ph.particle in kinds and not ph.extra):
            out.append(i)
    return out


def _events_for(ctx: _Context, phrases: list[Phrase], m: re.Match[str], trig: Trigger,
                sentence: tuple[int, int]) -> list[RawEvent]:
    text = ctx.text
    pos = m.start()
    k = _phrase_at(phrases, pos)
    ph = phrases[k]
    role = trig.role
    actors: list[Mention] = []
    targets: list[Mention] = []
    pairs: list[tuple[Mention, Mention]] = []
    passive = bool(PASSIVE_RECEIVE.match(text[m.end() : m.end() + 4]))

    def heads(idxs: list[int]) -> list[Mention]:
        for i in idxs:  # the nearest such phrase that names someone
            if _inside_modifier(ctx, phrases, i, pos):
                continue  # 決議に違反する行為: inside a clause that modifies a noun
            g = _group(phrases, i, text) or _anaphor_pair(ctx, phrases[i])
            if g:
                return g
        return []

    def before(kinds: tuple[str, ...]) -> list[Mention]:
        """The nearest party marked so in the clause, else earlier in the sentence."""
        return heads(_after_particles(phrases, k, kinds)) or heads(_after_particles(phrases, k, kinds, False))

    if trig.type == vocab.FOUGHT and trig.pattern in WAR_NOUNS:
        in_sentence = [x for p2 in phrases for x in p2.mentions]
        sides = war_parties(text, in_sentence, pos, m.end())
        if sides is not None:
            attacker, attacked, nominal = sides
            return _make(ctx, trig, m, sentence, [attacker], [attacked], [], undated=nominal)
        if named_only(text, in_sentence, pos):
            return []
    subjects = _agent(ctx, phrases, k, pos) or _subjects_before(ctx, phrases, k, pos)
    _embedded_before(ctx, phrases, k, subjects)
    gen = _genitive(ctx, ph, pos) or _anaphor_in(ctx, ph, pos)
    comp = _compound_before(ctx, ph, pos)
    embedded = [x for x in ctx.embedded if x.key not in {s.key for s in subjects}]
    requested = [x for x in ctx.requested if x.key not in {s.key for s in subjects}]
    if role == "pair":
        partners = heads(_after_particles(phrases, k, ("と", "との")))
        if gen and partners:
            actors, targets = partners, gen  # AとBの戦闘
        elif partners:
            actors, targets = subjects, partners
        elif len(gen) >= 2:
            pairs = _pairs(gen)  # 両者の戦闘
        elif len(subjects) >= 2:
            pairs = _pairs(subjects)
        elif not subjects:
            near = [x for i in range(k - 1, -1, -1) if phrases[i].clause == ph.clause
                    for x in _anaphor_pair(ctx, phrases[i])]
            pairs = _pairs(near) if len(near) >= 2 else []  # 両国軍の間で…戦闘
        else:
            actors, targets = subjects, _counterpart(ctx, subjects)
    elif role == "address":
        if passive and gen:
            actors, targets = gen, subjects
        else:
            actors = subjects or gen
            targets = before(("に", "に対し", "へ")) or requested or _counterpart(ctx, actors)
            if not targets and trig.type == vocab.PROPOSED:
                targets = _agreement_before(phrases, k, pos)
    elif role == "object":
        actors = subjects
        targets = (comp or before(("を", "に対し")) or gen or embedded or before(("に",))
                   or _counterpart(ctx, actors))
        if len(actors) == 2 and not targets and re.search(r"互いに|相互に", text[sentence[0] : pos]):
            pairs = [(actors[0], actors[1]), (actors[1], actors[0])]  # 互いに非難
            actors = []
        if not targets and not pairs and trig.type == vocab.CRITICIZED and ctx.first_event is not None:
            # a reaction with no object named: against the article's first actor, or, from
            # that actor's own side, against the same target
            first_actors, first_targets = ctx.first_event
            same_side = _sides(actors) & _sides(first_actors)
            targets = list(first_targets) if same_side else list(first_actors)
    elif role == "sign":
        met = heads(_after_particles(phrases, k, ("と",), False))
        actors = subjects + [x for x in met if x.key not in {s.key for s in subjects}]
        targets = _agreement_before(phrases, k, pos)
    elif role in ("support", "invest"):
        follower = re.match(r"(?:とされる|とみられる|を受ける|を受けた|の)", text[m.end() :])
        if passive and gen:
            actors, targets = gen, subjects
        elif role == "support" and comp and follower and _next_mention(phrases, k, m.end()):
            actors, targets = comp, _next_mention(phrases, k, m.end())  # ロシア支援とされる武装勢力
        else:
            actors = subjects
            purpose = [x for i in range(k) if phrases[i].particle == "に"
                       and text.startswith("向け", phrases[i].end) for x in _head(phrases[i], text)]
            if role == "support":
                targets = (comp or before(("を", "への", "に")) or purpose or embedded
                           or _counterpart(ctx, actors))
            else:
                places = [x for x in before(("に", "への", "で")) if x.label == vocab.COUNTRY]
                targets = comp or gen or before(("に", "への")) or places or embedded
                if trig.pattern in RELOCATION:
                    origin = heads(_after_particles(phrases, k, ("から",)))
                    extra = Trigger(trig.pattern, vocab.REDUCES_DEPENDENCE_ON, "dependence")
                    moved = _make(ctx, extra, m, sentence, actors, origin, [])  # 中国からタイに移管
                    return moved + _make(ctx, trig, m, sentence, actors, targets, [])
    elif role == "restrict":
        comp = comp or _aimed_at(ctx, ph, pos)
        actors = subjects or ([] if comp else gen)
        targets = comp or before(("に対し", "への", "からの", "に", "を"))
        if gen and not subjects and not comp:
            actors = gen
    elif role == "concentration":
        # 中国に偏る供給網の分散, 中国に集中する調達を見直す: dependence named by where it lies
        if k > 0 and phrases[k - 1].particle == "に" and REDUCING.search(text[m.end() : sentence[1]]):
            target_ph = phrases[k - 1]
            tgt = [x for x in target_ph.mentions if x.label == vocab.COUNTRY][-1:]
            if tgt and target_ph.end == pos:
                actors, targets = subjects, tgt
    elif role == "dependence":
        in_sentence = [x for p2 in phrases for x in p2.mentions]
        found = dependence_targets(text, in_sentence, trig.pattern, pos, m.end())
        if found:
            # whoever the article follows, when the sentence names no one (…への依存を減らす好機だ)
            actors, targets = subjects or list(ctx.prev_subjects), found
    elif role == "host":
        return _host(ctx, phrases, k, m, trig, sentence, subjects)
    elif role == "visit":
        if trig.pattern in ("訪", "来日"):
            targets = [x for x in ph.mentions if x.start >= pos and x.label == vocab.COUNTRY][:1]
            after = [x for x in ph.mentions if x.start > m.end() + 1 and x.label != vocab.COUNTRY]
            tail = text[m.end() + (1 if trig.pattern == "訪" else 0) :]
            visiting = tail.startswith(("中の", "中に", "した", "する", "中で"))
            actors = after[:1] if visiting and after else (gen or subjects)
        elif comp and comp[0].label == vocab.COUNTRY:
            actors = subjects  # (岸田首相による)フィリピン訪問: the country glued before is visited
            targets = comp
        else:
            actors = subjects
            # Xを訪問, or a list of stops: イスラエル、カタール、フィリピンも訪問する
            visited = heads(_after_particles(phrases, k, ("を",)))
            if not visited:
                visited = heads(_after_particles(phrases, k, ("も",))[:1])
                if {a.key for a in actors} & {x.key for x in visited}:  # the stops are not the visitor
                    topic = next((i for i, p2 in enumerate(phrases) if p2.particle in ("は", "が")), None)
                    actors = _group(phrases, topic, text) if topic is not None else []
            targets = [x for x in visited if not VENUE.search(x.name) and x.key not in {a.key for a in actors}]
    if trig.pattern == "出資" and targets and all(t.label == vocab.COUNTRY for t in targets):
        trig = Trigger(trig.pattern, vocab.INVESTED_IN, role)  # equity in a project abroad; in a company it is support
    events = _make(ctx, trig, m, sentence, actors, targets, pairs)
    if events:
        if ctx.first_event is None and trig.type not in vocab.SYMMETRIC and targets:
            ctx.first_event = (actors, targets)  # the first directed act: what others react to
        if trig.type in (vocab.MET_WITH, vocab.AGREED) and (targets or pairs):
            ctx.last_pair = (actors, targets) if targets else ([pairs[0][0]], [pairs[0][1]])
    return events


def _inside_modifier(ctx: _Context, phrases: list[Phrase], i: int, pos: int) -> bool:
    """Whether phrase i is an argument of a verb that modifies a noun (決議に｜違反する行為):
    the next phrase holds that verb in attributive form followed by a noun."""
    if i + 1 >= len(phrases):
        return False
    nxt = phrases[i + 1]
    if nxt.start <= pos < nxt.end:
        return False  # …威圧行為を非難する共同声明: the modifying verb is the trigger itself
    toks = _span(ctx.tokens, nxt.start, nxt.end)
    for a, b in itertools.pairwise(toks):
        if a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞"):
            return not (b.start <= pos <= b.start + 4)  # unless the modified noun is the trigger
    return False


def _embedded_before(ctx: _Context, phrases: list[Phrase], k: int, subjects: list[Mention]) -> None:
    """北朝鮮が…発射したことを受け、両首脳は…非難: subjects of noun-modifying clauses anywhere
    earlier in the sentence are candidates for the other party."""
    keys = {x.key for x in subjects} | {x.key for x in ctx.embedded}
    for i in range(k):
        ph = phrases[i]
        if ph.particle == "が" and not ph.quoted and _relative_subject(ctx, phrases, i, k) is not None:
            ctx.embedded.extend(x for x in _group(phrases, i, ctx.text) if x.key not in keys)


def _pairs(group: list[Mention]) -> list[tuple[Mention, Mention]]:
    """AとBが: the pair; four or more named together: the first with each of the others."""
    if len(group) <= 3:
        return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
    return [(group[0], y) for y in group[1:]]


def _next_mention(phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    nxt = [x for x in phrases[k].mentions if x.start >= pos]
    if not nxt and k + 1 < len(phrases):
        nxt = [x for x in phrases[k + 1].mentions if x.start - pos < 12]
    return nxt[:1]


def _host(ctx: _Context, phrases: list[Phrase], k: int, m: re.Match[str], trig: Trigger,
          sentence: tuple[int, int], subjects: list[Mention]) -> list[RawEvent]:
    """Hosted meetings: the host meets each guest (Xを招き, 日米豪比の会合を主催, Xも参加)."""
    text, pos = ctx.text, m.start()
    if trig.pattern in ("参加", "出席"):
        if ctx.hosts:
            host, hdate = ctx.hosts[-1]
            keys = {h.key for h in host} | _sides(host)
            # イスラエルとハマスの代表団のほか、カタールと米国の高官が参加: everyone named
            named = [x for i in range(k) if phrases[i].clause == phrases[k].clause
                     and phrases[i].particle not in ("で", "に") for x in phrases[i].mentions
                     if x.label != vocab.AGREEMENT]
            guests = [p for p in (named or subjects) if p.key not in keys and p.affiliation not in keys]
            guests = list({g.key: g for g in guests}.values())
            ctx.guests.extend(guests)
            return _make(ctx, trig, m, sentence, host, guests, [], forced_date=hdate)
        # 日ASEAN首脳会議に出席: the attendee meets the other members of the meeting
        meeting = [x for i in _after_particles(phrases, k, ("に",))[:1] for x in phrases[i].mentions
                   if x.label != vocab.AGREEMENT]
        others = [x for x in meeting if x.key not in _sides(subjects) and x.key not in {s.key for s in subjects}]
        return _make(ctx, trig, m, sentence, subjects, others[-1:], []) if subjects and others else []
    if not subjects:
        return []
    d = _meeting_date(ctx, m.end(), sentence) or _date_for(ctx, phrases, pos, sentence)
    if trig.pattern in ("議長国を務め", "議長を務め"):
        ctx.hosts.append((subjects, d))  # 中国が議長国を務める会合: the chair hosts it
        return []
    if trig.pattern in ("主催", "開催"):
        # the meeting named before: 日米豪比の防衛相会合を主催 names its members
        obj = _after_particles(phrases, k, ("を",))
        members = [x for x in (phrases[obj[0]].mentions if obj else []) if x.label == vocab.COUNTRY]
        guests = [x for x in members if x.key not in _sides(subjects)]
        ctx.hosts.append((subjects, d))
        ctx.guests = list(guests)
        return _make(ctx, trig, m, sentence, subjects, guests, [], forced_date=d) if guests else []
    guests = [x for i in _after_particles(phrases, k, ("を",))[:1] for x in _group(phrases, i, text)]
    if guests:
        ctx.hosts.append((subjects, d))
        ctx.guests = list(guests)
        return _make(ctx, trig, m, sentence, subjects, guests, [], forced_date=d)
    return []


def _note_pairs(ctx: _Context, phrases: list[Phrase]) -> None:
    """タイとカンボジアの国境: a pair named together is what a later 両国 refers to."""
    if ctx.last_pair is not None:
        return
    for a, b in itertools.pairwise(phrases):
        joined = a.particle in ("と", "+は", "+が", "+に", "+を", "+も") and a.mentions and b.mentions
        if joined and b.mentions[0].start == b.start and a.mentions[-1].label == b.mentions[0].label:
            ctx.last_pair = ([a.mentions[-1]], [b.mentions[0]])
            return


def _sides(ms: list[Mention]) -> set[str]:
    """The countries (or bodies) mentions speak for: a country itself, a person's affiliation."""
    return {m.key if m.label == vocab.COUNTRY else (m.affiliation or m.key) for m in ms}


def _counterpart(ctx: _Context, actors: list[Mention]) -> list[Mention]:
    """After 「AはBと会談し」, what A does next with no other party named is done with B."""
    if ctx.last_pair is None or not actors:
        return []
    a, b = ctx.last_pair
    keys = {x.key for x in actors}
    if keys & {x.key for x in a} and keys & {x.key for x in b}:
        return []  # 両首脳は…: both sides act together
    if keys & {x.key for x in a}:
        return list(b)
    if keys & {x.key for x in b}:
        return list(a)
    return []


def _anaphor_in(ctx: _Context, ph: Phrase, pos: int) -> list[Mention]:
    """両者の戦闘: 両者 inside the trigger's phrase."""
    seg = ctx.text[ph.start : pos]
    if ctx.last_pair and re.search(r"(?:両者|両国|双方|両氏)の?$", seg):
        a, b = ctx.last_pair
        return [*a, *b]
    return []


def _agreement_before(phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    agreements = [x for p2 in phrases[: k + 1] for x in p2.mentions if x.label == vocab.AGREEMENT and x.end <= pos]
    return agreements[-1:]


def _aimed_at(ctx: _Context, ph: Phrase, pos: int) -> list[Mention]:
    """中国向けの輸出規制: X向け inside the trigger's phrase names the target."""
    for x in reversed(ph.mentions):
        if x.end <= pos and ctx.text.startswith("向け", x.end):
            return [x]
    return []


def _make(
    ctx: _Context,
    trig: Trigger,
    m: re.Match[str],
    sentence: tuple[int, int],
    actors: list[Mention],
    targets: list[Mention],
    pairs: list[tuple[Mention, Mention]],
    forced_date: dates_mod.ResolvedDate | None = None,
    undated: bool = False,
) -> list[RawEvent]:
    text = ctx.text
    pairs = list(pairs) + [(a, t) for a in actors for t in targets]
    if not pairs:
        return []
    tail = text[m.end() : sentence[1]]
    mode = "planned" if PLANNED.search(tail) or PLANNED.search(text[m.end() : m.end() + 2]) else "actual"
    d = forced_date if forced_date is not None else _date_for(ctx, None, m.start(), sentence, trig.type)
    if undated:
        # a war named in passing: the sentence's date is not its date, unless the phrase
        # carries one (2022年のロシアによるウクライナ侵攻)
        first = min((x.start for x in (*actors, *targets)), default=m.start())
        glued = [x for x in ctx.dates if x.end <= first and ctx.text[x.end : first] == "の"]
        d = (ctx.resolved.get(glued[-1].start) or ctx.attributive.get(glued[-1].start, (None, 0))[0]) if glued else None
    out = []
    if trig.type == vocab.COOPERATED:
        pairs = [(_as_country(ctx, a), _as_country(ctx, t)) for a, t in pairs]
    for a, t in pairs:
        if a.key == t.key or a.affiliation == t.key or t.affiliation == a.key:
            continue  # 小泉防衛相 -> 日本, a commissioner -> the EU: not an act between two parties
        if trig.type == vocab.SIGNED and t.label != vocab.AGREEMENT:
            continue
        if a.label == vocab.AGREEMENT or (t.label == vocab.AGREEMENT and trig.type not in AGREEMENT_TARGETS):
            continue
        out.append(RawEvent(trig.type, a.key, t.key, m.group(0), m.start(), sentence, d, mode))
    return out


MEETING_NOUN = re.compile(r"会合|会議|サミット|首脳会談|開催|主催")


def _meeting_date(ctx: _Context, pos: int, sentence: tuple[int, int]) -> dates_mod.ResolvedDate | None:
    """Xを招き12日に会合を開催: the date given between the invitation and the meeting."""
    meet = MEETING_NOUN.search(ctx.text, pos, sentence[1])
    if not meet:
        return None
    ds = [d for d in ctx.dates if pos <= d.start < meet.start() and ctx.resolved.get(d.start)]
    if not ds:  # 首脳会合を12日に開く
        ds = [d for d in ctx.dates if meet.end() <= d.start <= meet.end() + 2 and ctx.resolved.get(d.start)
              and ctx.text[meet.end() : d.start] in ("", "を", "は")]
    return ctx.resolved[ds[-1].start] if ds else None


def _as_country(ctx: _Context, m: Mention) -> Mention:
    """The country a person acts for, when the article names that country."""
    if m.label != vocab.PERSON or not m.affiliation:
        return m
    return ctx.countries.get(m.affiliation, m)


# 8月1日から…関税を課すと表明: a start date told with a verb of what is to come
STARTS_LATER = re.compile(
    r"^(?:から|以降|付けで|付で)[^。]*?[うくすつぬむるぐぶ](?:と|こと|方針|見通し|。)"
    r"|^に[^、。]{0,10}?(?:開く|開催する|行う|実施する|訪れる|訪問する|発効する|始める|課す)(?:と|こと|方針|見通し|。)"
)


def _resolve_all(
    text: str, dm: list[dates_mod.DateMention], reference: date | None, tokens: list[Token],
    attributive: dict[int, tuple[dates_mod.ResolvedDate, int]],
) -> dict[int, dates_mod.ResolvedDate | None]:
    out: dict[int, dates_mod.ResolvedDate | None] = {}
    last: dates_mod.ResolvedDate | None = None
    for d in dm:
        if _attributive(tokens, d.end):
            out[d.start] = None  # 日本が11月に強化した輸出管理: not a date of this story's acts
            r = dates_mod.resolve(d, reference, future=bool(PLANNED.search(text[d.end : d.end + 12])), last=last)
            noun = _attributive_noun(tokens, d.end)
            if r is not None and noun is not None:
                attributive[d.start] = (r, noun)
            continue
        s_end = SENTENCE_END.search(text, d.end)
        tail = text[d.end : s_end.start() if s_end else len(text)]
        future = bool(PLANNED.search(tail)) or bool(STARTS_LATER.search(tail))
        r = dates_mod.resolve(d, reference, future=False, last=last)
        if future and d.kind in ("day", "month_day", "month") and reference is not None:
            f = dates_mod.resolve(d, reference, future=True, last=last)
            if f is not None and (r is None or abs((f.value - reference).days) < abs((r.value - reference).days)):
                r = f
        out[d.start] = r
        if r is not None and (reference is None or r.value <= reference or d.kind == "same"):
            last = r  # 同日 means a day already told, not a planned one
    return out


def _attributive_noun(tokens: list[Token], start: int) -> int | None:
    toks = _span(tokens, start, None, 12)
    for a, b in itertools.pairwise(toks):
        if a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞"):
            return b.start
    return None


def _attributive(tokens: list[Token], start: int) -> bool:
    """日本が11月に強化した輸出管理: what starts at ``start`` sits in a clause modifying a noun
    (a verb in attributive form followed by a noun before any comma or topic)."""
    toks = _span(tokens, start, None, 12)
    for a, b in itertools.pairwise(toks):
        if a.surface in ("、", "。") or (a.pos1 == "助詞" and a.surface in ("は", "が")):
            return False
        if (a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞")
                and b.pos2 != "数詞" and b.surface not in FORMAL_NOUNS):
            return True
    return False


TARIFF_NOT_RAISED = re.compile(
    r"^(?:の|を|が|は)?(?:相互)?(?:引き下げ|引下げ|下げ|撤廃|ゼロ|なし|免除|交渉|協議|合意|率を?(?:引き下げ|下げ))"
)
REACTION_DRAWN = re.compile(r"^(?:を|も|が)(?:招|呼|浴び|受け|買|強ま|広が)")
APPLIES_FROM = re.compile(r"^(?:から|より|以降|付で|付けで)")
# a date that bounds or precedes the act rather than dating it: 2027年末までに, 2018年以来, 7年ぶり
NOT_ACT_DATE = re.compile(r"^(?:末|中|初め|半ば|前半|後半)?(?:まで|以来|ぶり)")
AT_MEETING = re.compile(r"^[^、。]{0,10}?(?:会談|会議|会合|サミット|式典|署名式)(?:の場)?で")


def _date_for(ctx: _Context, phrases: list[Phrase] | None, pos: int,
              sentence: tuple[int, int], typ: str = "") -> dates_mod.ResolvedDate | None:
    """Nearest date in the same clause (before the trigger first), else the lead's date.
    A measure (RESTRICTED) is dated by when it applies when the sentence says so (10日から)."""
    s0, s1 = sentence
    if typ == vocab.RESTRICTED:
        applies = [d for d in ctx.dates if s0 <= d.start < s1 and ctx.resolved.get(d.start)
                   and APPLIES_FROM.match(ctx.text[d.end : d.end + 3])
                   and "、" not in ctx.text[min(d.end, pos) : max(d.start, pos)].strip("、")]
        if applies:
            return ctx.resolved[applies[-1].start]
    for r, noun in ctx.attributive.values():
        if s0 <= noun <= pos <= noun + 4:
            return r  # 5月に予定する来日: the date of the noun the trigger heads
    in_sentence = [d for d in ctx.dates if s0 <= d.start < s1 and ctx.resolved.get(d.start)
                   and not NOT_ACT_DATE.match(ctx.text[d.end : d.end + 4])]
    before = [d for d in in_sentence if d.end <= pos]
    after = [d for d in in_sentence if d.start >= pos]
    if after and re.match(r"^[^、。]{1,8}?(?:を|は)$", ctx.text[pos : after[0].start]) \
            and ctx.text.startswith("に", after[0].end):
        return ctx.resolved[after[0].start]  # 会合を12日に開く: the date the act itself is given
    if not before:
        # 先月28日に行われた首脳会談で(…署名した): what is done at a dated meeting takes its date
        at = [r for r, noun in ctx.attributive.values()
              if s0 <= noun < pos and AT_MEETING.match(ctx.text[noun : min(pos, noun + 16)])]
        if at:
            return at[-1]
    # a comma-separated clause boundary between date and trigger weakens it, but within a
    # sentence the nearest date still wins over older ones
    if before:
        return ctx.resolved[before[-1].start]
    if after:
        # only a date in the same clause after the trigger (会談を13日に行った)
        d = after[0]
        between = ctx.text[pos : d.start]
        if "、" not in between and len(between) <= 15:
            return ctx.resolved[d.start]
    # an act told without a date in a later sentence belongs to the story the lead dates, not
    # to whatever background date (昨年, 2018年) was mentioned last
    older = [d for d in ctx.dates if d.end <= s0 and ctx.resolved.get(d.start)]
    return ctx.resolved[older[0].start] if older else None
