"""Feeds and pages parsed safely (issue 11.2): no expansion of nested or external entities and
no fetching of DTDs or entities, whatever a file declares."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from loaders.models import Article
from loaders.problems import Problem
from loaders.sources import read_inputs

STORY = ("県は12日、半導体工場の誘致に向けて用地の造成費を補助する方針を明らかにした。"
         "知事は記者会見で、交渉を年内にまとめたいと述べた。")
ITEM = "<rss version=\"2.0\"><channel><title>地方紙</title><item><guid>n-1</guid><title>県が補助</title>" \
       "<description>{body}</description></item></channel></rss>\n"
PAGE = "<html><head><title>県が補助</title></head><body><article><p>{body}</p></article></body></html>\n"


def laughs(depth: int, one_line: bool = False) -> str:
    """Nested internal entities: &lol{depth}; is 30 * 10**depth characters."""
    decls = ['<!ENTITY b "<b>x</b>">', '<!ENTITY lol "lollollollollollollollollollol">']
    decls += [f'<!ENTITY lol{i} "' + f"&{'lol' if i == 1 else f'lol{i - 1}'};" * 10 + '">' for i in range(1, 8)]
    return "\n".join(decls) if not one_line else "".join(decls)


def read(*paths: Path) -> tuple[list[Article], list[Problem]]:
    items = list(read_inputs(paths))
    return [x for x in items if isinstance(x, Article)], [x for x in items if isinstance(x, Problem)]


@pytest.fixture
def good_feed(tmp_path: Path) -> Path:
    path = tmp_path / "z_good.xml"
    path.write_text('<?xml version="1.0"?>\n' + ITEM.format(body=STORY), encoding="utf-8")
    return path


# The first declared entity is named in the message: a harmless one ("b") comes first, which
# once kept feedparser from stripping the DOCTYPE (its pattern stops at the first "<b"), so
# that the SAX parser expanded &lol5; into 3,000,000 characters from a 792-byte file.
@pytest.mark.parametrize(
    ("name", "doctype", "body"),
    [
        ("billion laughs", f"<!DOCTYPE rss [\n{laughs(7)}\n]>", "&lol5;"),
        ("billion laughs on one line", f"<!DOCTYPE rss [{laughs(7, one_line=True)}]>", "&lol7;"),
        ("external entity", '<!DOCTYPE rss [<!ENTITY b SYSTEM "file:///etc/passwd">]>', "&b;"),
        ("parameter entity", '<!DOCTYPE rss [<!ENTITY % b SYSTEM "http://127.0.0.1:9/x.dtd"> %b;]>', ""),
    ],
)
def test_feed_declaring_entities_is_refused(tmp_path: Path, good_feed: Path, name: str, doctype: str,
                                            body: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?>\n{doctype}\n' + ITEM.format(body=STORY + body), encoding="utf-8")
    assert path.stat().st_size < 1500
    started = time.monotonic()
    articles, problems = read(path, good_feed)
    assert time.monotonic() - started < 5
    assert problems == [Problem(str(path), "refused: its DOCTYPE declares the XML entity 'b', which could expand "
                                           "without bound or read local files")]
    assert [a.text for a in articles] == [STORY]  # the next file is read


def test_a_local_file_named_by_an_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-42", encoding="utf-8")
    doctype = f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?>\n{doctype}\n' + ITEM.format(body=STORY + "&xxe;"), encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f'<?xml version="1.0"?>\n{doctype}\n' + PAGE.format(body=STORY + "&xxe;"), encoding="utf-8")
    articles, problems = read(feed, page)
    assert [p.where for p in problems] == [str(feed)]
    assert [a.origin for a in articles] == [str(page)]
    assert "SECRET-MARKER" not in repr(articles) and articles[0].text.startswith(STORY)


def test_a_page_with_nested_entities_is_not_expanded(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE html [\n{laughs(7)}\n]>\n' + PAGE.format(body=STORY + "&lol5;"),
                    encoding="utf-8")
    (article,), problems = read(page)
    assert problems == []
    assert "lollol" not in article.text and len(article.text) < 200


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b'<!ENTITY ext "FETCHED-FROM-THE-NETWORK">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dtd_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_no_dtd_is_fetched(tmp_path: Path, dtd_server: str) -> None:
    dtd = f"{dtd_server}/news.dtd"
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{dtd}">\n' + ITEM.format(body=STORY),
                    encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html SYSTEM "{dtd}">\n' + PAGE.format(body=STORY + "&ext;"), encoding="utf-8")
    xhtml = tmp_path / "xhtml.xml"
    xhtml.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE html SYSTEM "{dtd}">\n' + PAGE.format(body=STORY),
                     encoding="utf-8")
    articles, problems = read(feed, page, xhtml)
    assert problems == []
    assert [a.text for a in articles] == [STORY, STORY + "&ext;", STORY]  # read, the reference left as written
    assert _Recorder.requests == []
    with urllib.request.urlopen(dtd) as answer:  # the recorder does see a fetch
        assert answer.read().startswith(b"<!ENTITY")
    assert _Recorder.requests == ["/news.dtd"]
