"""Read articles from files and folders, whatever their format, and report what could not be read.

``read_inputs`` is the one entry point: it takes files and folders, tells the formats apart
by itself and yields an ``Article`` for every article it finds and a ``Problem`` for every
file or record it had to skip, then carries on. The formats (``FORMATS``):

* ``listing``: a topic listing page saved as text, like the seed (``loaders.listing``)
* ``text``: any other ``.txt``, one article per file (``loaders.textfiles``)
* ``jsonl``: JSON Lines, one article object per line (``loaders.jsonl``)
* ``feed``: RSS 1.0 / 2.0 or Atom (``loaders.feeds``)
* ``html``: a saved article page (``loaders.html``)

Detection, unless ``fmt`` says otherwise: a file whose content starts with ``<rss``,
``<feed`` or ``<rdf:RDF`` (after an XML declaration, comments or a doctype) is a feed,
whatever its name; otherwise the extension decides (``.jsonl``/``.ndjson``,
``.xml``/``.rss``/``.atom``, ``.html``/``.htm``, ``.txt``), and a ``.txt`` is a listing
when ``loaders.listing.looks_like_listing`` says so, plain text otherwise.

Text is decoded as UTF-8 (with or without BOM) or as UTF-16/32 with a BOM; anything else
is a ``Problem`` naming the file and the first bad byte. Feeds and HTML pages may declare
their own encoding (``<?xml encoding=...?>``, ``<meta charset>``), which is honoured.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geokg.errors import InputError
from loaders.models import Article

STREAM_HEAD = 65536  # bytes read to tell a file's format before reading the rest

FORMATS: tuple[str, ...] = ("listing", "text", "jsonl", "feed", "html")

#: Extensions taken from folders, and the format each one implies (``.txt`` is decided by content).
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class Problem:
    """A file or record that was skipped, and why.

    ``where`` is the file, with ``:line`` for a line of a line-oriented file.

    >>> str(Problem("feed.jsonl:12", "invalid JSON (Expecting value, column 1)"))
    'feed.jsonl:12: invalid JSON (Expecting value, column 1)'
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Reader = Callable[[str, Path], Iterator[Article | Problem]]


