"""`danvan faq check` validates a content folder; `danvan faq ask` matches questions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from bot.config import BUNDLED_CONTENT
from bot.faq.loader import check_faq, load_faq
from bot.faq.matcher import FaqMatcher, Match

DEFAULT_FAQ = BUNDLED_CONTENT / "faq"


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `faq check` and `faq ask` to the command line."""
    faq = sub.add_parser("faq", help="the law-dissemination FAQ").add_subparsers(
        dest="faq_command", required=True
    )
    check = faq.add_parser("check", help="validate a FAQ folder; exit 1 on any error")
    check.add_argument("dir", nargs="?", default=str(DEFAULT_FAQ))
    ask = faq.add_parser("ask", help="match a question (or one per line from stdin)")
    ask.add_argument("--content", default=str(DEFAULT_FAQ), help="FAQ folder")
    ask.add_argument("--json", action="store_true", help="one JSON object per query")
    ask.add_argument("query", nargs="*", help="the question; none: read stdin")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run `faq check` or `faq ask`; return the exit code."""
    out = out or sys.stdout
    if args.faq_command == "check":
        return _check(Path(args.dir), out)
    matcher = FaqMatcher.build(load_faq(Path(args.content)))
    queries = [" ".join(args.query)] if args.query else [q.strip() for q in sys.stdin]
    for query in queries:
        if query:
            result = matcher.match(query)
            print(_json(query, result) if args.json else _line(query, result), file=out)
    return 0


def _check(folder: Path, out: TextIO) -> int:
    faq, errors = check_faq(folder)
    for error in errors:
        print(error, file=out)
    if faq is None:
        print(f"{len(errors)} error(s)", file=out)
        return 1
    print(f"OK: {len(faq.entries)} entries in {len(faq.topics)} topics", file=out)
    return 0


def _json(query: str, match: Match) -> str:
    return json.dumps(
        {
            "query": query,
            "decision": match.decision,
            "id": match.id,
            "score": round(match.score, 2),
            "suggestions": [{"id": s.id, "score": round(s.score, 2)} for s in match.suggestions],
        },
        ensure_ascii=False,
    )


def _line(query: str, match: Match) -> str:
    others = ", ".join(f"{s.id} ({s.score:.0f})" for s in match.suggestions)
    return f"{match.decision:7} {match.id or '-'} ({match.score:.0f})  {query}" + (
        f"\n        suggestions: {others}" if others else ""
    )
