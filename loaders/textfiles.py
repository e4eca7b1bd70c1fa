"""Plain text files: one article per file.

The first line is the title when it looks like a headline (at most 60 characters and no
``。``) and more text follows; the text is the rest of the file. Otherwise the whole file
is the text and the title is empty. The source is the name of the folder holding the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from loaders.models import Article, text_id
from loaders.problems import Problem

MAX_TITLE = 60


def split_title(text: str) -> tuple[str, str]:
    """``(title, text)`` of a plain text article.

    >>> split_title("米、対中規制を拡大\\n\\n米商務省は30日、規制の拡大を発表した。\\n")
    ('米、対中規制を拡大', '米商務省は30日、規制の拡大を発表した。')
    >>> split_title("米商務省は30日、規制の拡大を発表した。\\n中国は反発した。")
    ('', '米商務省は30日、規制の拡大を発表した。\\n中国は反発した。')
    """
    body = text.strip()
    first, _, rest = body.partition("\n")
    first, rest = first.strip(), rest.strip()
    if rest and len(first) <= MAX_TITLE and "。" not in first:
        return first, rest
    return "", body


def read_text(text: str, path: Path) -> Iterator[Article | Problem]:
    """The one article of a text file (``text`` is its content, ``path`` its name).

    >>> [(a.title, a.text, a.source) for a in read_text("見出し\\n本文。", Path("news/a.txt"))]
    [('見出し', '本文。', 'news')]
    """
    title, body = split_title(text)
    if not body:
        yield Problem(str(path), "empty file")
        return
    yield Article(
        id=text_id(body),
        text=body,
        title=title,
        source=path.resolve().parent.name,
        origin=str(path),
    )
