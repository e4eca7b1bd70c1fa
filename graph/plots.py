"""Static plots of the event graph for notebooks and the README: Japanese labels without tofu.

matplotlib's default font (DejaVu Sans) has no Japanese glyphs: every kanji and kana would be
drawn as an empty box ("tofu"). :func:`use_japanese_font` finds an installed CJK font (Debian's
``fonts-noto-cjk`` gives Noto Sans CJK JP), registers it and puts it first in the sans-serif
list, with DejaVu Sans behind it for the glyphs it lacks. :func:`tofu_check` says whether a
text really renders with a font; the notebook test uses it.

:func:`timeline_plot` draws events over time per actor from a DataFrame with the columns

* ``date``: the event's own date as the graph stores it, cut to its precision
  (``2026-01-13``, ``2026-01`` or ``2026``) or null when the text gives none;
* ``actor``: the actor's (Japanese) name, one row per actor taking part in the event;
* ``event``: the event type (``MET_WITH`` ...);
* optional ``date_precision`` (``day``/``month``/``year``, else read from the date's length)
  and ``event_id`` (counts undated events once when an event has a row per actor).

:func:`events_frame` builds that frame from :func:`graph.export.to_networkx` (both sides of every
event; agreements are not actors), and the ``timeline`` canned query's rows (``subject`` and
``object`` instead of ``actor``; an agreement it names as object gets a row too) are accepted as
they are.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from geokg import vocab
from geokg.errors import GeoKGError

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


class FontError(GeoKGError):
    """No font that can draw Japanese is installed."""


# Families that draw Japanese, best first; any family whose name has "CJK" comes after them.
JAPANESE_FONTS: Final = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Yu Gothic",
    "Meiryo",
    "TakaoGothic",
    "VL Gothic",
    "Noto Sans CJK",
    "Source Han Sans",
)
# Where Debian, Fedora, Arch and macOS put them, for a font cache that predates the install.
FONT_FILES: Final = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
)
INSTALL_HINT: Final = (
    "no font that can draw Japanese was found; install one, e.g. `apt-get install fonts-noto-cjk` "
    "(Debian/Ubuntu), `dnf install google-noto-sans-cjk-fonts` (Fedora) or `brew install --cask "
    "font-noto-sans-cjk-jp` (macOS), then restart Python (the kernel, in Jupyter)"
)
LATIN_FALLBACK: Final = "DejaVu Sans"
TOFU_PROBE: Final = "\uffff"  # a noncharacter: no font maps it, so it is drawn as the font's "missing" glyph

# One colour and one marker per event type (Okabe-Ito first), so colour-blind readers have the shape.
TYPE_STYLE: Final[dict[str, tuple[str, str]]] = {
    vocab.MET_WITH: ("#0072B2", "o"),
    vocab.SIGNED: ("#009E73", "s"),
    vocab.AGREED: ("#56B4E9", "D"),
    vocab.PROPOSED: ("#E69F00", "^"),
    vocab.REQUESTED: ("#A6761D", "v"),
    vocab.SUPPORTED: ("#CC79A7", "P"),
    vocab.INVESTED_IN: ("#882255", "X"),
    vocab.COOPERATED: ("#44AA99", "h"),
    vocab.RESTRICTED: ("#D55E00", "<"),
    vocab.CRITICIZED: ("#AA4499", ">"),
    vocab.FOUGHT: ("#B2182B", "*"),
    vocab.REDUCES_DEPENDENCE_ON: ("#333333", "p"),
}
OTHER_STYLE: Final = ("#999999", "o")
TYPE_JA: Final = vocab.TYPE_JA
MARKER_AREA: Final = 95.0  # points², scatter's ``s``
MARKER_SCALE: Final = {"*": 2.0, "P": 1.2, "X": 1.2, "p": 1.1, "h": 1.1}  # thin shapes drawn larger
PARTIAL_LABEL: Final = "白抜き = 月・年のみ判明\n(month/year date: first day, bar = span)"
EVENT_COLUMNS: Final = ("date", "date_precision", "actor", "actor_id", "label", "event", "other",
                        "mode", "event_id", "article_id")


# --- fonts ------------------------------------------------------------------------------------
def _japanese_family() -> str | None:
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in JAPANESE_FONTS:
        if family in names:
            return family
    cjk = sorted(n for n in names if "CJK" in n and "Mono" not in n and ("JP" in n or "Sans" in n))
    return cjk[0] if cjk else None


def use_japanese_font() -> str:
    """Make matplotlib draw Japanese: find a CJK font, put it first, return its family name.

    The sans-serif list becomes ``[<that family>, "DejaVu Sans", ...]`` (matplotlib falls back
    glyph by glyph along it) and ``axes.unicode_minus`` is turned off (some CJK fonts lack U+2212).
    Raises :class:`FontError` (a ``GeoKGError``) saying what to install when there is none.

    >>> use_japanese_font()  # with Debian's fonts-noto-cjk (make test installs it)
    'Noto Sans CJK JP'
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    family = _japanese_family()
    if family is None:  # installed after matplotlib cached its font list: register the files
        for path in FONT_FILES:
            if Path(path).is_file():
                font_manager.fontManager.addfont(path)
        family = _japanese_family()
    if family is None:
        raise FontError(INSTALL_HINT)
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f not in (family, LATIN_FALLBACK)]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, LATIN_FALLBACK, *rest]
    mpl.rcParams["axes.unicode_minus"] = False
    return family


