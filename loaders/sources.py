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

Text is decoded as ``loaders.encodings`` says: UTF-8, UTF-16/32 with a BOM, and Japanese
legacy encodings and BOM-less UTF-16 when they are recognised; anything else is a ``Problem``
naming the file, the first bad byte and what the bytes look like. Feeds and HTML pages may
declare their own encoding (``<?xml encoding=...?>``, ``<meta charset>``), which is honoured.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geokg.errors import InputError
from loaders.encodings import BOMS, DecodeFailure, decode, decode_markup
from loaders.feeds import read_feed
from loaders.html import read_html
from loaders.jsonl import read_jsonl
from loaders.listing import looks_like_listing, read_listing
from loaders.models import Article
from loaders.problems import Problem
from loaders.textfiles import read_text

__all__ = ["EXTENSIONS", "FORMATS", "DecodeFailure", "Problem", "decode", "decode_markup", "detect",
           "detect_format", "input_files", "read_file", "read_inputs"]

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

Reader = Callable[[str, Path], Iterator[Article | Problem]]

#: Each reader catches what it expects of bad input and yields a ``Problem`` for it; any
#: other exception is a bug and is not caught here (``loaders.pipeline`` reports it as one).
READERS: dict[str, Reader] = {
    "listing": read_listing,
    "text": read_text,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "html": read_html,
}


def read_inputs(
    paths: Iterable[str | Path] | str | Path, fmt: str | None = None
) -> Iterator[Article | Problem]:
    """Every article in ``paths`` (files and folders, in the order given), and every problem.

    Folders are walked as ``input_files`` says. ``fmt`` (one of ``FORMATS``) overrides
    detection for every file.

    >>> items = list(read_inputs(["seeds/000_55682db804c659e6.txt"]))
    >>> len(items), items[0].title[:11]
    (20, '重要鉱物の供給網強化へ')
    >>> list(read_inputs(["no/such/file.txt"]))
    [Problem(where='no/such/file.txt', message='no such file or folder')]
    """
    check_format(fmt)
    for item in input_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, fmt)


def check_format(fmt: str | None) -> None:
    """Raise ``InputError`` unless ``fmt`` is None or one of ``FORMATS``."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError("format", f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def input_files(paths: Iterable[str | Path] | str | Path) -> Iterator[Path | Problem]:
    """The files to read in ``paths``, and a ``Problem`` for each path that cannot be listed.

    Folders are walked recursively in sorted order, taking files with the extensions of
    ``EXTENSIONS`` and skipping hidden files and folders. Every file and folder is taken
    once, however many links lead to it: a symbolic link back to a folder above is not
    followed again.

    >>> [p.name for p in input_files(["tests/data/sources/texts"])][:2]
    ['a_titled.txt', 'b_untitled.txt']
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    seen: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield Problem(str(path), "no such file or folder")
            continue
        except OSError as exc:
            yield Problem(str(path), f"cannot be read: {exc.strerror or exc}")
            continue
        if path.is_dir():
            yield from _walk(path, seen)
        elif _first_visit(st, seen):
            yield path


def _first_visit(st: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Problem]:
    try:
        if not _first_visit(folder.stat(), seen):
            return  # reached again through a link: a loop, or a second way in
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Problem(str(folder), f"folder cannot be read: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            st = entry.stat()
        except OSError as exc:  # a broken link, a link loop, no permission
            if entry.suffix.lower() in EXTENSIONS or entry.is_symlink():
                yield Problem(str(entry), f"cannot be read: {exc.strerror or exc}")
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.suffix.lower() in EXTENSIONS and _first_visit(st, seen):
            yield entry


def _by_lines(head: bytes) -> bool:
    """Whether a JSON Lines file can be read a line at a time: any encoding that keeps b"\\n"
    a line end (UTF-8, Shift_JIS, EUC-JP; each line is decoded on its own), so not UTF-16 or
    UTF-32, whose BOM says so (BOM-less UTF-16 is decoded whole, where it is recognised)."""
    if any(head.startswith(bom) for bom, enc in BOMS if not enc.startswith("utf-8")):
        return False
    return b"\x00" not in head[:4096]


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
    if chosen == "jsonl" and _by_lines(head):
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
    if chosen == "text" and fmt is None and looks_like_listing(text):
        chosen = "listing"
    yield from READERS[chosen](text, path)


def detect(path: str | Path) -> str | None:
    """The format ``read_inputs`` would read a file as (one of ``FORMATS``), or None.

    >>> detect("seeds/000_55682db804c659e6.txt")
    'listing'
    """
    data = Path(path).read_bytes()
    chosen = detect_format(Path(path), data)
    if chosen == "text":
        text = decode(data)
        if isinstance(text, str) and looks_like_listing(text):
            return "listing"
    return chosen


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
    for bom, enc in BOMS:
        if chunk.startswith(bom):
            return chunk[len(bom) :].decode(enc, errors="ignore")
    return chunk.decode("utf-8", errors="ignore")
