"""A Neo4j Browser guide generated from the query files: one slide per canned query, each with
a clickable code block that sets the query's parameters (``:param``) and runs it.

Neo4j Browser plays a guide from an URL whose host is on its allowlist
(``browser.remote_content_hostname_whitelist``, by default ``guides.neo4j.com,localhost``) and
which answers cross-origin requests; ``python -m queries serve`` serves queries/browser/
that way on http://localhost:8001/. ``python -m queries guide`` rewrites guide.html.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from queries.catalog import QueryInfo, list_queries
from queries.params import complete

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
GUIDE_FILE = BROWSER_DIR / "guide.html"
GRASS_FILE = BROWSER_DIR / "geokg.grass"
DEFAULT_PORT = 8001


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal for ``:param name => literal``.

    >>> cypher_literal("日本"), cypher_literal(None), cypher_literal(True), cypher_literal(["A", "B"])
    ('"日本"', 'null', 'true', '["A", "B"]')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def param_lines(info: QueryInfo) -> str:
    """``:param`` commands that set every parameter: the defaults, and the example's values for
    the required ones (so the block runs as it stands)."""
    required = {p.name for p in info.params if p.required}
    values = complete(info, {k: v for k, v in info.example_params.items() if k in required})
    return "\n".join(f":param {name} => {cypher_literal(value)};" for name, value in values.items())


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _param_table(info: QueryInfo) -> str:
    rows = []
    for p in info.params:
        default = "(required)" if p.required else json.dumps(p.default, ensure_ascii=False)
        rows.append(f"<tr><td><code>${_e(p.name)}</code></td><td>{_e(p.type)}</td>"
                    f"<td><code>{_e(default)}</code></td><td>{_e(p.description)}</td></tr>")
    return ('<table class="table table-condensed">\n'
            "<tr><th>parameter</th><th>type</th><th>default</th><th>meaning</th></tr>\n"
            + "\n".join(rows) + "\n</table>")


def _query_slide(info: QueryInfo) -> str:
    code = param_lines(info) + "\n" + info.body
    return f"""    <slide class="row-fluid">
      <div class="col-sm-3">
        <h3>{_e(info.name)}</h3>
        <p class="lead">{_e(info.question_ja)}</p>
        <p>{_e(info.question_en)}</p>
      </div>
      <div class="col-sm-9">
        <p>{_e(info.notes)}</p>
{_param_table(info)}
        <p>Click the block to copy it into the editor, change the <code>:param</code> lines if you like,
        then run it (the editor runs the statements one after another).</p>
        <figure>
          <pre class="pre-scrollable code runnable">{_e(code.rstrip())}</pre>
        </figure>
        <p>Command line: <code>{_e(info.example)}</code></p>
      </div>
    </slide>"""


def style_command(grass: str | None = None) -> str:
    """``:style`` followed by the style file on one line: running it in Browser applies the style.

    >>> style_command("node {\\n  color: #FFFFFF;\\n}")
    ':style node { color: #FFFFFF; }'
    """
    grass = GRASS_FILE.read_text(encoding="utf-8") if grass is None else grass
    return ":style " + " ".join(grass.split())


def _intro_slide(infos: list[QueryInfo]) -> str:
    items = "\n".join(f"          <li><b>{_e(q.name)}</b>: {_e(q.question_ja)} <br>{_e(q.question_en)}</li>"
                      for q in infos)
    return f"""    <slide class="row-fluid">
      <div class="col-sm-3">
        <h3>geokg 定型クエリ</h3>
        <p class="lead">Canned queries of the geopolitical event graph</p>
      </div>
      <div class="col-sm-9">
        <p>日本語ニュースから抽出した国・人物・組織・協定と、その間の出来事(会談、署名、合意、協力、
        投資、制限、依存低減…)のグラフに対する定型の問いです。各スライドのコードをクリックするとエディタに入ります。</p>
        <p>Each slide holds one question: click its code block to put the parameters and the query into
        the editor, then run it. Node colours and captions come from <code>queries/browser/geokg.grass</code>:
        run <code>:style</code> and drop that file on the frame, or run this block:</p>
        <figure>
          <pre class="pre-scrollable code runnable">{_e(style_command())}</pre>
        </figure>
        <p>This guide is generated from the <code>queries/*.cypher</code> files
        (<code>python -m queries guide</code>). To play it, serve it with
        <code>python -m queries serve</code> and run
        <code>:play http://localhost:{DEFAULT_PORT}/guide.html</code>
        (localhost is on Browser's default allowlist, <code>browser.remote_content_hostname_whitelist</code>).</p>
        <ol>
{items}
        </ol>
      </div>
    </slide>"""


def browser_guide() -> str:
    """The guide's HTML, generated from the query files.

    >>> "<slide" in browser_guide()
    True
    """
    infos = list_queries()
    slides = "\n".join([_intro_slide(infos), *(_query_slide(q) for q in infos)])
    return f"""<!DOCTYPE html>
<!-- Generated by `python -m queries guide` from queries/*.cypher: do not edit by hand. -->
<html lang="ja">
<head>
<meta charset="utf-8">
<title>geokg canned queries</title>
</head>
<body>
<article class="guide">
  <carousel class="deck container-fluid">
{slides}
  </carousel>
</article>
</body>
</html>
"""


def write_browser_guide(path: Path | None = None) -> Path:
    """Write the generated guide (by default to queries/browser/guide.html)."""
    path = path or GUIDE_FILE
    path.write_text(browser_guide(), encoding="utf-8")
    return path


class _CORSHandler(SimpleHTTPRequestHandler):
    """Static files with the header Neo4j Browser's cross-origin fetch needs."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # the CORS preflight Browser's fetch sends
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Content-Length", "0")
        self.end_headers()


def serve(port: int = DEFAULT_PORT, folder: Path = BROWSER_DIR) -> None:  # pragma: no cover - blocks
    """Serve ``folder`` on 127.0.0.1:``port`` until interrupted."""
    handler = functools.partial(_CORSHandler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving {folder} on http://localhost:{port}/ ; in Neo4j Browser run "
              f":play http://localhost:{port}/guide.html  (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