def japanese_font_path() -> str:
    """The file of the font :func:`use_japanese_font` chooses (``.ttc`` or ``.ttf``)."""
    from matplotlib import font_manager

    family = use_japanese_font()
    return str(font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))


def render_text(text: str, font_path: str | Path | None = None, *, size: float = 48) -> np.ndarray:
    """Draw ``text`` in black on white with one font file (no fallback) and return the
    grayscale pixels (0 = white, 255 = black) as a 2-D uint8 array of fixed size.

    >>> render_text("日本").shape
    (120, 400)
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(font_path or japanese_font_path()), size=size)
    fig = Figure(figsize=(4, 1.2), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.02, 0.5, text, fontproperties=font, va="center", ha="left", color="black")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph ... missing from font(s)" is what we probe for
        canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    return (255 - rgba[..., :3].mean(axis=2)).astype(np.uint8)


def tofu_check(text: str, font_path: str | Path | None = None) -> bool:
    """True when every visible character of ``text`` has a real glyph in the font (by default the
    Japanese font chosen by :func:`use_japanese_font`): it is in the font's character map, its
    drawing is not blank nor the "missing glyph" drawing, and different characters look different
    (matplotlib draws every missing kanji with the same Last Resort box).

    >>> tofu_check("日本と米国")
    True
    >>> import matplotlib
    >>> tofu_check("日本", matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf")  # DejaVu has no kanji
    False
    """
    from matplotlib import font_manager

    path = str(font_path or japanese_font_path())
    charmap = font_manager.get_font(path).get_charmap()
    seen = {render_text(TOFU_PROBE, path).tobytes()}
    for char in sorted({c for c in text if not c.isspace()}):
        if ord(char) not in charmap:
            return False
        drawn = render_text(char, path)
        if not drawn.any() or drawn.tobytes() in seen:
            return False
        seen.add(drawn.tobytes())
    return True


# --- events as a frame -------------------------------------------------------------------------
def events_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per event and actor taking part in it, from :func:`graph.export.to_networkx`.

    Columns: ``date``, ``date_precision``, ``actor`` (name), ``actor_id``, ``label``, ``event``
    (type), ``other`` (the other side's name), ``mode``, ``event_id`` (the edge's uid) and
    ``article_id``. An agreement is not an actor: a SIGNED edge gives one row, for the signer.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("JPN", label="Country", name="日本"); g.add_node("IND", label="Country", name="インド")
    >>> _ = g.add_edge("JPN", "IND", key="k", type="MET_WITH", date="2026-01", date_precision="month", uid="k")
    >>> events_frame(g)[["actor", "event", "other", "date"]].values.tolist()
    [['日本', 'MET_WITH', 'インド', '2026-01'], ['インド', 'MET_WITH', '日本', '2026-01']]
    """
    import pandas as pd

    def name(node: Any) -> str:
        data = graph.nodes[node]
        return str(data.get("name") or data.get("name_ja") or data.get("name_en") or node)

    rows = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        etype = str(data.get("type") or key).split("|")[0]
        for actor, other in ((u, v), (v, u)):
            label = graph.nodes[actor].get("label")
            if label == vocab.AGREEMENT:
                continue
            rows.append({
                "date": data.get("date"), "date_precision": data.get("date_precision"),
                "actor": name(actor), "actor_id": actor, "label": label, "event": etype,
                "other": name(other), "mode": data.get("mode"),
                "event_id": f"{etype}|{data.get('uid') or key}|{u}|{v}", "article_id": data.get("article_id"),
            })
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def _as_actor_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with an ``actor`` column: the ``timeline`` query's rows are split into subject
    and object rows (one event each, counted once)."""
    import pandas as pd

    if "actor" in df.columns:
        return df
    if {"subject", "object"} <= set(df.columns):
        base = df.reset_index(drop=True).copy()
        if "event_id" not in base.columns:
            base["event_id"] = base.index
        sides = [base.rename(columns={"subject": "actor"}).drop(columns=["object"]),
                 base.rename(columns={"object": "actor"}).drop(columns=["subject"])]
        return pd.concat(sides, ignore_index=True)
    raise GeoKGError(
        f"timeline_plot needs the columns date, actor, event (or subject/object); got {list(df.columns)}"
    )


# --- dates --------------------------------------------------------------------------------------
_LENGTH: Final = {"day": 10, "month": 7, "year": 4}


def _period(value: Any, precision: Any = None) -> tuple[Any, Any, str] | None:
    """``(first day, last day, precision)`` of a stored date (``2026-01-13``, ``2026-01``,
    ``2026``, a date or a Timestamp), or None when it is missing or unreadable.

    >>> _period("2026-02")[0].date(), _period("2026-02")[1].date(), _period("2026-02")[2]
    (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28), 'month')
    """
    import pandas as pd

    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        day = pd.Timestamp(value).normalize()
        return day, day, "day"
    text = str(value).strip()[:10]
    cut = _LENGTH.get(str(precision))
    if cut is not None and len(text) > cut:  # a precision coarser than the text says: cut to it
        text = text[:cut]
    kind = {length: name for name, length in _LENGTH.items()}.get(len(text))
    if kind is None:
        return None
    freq = {"day": "D", "month": "M", "year": "Y"}[kind]
    try:
        period = pd.Period(text, freq=freq)
    except ValueError:
        return None
    return period.start_time.normalize(), period.end_time.normalize(), kind


def _bound(value: str | date | None, end: bool) -> Any:
    if value is None:
        return None
    found = _period(value)
    if found is None:
        raise GeoKGError(f"cannot read the date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    return found[1] if end else found[0]


# --- the timeline --------------------------------------------------------------------------------
def _spread(count: int, width: float = 0.64) -> list[float]:
    """Vertical offsets for ``count`` markers sharing an actor and a day."""
    if count == 1:
        return [0.0]
    step = min(width / (count - 1), 0.3)
    return [(i - (count - 1) / 2) * step for i in range(count)]


def timeline_plot(
    df: pd.DataFrame,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    top: int = 10,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Events over time per actor: one row per actor (the ``top`` with the most dated events in
    the window, most active at the top), one marker per event, coloured and shaped by event type.

    Month- or year-precise dates are placed on their first day with a hollow marker and a faint
    bar over the month or year; undated events cannot be placed and are counted in the title.
    ``since``/``until`` keep the events whose date overlaps the window (``2026-01`` is in a window
    that starts on 2026-01-15), as the canned queries do. See the module docstring for ``df``.
    Draws on ``ax`` when given (and returns its figure); ``title`` replaces the default title.

    >>> from graph.export import to_networkx
    >>> fig = timeline_plot(events_frame(to_networkx(drv, database=database)), since="2025-12-01")
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]  # doctest: +NORMALIZE_WHITESPACE
    ['中国 (2)', 'ルワンダ (2)', 'ルビオ (2)', 'ジャイシャンカル (2)', 'コンゴ民主共和国 (2)', 'M23 (2)', 'G7 (2)',
     'メローニ (3)', '日本 (4)', '国務省 (5)']
    """
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    use_japanese_font()
    frame = _as_actor_rows(df)
    lo, hi = _bound(since, end=False), _bound(until, end=True)
    if lo is not None and hi is not None and lo > hi:
        raise GeoKGError(f"the window is empty: since={since} is after until={until}")

    points: list[dict[str, Any]] = []
    undated: set[Any] = set()
    for i, row in enumerate(frame.to_dict("records")):
        event_id = row.get("event_id")
        found = _period(row.get("date"), row.get("date_precision"))
        if found is None:
            undated.add(i if event_id is None or pd.isna(event_id) else event_id)  # one per event
            continue
        start, end, precision = found
        if (lo is not None and end < lo) or (hi is not None and start > hi):
            continue
        points.append({"actor": str(row["actor"]), "event": str(row["event"]), "start": start, "end": end,
                       "precision": precision})

    counts: dict[str, int] = {}
    for p in points:
        counts[p["actor"]] = counts.get(p["actor"], 0) + 1
    actors = sorted(counts, key=lambda a: (-counts[a], a))[: max(top, 0)]
    shown = [p for p in points if p["actor"] in set(actors)]

    if ax is None:
        ax = Figure(figsize=(12, max(4.0, 0.62 * len(actors) + 2.2)), layout="constrained").add_subplot()
    owner = ax.get_figure()
    if owner is None:
        raise GeoKGError("timeline_plot: the axes given belong to no figure")
    y_of = {a: len(actors) - 1 - i for i, a in enumerate(actors)}  # most active at the top

    # one marker per (actor, day, type, precision), "×n" beside it; different types on one day
    # are spread vertically around the actor's line
    same: dict[tuple[str, Any, str, str], list[dict[str, Any]]] = {}
    for p in shown:
        same.setdefault((p["actor"], p["start"], p["event"], p["precision"]), []).append(p)
    groups: dict[tuple[str, Any], list[tuple[dict[str, Any], int]]] = {}
    for key in sorted(same, key=lambda k: (k[0], k[1], _type_order(k[2]), k[3])):
        groups.setdefault((key[0], key[1]), []).append((same[key][0], len(same[key])))
    # markers of one style are drawn in one call (thousands of single calls take seconds on a busy window)
    batches: dict[tuple[str, str, bool], tuple[list[Any], list[float]]] = {}
    for (actor, _start), members in groups.items():
        for (p, n), offset in zip(members, _spread(len(members)), strict=True):
            colour, marker = TYPE_STYLE.get(p["event"], OTHER_STYLE)
            y = y_of[actor] - offset  # first type on top
            partial = p["precision"] != "day"
            if partial:
                ax.plot([p["start"], p["end"]], [y, y], color=colour, alpha=0.25, linewidth=5,
                        solid_capstyle="butt", zorder=2)
            xs, ys = batches.setdefault((colour, marker, partial), ([], []))
            xs.append(p["start"])
            ys.append(y)
            if n > 1:
                ax.annotate(f"×{n}", (p["start"], y), xytext=(8, 0), textcoords="offset points", va="center",
                            ha="left", fontsize=10, color="#333333", zorder=4)
    for (colour, marker, partial), (xs, ys) in batches.items():
        ax.scatter(xs, ys, s=MARKER_AREA * MARKER_SCALE.get(marker, 1.0), marker=marker, zorder=3,
                   linewidths=1.8 if partial else 0.8, facecolors="white" if partial else colour,
                   edgecolors=colour if partial else "white")

    ax.set_yticks(range(len(actors)))
    ax.set_yticklabels([f"{a} ({counts[a]})" for a in reversed(actors)], fontsize=12)
    ax.set_ylim(-0.7, max(len(actors) - 0.3, 0.7))
    starts = [p["start"] for p in shown]
    first: Any = lo if lo is not None else min(starts, default=None)
    last: Any = hi if hi is not None else max(starts, default=None)
    month = pd.Timedelta(days=30)  # an open side of an empty window: show a month
    if first is None and last is not None:
        first = last - month
    if last is None and first is not None:
        last = first + month
    if first is not None:
        pad = max((last - first) * 0.04, pd.Timedelta(days=3))
        ax.set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.tick_params(axis="x", labelrotation=35, labelsize=10)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.8)
    ax.grid(True, axis="y", color="#eeeeee", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("出来事の日付 (event date)", fontsize=11)
    ax.set_ylabel("アクター (件数) / actor (events)", fontsize=11)

    present = sorted({p["event"] for p in shown}, key=_type_order)
    handles: list[Any] = []
    for etype in present:
        colour, marker = TYPE_STYLE.get(etype, OTHER_STYLE)
        size = 9 * MARKER_SCALE.get(marker, 1.0) ** 0.5
        handles.append(Line2D([], [], linestyle="none", marker=marker, markersize=size, markerfacecolor=colour,
                              markeredgecolor="white", color=colour,
                              label=f"{etype} {TYPE_JA.get(etype, '')}".strip()))
    if any(p["precision"] != "day" for p in shown):
        handles.append(Line2D([], [], linestyle="-", linewidth=5, alpha=0.5, marker="o", markersize=9,
                              markerfacecolor="white", markeredgecolor="#555555", markeredgewidth=1.8,
                              color="#cccccc", label=PARTIAL_LABEL))
    if handles:
        ax.legend(handles=handles, title="出来事の種類 Event type", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=10, title_fontsize=10, frameon=False, borderaxespad=0)
    if not shown:
        ax.text(0.5, 0.5, "この期間に日付のある出来事はありません\n(no dated events in this window)",
                transform=ax.transAxes, ha="center", va="center", fontsize=12, color="#555555")

    ax.set_title(title or _title(len(actors), top, since, until, len(undated)), fontsize=13, loc="left")
    return owner if isinstance(owner, Figure) else owner.figure  # a SubFigure's axes: its Figure


def _type_order(etype: str) -> int:
    order = {t: i for i, t in enumerate(vocab.EVENT_TYPES)}
    return order.get(etype, len(order))


def _title(shown: int, top: int, since: Any, until: Any, undated: int) -> str:
    head = "アクター別の出来事の時系列 / Events over time per actor"
    parts = [f"上位 {shown} アクター (top {top})" if shown >= top else f"{shown} アクター ({shown} actors)"]
    if since is not None or until is not None:
        parts.append(f"期間 window: {since or '…'} – {until or '…'}")
    if undated:
        parts.append(f"日付不明 {undated} 件は除外 ({undated} undated event{'s' if undated > 1 else ''} left out)")
    return head + "\n" + " · ".join(parts)
