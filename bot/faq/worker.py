"""The FAQ reading worker: `python -m bot.faq.worker DB [VERSION]` reads questions from stdin.

One JSON object per line each way. A request is {"id", "version", "text"}; the reply is
{"id", "reading": ...} or {"id", "error": <kind>}. The worker builds the matcher of the version
asked for from the database (read-only) and keeps the latest one; VERSION is built at once.
It never logs a question: a denouncer may have typed a name into one.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

from bot.faq.matcher import FaqMatcher
from bot.faq.model import Faq
from bot.faq.reading import read_question, to_wire
from storage.faq import read_version_content


class VersionMissing(LookupError):
    """The database holds no committed FAQ version with that id."""


class Worker:
    """Answer reading requests with the matcher of the version each one names."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._version: int | None = None
        self._matcher: FaqMatcher | None = None

    def reply(self, line: str) -> dict[str, Any] | None:
        """Return the reply to one request line, or None if it is not a request."""
        try:
            request = json.loads(line)
            number, version, text = int(request["id"]), int(request["version"]), request["text"]
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(text, str):
            return {"id": number, "error": "TypeError"}
        try:
            return {
                "id": number,
                "reading": to_wire(read_question(self._matcher_of(version), text)),
            }
        except Exception as exc:  # the bot reads the question itself; the kind is enough
            return {"id": number, "error": type(exc).__name__}

    def load(self, version: int) -> None:
        """Build a version's matcher now (the bot's current one, before its first question)."""
        self._matcher_of(version)

    def _matcher_of(self, version: int) -> FaqMatcher:
        if self._matcher is None or self._version != version:
            content = read_version_content(self._db_path, version)
            if content is None:
                raise VersionMissing(version)
            self._matcher = FaqMatcher.build(Faq.from_dict(json.loads(content)))
            self._version = version
        return self._matcher


def serve(worker: Worker, requests: TextIO, replies: TextIO) -> None:
    """Answer requests until the input closes."""
    for line in requests:
        answer = worker.reply(line)
        if answer is not None:
            replies.write(json.dumps(answer) + "\n")  # ASCII: no encoding to agree on
            replies.flush()


def main(argv: list[str] | None = None) -> int:
    """Run the worker on the database named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2) or not all(a.isdigit() for a in args[1:]):
        print("usage: python -m bot.faq.worker DB [VERSION]", file=sys.stderr)
        return 2
    # Ctrl-C reaches the whole process group: the bot stops the worker by closing its input.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker = Worker(Path(args[0]))
    if len(args) == 2:
        with contextlib.suppress(Exception):  # the first question will say what is wrong
            worker.load(int(args[1]))
    serve(worker, sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
