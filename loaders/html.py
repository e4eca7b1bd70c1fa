"""Saved HTML article pages, and HTML fragments turned into plain text.

``read_html`` hands the page (a string, never a URL: nothing is fetched) to trafilatura,
which keeps the article body and drops navigation, footers, ads and comments, and reads
the title, the publication date (from the page's metadata only: meta tags, ``<time>``,
JSON-LD) and the URL (``og:url`` or the canonical link).

``html_to_text`` is the small stdlib converter for fragments that are all content (the
body of a feed entry), where a boilerplate remover has nothing to remove and may drop a
short paragraph.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from loaders.jsonl import parse_published
from loaders.models import Article, text_id
from loaders.problems import Problem

_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"),
        *("ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"),
    }
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
# trafilatura falls back to cruder extractors, which keep menus, when the main text is
# shorter than MIN_EXTRACTED_SIZE characters (250 by default, tuned for European
# languages). A Japanese news story says in 100 characters what English says in 250.
MIN_EXTRACTED_SIZE = 80
# Page furniture removed before extraction, so that no fallback can bring it back.
PRUNE_XPATH = [
    "//nav",
    "//footer",
    "//aside",
    "//header[not(ancestor::article)]",
    "//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='complementary']",
]


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, entities unescaped, scripts dropped.

    >>> html_to_text("<p>米商務省は&quot;30日&quot;、<b>規制</b>を拡大。</p>"
    ...              "<script>x()</script><p>中国は反発。</p>")
    '米商務省は"30日"、規制を拡大。\\n中国は反発。'
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_page(page: str) -> dict[str, Any] | None:
    """Main text and metadata of a saved page: ``text``, ``title``, ``date``, ``url``,
    ``sitename`` (any may be None), or None when no article text is found.

    >>> page = ("<html><head><title>記事</title></head><body><nav>ホーム</nav><article>"
    ...         "<p>米商務省は30日、中国向けの先端半導体製造装置の輸出規制を拡大すると発表した。</p>"
    ...         "<p>中国外務省の報道官は31日の記者会見で、この措置に強く反発した。</p>"
    ...         "</article><footer>著作権</footer></body></html>")
    >>> print(extract_page(page)["text"])
    米商務省は30日、中国向けの先端半導体製造装置の輸出規制を拡大すると発表した。
    中国外務省の報道官は31日の記者会見で、この措置に強く反発した。
    """
    import trafilatura

    found = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        favor_precision=True,  # a menu line left in the text becomes a false entity downstream
        include_comments=False,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        prune_xpath=PRUNE_XPATH,
        config=_config(),
    )
    doc: Any = found.as_dict() if found is not None and hasattr(found, "as_dict") else found
    if not isinstance(doc, dict) or not (doc.get("text") or "").strip():
        return None
    return {key: doc.get(key) for key in ("text", "title", "date", "url", "sitename")}


@functools.cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_EXTRACTED_SIZE))
    return config


def read_html(text: str, path: Path) -> Iterator[Article | Problem]:
    """The article of a saved HTML page (``text`` is the page, ``path`` its file name).

    >>> page = ('<html><head><title>見出し</title><link rel="canonical" href="https://example.jp/a/1">'
    ...         '</head><body><p>米商務省は30日、輸出規制を拡大すると発表した。</p></body></html>')
    >>> [(a.title, a.url, a.text) for a in read_html(page, Path("page.html"))]
    [('見出し', 'https://example.jp/a/1', '米商務省は30日、輸出規制を拡大すると発表した。')]
    """
    found = extract_page(text)
    if found is None:
        yield Problem(str(path), "no article text found in the page")
        return
    body = found["text"].strip()
    published = parse_published(found.get("date"))
    yield Article(
        id=found.get("url") or text_id(body),
        text=body,
        title=(found.get("title") or "").strip(),
        published=published,
        source=(found.get("sitename") or "").strip() or path.resolve().parent.name,
        url=found.get("url") or None,
        reference_date=published,
        origin=str(path),
    )
