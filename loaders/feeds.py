"""RSS (0.9x, 1.0, 2.0) and Atom feeds, read with feedparser.

Each entry is an article: id = the entry's id / guid, else its link, else ``text_id``;
title; ``published`` = the entry's published (else updated) date in the time zone the feed
wrote it in; url = link; text = the entry's content (else its summary) as plain text;
source = the feed's title. An entry without text, a feed without entries, or a feed
feedparser cannot read at all, is a ``Problem``.

A feed whose DOCTYPE declares entities is refused before feedparser sees it (defusedxml
finds them): nested internal entities expand a 1 KB file into megabytes of text ("billion
laughs"), and external ones name local files or addresses. No DTD or entity is ever fetched
(feedparser's parser has external entities switched off, and nothing here opens a URL).
"""

from __future__ import annotations

import email.utils
import io
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from loaders.html import html_to_text
from loaders.jsonl import parse_published
from loaders.models import Article, text_id
from loaders.problems import Problem

_XML_ENCODING = re.compile(r"""\A(\ufeff?\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def entry_date(entry: Any) -> str | None:
    """The ISO date of an entry, as written: ``Wed, 28 Jan 2026 08:00:00 +0900`` is
    2026-01-28 (feedparser's ``published_parsed`` would say 27 January, in UTC).

    >>> entry_date({"published": "Wed, 28 Jan 2026 08:00:00 +0900"})
    '2026-01-28'
    >>> entry_date({"updated": "2026-01-28T08:00:00+09:00"})
    '2026-01-28'
    """
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        if iso := parse_published(raw):
            return iso
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):  # a format only feedparser knows; UTC
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _plain(detail: Any) -> str:
    value = (detail or {}).get("value") or ""
    if "html" in ((detail or {}).get("type") or "") or re.search(r"<[a-zA-Z/!]|&\w+;|&#", value):
        return html_to_text(value)
    return value.strip()


def _link(entry: Any) -> str:
    """The entry's web address. feedparser copies the id into ``link`` when there is no
    link; an id such as ``tag:example.jp,2026:1`` is not an address."""
    link = (entry.get("link") or "").strip()
    return link if re.match(r"https?://", link, re.IGNORECASE) else ""


def entry_text(entry: Any) -> str:
    """The entry's body as plain text: its full content, else its summary.

    >>> entry_text({"summary_detail": {"type": "text/html", "value": "<p>要旨。</p>"},
    ...             "content": [{"type": "text/html", "value": "<p>全文&amp;詳細。</p><p>続き。</p>"}]})
    '全文&詳細。\\n続き。'
    """
    for detail in entry.get("content") or []:
        if text := _plain(detail):
            return text
    return _plain(entry.get("summary_detail") or {"value": entry.get("summary")})


def declared_entities(data: bytes) -> str | None:
    """Why an XML document is refused (it declares entities), or None.

    >>> print(declared_entities(b'<!DOCTYPE rss [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><rss>&b;</rss>'))
    refused: its DOCTYPE declares the XML entity 'a', which could expand without bound or read local files
    >>> declared_entities(b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss/>')
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException, EntitiesForbidden
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        return (f"refused: its DOCTYPE declares the XML entity {exc.name!r}, "
                "which could expand without bound or read local files")
    except DefusedXmlException as exc:
        return f"refused: {exc}; geokg does not fetch or read anything a feed points to"
    except ParseError:
        return None  # not well-formed: feedparser's lenient parser reads it, without declared entities
    return None


def read_feed(text: str, path: Path) -> Iterator[Article | Problem]:
    """The articles of an RSS or Atom feed (``text`` is the decoded file, ``path`` its name).

    >>> rss = ('<rss version="2.0"><channel><title>例ニュース</title><item><guid>n-1</guid>'
    ...        '<title>見出し</title><pubDate>Wed, 28 Jan 2026 08:00:00 +0900</pubDate>'
    ...        '<description>&lt;p&gt;政府は27日、支援を決めた。&lt;/p&gt;</description>'
    ...        '</item></channel></rss>')
    >>> [(a.id, a.title, a.published, a.source, a.text) for a in read_feed(rss, Path("f.xml"))]
    [('n-1', '見出し', '2026-01-28', '例ニュース', '政府は27日、支援を決めた。')]
    """
    import feedparser

    where = str(path)
    # The text is already decoded: say so to feedparser, and give it a stream, which it
    # never mistakes for a URL or a file name.
    data = _XML_ENCODING.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")
    if (refused := declared_entities(data)) is not None:
        yield Problem(where, refused)
        return
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.get("bozo"):
            yield Problem(where, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        else:
            yield Problem(where, "a feed without entries")
        return
    feed_title = _plain(parsed.feed.get("title_detail") or {"value": parsed.feed.get("title")})
    for n, entry in enumerate(parsed.entries, 1):
        body = entry_text(entry)
        given = (entry.get("id") or "").strip()
        link = _link(entry)
        if not body:
            label = f"guid {given}" if given else (f"link {link}" if link else "no guid")
            yield Problem(where, f"entry {n} ({label}): no text")
            continue
        published = entry_date(entry)
        metadata: dict[str, Any] = {"feed": feed_title, "entry": n}
        if tags := [t.get("term") for t in entry.get("tags") or [] if t.get("term")]:
            metadata["tags"] = tags
        if author := entry.get("author"):
            metadata["author"] = author
        yield Article(
            id=given or link or text_id(body),
            text=body,
            title=_plain(entry.get("title_detail") or {"value": entry.get("title")}),
            published=published,
            source=feed_title or path.stem,
            url=link or None,
            reference_date=published,
            origin=f"{where}#entry{n}",
            metadata=metadata,
        )
