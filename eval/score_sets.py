"""Score the extractor on every real-news set that is assembled here, and say which are absent.

    python eval/score_sets.py [--sets realnews,dev,blind] [--details]

Sets live outside the repository (their texts are other people's writing), under
``$GEOKG_EVAL_HOME`` (default ``~/.cache/geokg-eval``): ``realnews/`` is the calibration set of
``../shared/eval/realnews`` (assembled by its own script), ``dev/`` and ``blind/`` are this
project's (``eval/assemble.py``). Each present set is extracted with the project's extractor
and scored by the shared scorer (``../shared/eval/score.py``); the table gives entities per
label, events per type and date accuracy. ``blind`` is the held-back part: score it only to
report, never to tune.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
ALL_SETS = ("seed", "realnews", "dev", "blind")
HOW = {
    "realnews": "../shared/eval/realnews/README.md",
    "dev": "eval/README.md",
    "blind": "eval/README.md",
}


def eval_home() -> Path:
    return Path(os.environ.get("GEOKG_EVAL_HOME") or Path.home() / ".cache" / "geokg-eval")


def paths(name: str) -> tuple[Path, Path]:
    """(articles, reference) of a set."""
    if name == "seed":
        return ROOT / "seeds" / "000_55682db804c659e6.txt", ROOT.parent / "shared" / "eval" / "seed_gold.jsonl"
    return eval_home() / name / "articles.jsonl", eval_home() / name / "gold.jsonl"


def extract(articles: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "geokg.cli", "extract", str(articles), "-o", str(out)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def score(reference: Path, predicted: Path, details: bool) -> dict:
    if details:
        subprocess.run([sys.executable, str(SCORER), str(reference), str(predicted), "--details"], check=True)
    done = subprocess.run([sys.executable, str(SCORER), str(reference), str(predicted), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def table(name: str, res: dict) -> str:
    lines = [f"== {name}: {res['articles']} articles",
             f"{'':24} {'P':>5} {'R':>5} {'F1':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for kind, title in (("ent", "entities"), ("ev", "events")):
        by = [(f"  {k}", v) for k, v in res[kind + "_by"].items() if v["tp"] + v["fp"] + v["fn"]]
        rows = [(title, res[kind]), *by]
        for k, v in rows:
            lines.append(f"{k:24} {v['p']:5.2f} {v['r']:5.2f} {v['f1']:5.2f} {v['tp']:4d} {v['fp']:4d} {v['fn']:4d}")
    d = res["dates"]
    lines.append(f"{'dates':24} {d['accuracy']:5.2f}  ({d['correct']}/{d['scored']})")
    lines.append(f"summary: entities F1 {res['ent']['f1']:.3f}, events F1 {res['ev']['f1']:.3f}, "
                 f"date accuracy {d['accuracy']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(ALL_SETS), help="comma-separated, from " + ", ".join(ALL_SETS))
    ap.add_argument("--details", action="store_true", help="the shared scorer's list of misses, per set")
    a = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"the shared scorer is not at {SCORER}: nothing can be scored")
        return 0
    absent = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.sets.split(","):
            articles, reference = paths(name)
            if not (articles.exists() and reference.exists()):
                absent.append(name)
                continue
            out = Path(tmp) / f"{name}.jsonl"
            extract(articles, out)
            print(table(name, score(reference, out, a.details)))
            print()
    for name in absent:
        print(f"absent: {name} (not assembled under {eval_home() / name}; see {HOW.get(name, 'eval/README.md')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
