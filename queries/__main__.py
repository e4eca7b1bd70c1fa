"""``python -m queries guide`` rewrites queries/browser/guide.html from the query files;
``python -m queries serve [--port 8001]`` also serves queries/browser/ for Neo4j Browser's
``:play http://localhost:8001/guide.html``."""

from __future__ import annotations

import argparse

from queries.guide import DEFAULT_PORT, serve, write_browser_guide


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m queries", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("guide", help="rewrite queries/browser/guide.html")
    serve_cmd = sub.add_parser("serve", help="rewrite the guide and serve queries/browser/ with CORS")
    serve_cmd.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    print(f"wrote {write_browser_guide()}")
    if args.command == "serve":
        serve(args.port)


if __name__ == "__main__":
    main()