def read_inputs(
    paths: Iterable[str | Path] | str | Path, fmt: str | None = None
) -> Iterator[Article | Problem]:
    """Every article in ``paths`` (files and folders, in the order given), and every problem.

    Folders are walked recursively in sorted order, taking files with the extensions of
    ``EXTENSIONS`` and skipping hidden files and folders. ``fmt`` (one of ``FORMATS``)
    overrides detection for every file.

    >>> items = list(read_inputs(["seeds/000_55682db804c659e6.txt"]))
    >>> len(items), items[0].title[:11]
    (20, '重要鉱物の供給網強化へ')
    >>> list(read_inputs(["no/such/file.txt"]))
    [Problem(where='no/such/file.txt', message='no such file or folder')]
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError("format", f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if isinstance(paths, str | Path):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file, fmt)
        elif path.exists():
            yield from read_file(path, fmt)
        else:
            yield Problem(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.suffix.lower() in EXTENSIONS:
            yield entry


def read_file(path: Path, fmt: str | None = None) -> Iterator[Article | Problem]:
    """The articles and problems of one file, its format detected unless ``fmt`` is given.

    >>> [type(x).__name__ for x in read_file(Path("seeds/000_55682db804c659e6.txt"))][:2]
    ['Article', 'Article']
    """
    where = str(path)
    try:
        with open(path, "rb") as f:
            head = f.read(STREAM_HEAD)
    except OSError as exc:
        yield Problem(where, f"cannot be read: {exc.strerror or exc}")
        return
    chosen = fmt or detect_format(path, head)
    if chosen == "jsonl" and not any(head.startswith(bom) for bom, enc in _BOMS if enc != "utf-8"):
        from loaders.jsonl import read_jsonl_file

        yield from read_jsonl_file(path)  # line by line: memory does not grow with the file
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(where, f"cannot be read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Problem(where, "empty file")
        return
    if chosen is None:
        known = ", ".join(sorted(EXTENSIONS))
        yield Problem(where, f"unknown kind of file: name it {known} or pass a format ({', '.join(FORMATS)})")
        return
    # feeds and pages may declare their own encoding
    text = decode_markup(data) if chosen in ("feed", "html") else decode(data)
    if isinstance(text, DecodeFailure):
        yield Problem(where, text.message)
        return
    if not text.strip():
        yield Problem(where, "empty file")
        return
    if chosen == "text" and fmt is None and _is_listing(text):
        chosen = "listing"
    try:
        yield from _reader(chosen)(text, path)
    except Exception as exc:  # a parser library failing on one file must not stop the run
        yield Problem(where, f"could not be read as {chosen}: {type(exc).__name__}: {exc}")


def detect(path: str | Path) -> str | None:
    """The format ``read_inputs`` would read a file as (one of ``FORMATS``), or None.

    >>> detect("seeds/000_55682db804c659e6.txt")
    'listing'
    """
    data = Path(path).read_bytes()
    chosen = detect_format(Path(path), data)
    if chosen == "text":
        text = decode(data)
        if isinstance(text, str) and _is_listing(text):
            return "listing"
    return chosen


def _is_listing(text: str) -> bool:
    from loaders.listing import looks_like_listing

    return looks_like_listing(text)


def _reader(fmt: str) -> Reader:
    # Imported here: the readers import Problem from this module, and feedparser /
    # trafilatura are only loaded when a feed or a page is actually read.
    if fmt == "listing":
        from loaders.listing import read_listing

        return read_listing
    if fmt == "text":
        from loaders.textfiles import read_text

        return read_text
    if fmt == "jsonl":
        from loaders.jsonl import read_jsonl

        return read_jsonl
    if fmt == "feed":
        from loaders.feeds import read_feed

        return read_feed
    from loaders.html import read_html

    return read_html


_PROLOG = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|(?:[\w.-]+:)?RDF)[\s>/]")
_HTML_ROOT = re.compile(r"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)


def detect_format(path: Path, data: bytes) -> str | None:
    """The format of a file from its first bytes and its name; ``text`` for any ``.txt``
    (``read_file`` then tells a listing from plain text); None when it cannot tell.

    >>> detect_format(Path("news.xml"), b'<?xml version="1.0"?>\\n<rss version="2.0">')
    'feed'
    >>> detect_format(Path("saved.txt"), b"<feed xmlns='http://www.w3.org/2005/Atom'>")
    'feed'
    >>> detect_format(Path("a.jsonl"), b'{"text": "..."}'), detect_format(Path("a.csv"), b"x,y")
    ('jsonl', None)
    """
    head = _peek(data)
    body = head[_PROLOG.match(head).end() :]  # type: ignore[union-attr]  # the pattern always matches
    if _FEED_ROOT.match(body):
        return "feed"
    by_name = EXTENSIONS.get(path.suffix.lower())
    if by_name == "feed" and (_HTML_ROOT.match(head.lstrip()) or _HTML_ROOT.match(body)):
        return "html"  # a page saved as .xml/.xhtml-like by a browser
    return by_name


def _peek(data: bytes, size: int = 4096) -> str:
    """The start of a file as text, leniently decoded, for sniffing."""
    chunk = data[:size]
    for bom, enc in _BOMS:
        if chunk.startswith(bom):
            return chunk[len(bom) :].decode(enc, errors="ignore")
    return chunk.decode("utf-8", errors="ignore")


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class DecodeFailure:
    """Why a file's bytes are not text we accept."""

    message: str


def decode(data: bytes) -> str | DecodeFailure:
    """Bytes as text: UTF-8 with or without BOM, or UTF-16/32 with a BOM.

    >>> decode("日本".encode("utf-8-sig")), decode("日本".encode("utf-16"))
    ('日本', '日本')
    >>> decode("日本".encode("shift_jis")).message  # doctest: +ELLIPSIS
    'not UTF-8: byte 0x93 at offset 0 cannot be decoded; it looks like Shift_JIS: ...'
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                return DecodeFailure(f"not valid {enc.upper()} (it has a BOM): bad bytes at offset {offset}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return DecodeFailure(_not_utf8(data, exc))


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    bad = data[exc.start : exc.start + 1].hex()
    msg = f"not UTF-8: byte 0x{bad} at offset {exc.start} cannot be decoded"
    for enc, name in (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP")):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return f"{msg}; it looks like {name}: convert it with `iconv -f {enc.upper()} -t UTF-8`"
    return f"{msg}; save it as UTF-8"


_DECLARED = re.compile(rb"""(?:encoding|charset)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_markup(data: bytes) -> str | DecodeFailure:
    """Decode XML or HTML: a BOM first, then the encoding the document declares, else UTF-8.

    >>> decode_markup('<?xml version="1.0" encoding="Shift_JIS"?><rss>日本</rss>'.encode("cp932"))
    '<?xml version="1.0" encoding="Shift_JIS"?><rss>日本</rss>'
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode(data)
    m = _DECLARED.search(data[:2048])
    if m:
        try:
            enc = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            enc = "utf-8"
        if enc in ("shift_jis", "cp932", "ms932"):
            enc = "cp932"  # what Japanese sites labelled Shift_JIS actually use
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            declared = m.group(1).decode("ascii")
            return DecodeFailure(f"not valid {declared} as declared: bad byte at offset {exc.start}")
    return decode(data)
