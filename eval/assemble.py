"""Rebuild the texts of the project's real-news sets from search excerpts, outside the repository.

    python eval/assemble.py EXCERPTS... [--out ~/.cache/geokg-eval]

The articles are other people's writing, so only their annotations are committed
(``eval/dev/annotations.jsonl``, ``eval/blind/annotations.jsonl``): per article the
address (``url``), the look-up phrase (``query``) that finds it in the search tool's
"pages" corpus, the ``offset`` at which the text starts in the excerpt that phrase returns
for that address, the text's length and its sha1. EXCERPTS are JSON Lines files of
``{"ref": ..., "excerpt": ...}`` collected by running those look-ups (see eval/README.md).
Each set is written to OUT/<set>/articles.jsonl (input for ``geokg extract``) and
OUT/<set>/gold.jsonl (reference for the shared scorer); a text whose hash differs is
reported and left out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("dev", "blind")
META = ("title", "published", "source", "url")


def read_excerpts(paths: list[Path]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    out[rec["ref"]] = rec["excerpt"]
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    print(f"{path}:{n}: skipped ({e})", file=sys.stderr)
    return out


def assemble(name: str, excerpts: dict[str, str], out: Path) -> tuple[int, list[str]]:
    """Write one set; return how many texts were rebuilt and the refs that were not."""
    missing: list[str] = []
    rows = [json.loads(line) for line in (HERE / name / "annotations.jsonl").open(encoding="utf-8") if line.strip()]
    (out / name).mkdir(parents=True, exist_ok=True)
    ok = 0
    with (out / name / "articles.jsonl").open("w", encoding="utf-8") as fa, \
         (out / name / "gold.jsonl").open("w", encoding="utf-8") as fg:
        for a in rows:
            ex = excerpts.get(a["ref"])
            text = ex[a["offset"] : a["offset"] + a["text_len"]] if ex else None
            if not text or hashlib.sha1(text.encode("utf-8")).hexdigest() != a["text_sha1"]:
                missing.append(a["ref"])
                continue
            meta = {k: a.get(k) for k in META}
            fa.write(json.dumps({"id": a["ref"], **meta, "text": text}, ensure_ascii=False) + "\n")
            fg.write(json.dumps({"ref": a["ref"], **meta, "text": text, "entities": a["entities"],
                                 "events": a["events"]}, ensure_ascii=False) + "\n")
            ok += 1
    return ok, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("excerpts", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path.home() / ".cache" / "geokg-eval")
    a = ap.parse_args(argv)
    excerpts = read_excerpts(a.excerpts)
    bad = 0
    for name in SETS:
        ok, missing = assemble(name, excerpts, a.out)
        print(f"{name}: {ok} articles rebuilt in {a.out / name}" + (f"; missing or changed: {', '.join(missing)}"
                                                                      if missing else ""))
        bad += len(missing)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
