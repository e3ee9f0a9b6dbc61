"""What the FAQ makes of one citizen's question, computed in one place (here or in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.faq.matcher import FaqMatcher, Match, Suggestion, looks_like_report
from bot.text import normalize

MAX_QUESTION = 1000  # longer messages are read (and logged) up to here


@dataclass(frozen=True, slots=True)
class Reading:
    """A question's match, its normalised text (as logged) and whether it reads as a report."""

    match: Match
    normalized: str
    report: bool


def read_question(matcher: FaqMatcher, text: str) -> Reading:
    """Match a question and read it the ways the FAQ desk needs; pure CPU work."""
    question = text[:MAX_QUESTION]
    return Reading(matcher.match(question), normalize(question), looks_like_report(text))


def to_wire(reading: Reading) -> dict[str, Any]:
    """Return a reading as JSON-ready data (for the worker's pipe)."""
    match = reading.match
    return {
        "decision": match.decision,
        "id": match.id,
        "score": match.score,
        "suggestions": [[s.id, s.score] for s in match.suggestions],
        "normalized": reading.normalized,
        "report": reading.report,
    }


def from_wire(data: dict[str, Any]) -> Reading:
    """Rebuild a reading from `to_wire` data; raise ValueError if it is not one."""
    try:
        decision = data["decision"]
        if decision not in ("answer", "suggest", "none"):
            raise ValueError(f"unknown decision {decision!r}")
        suggestions = tuple(Suggestion(str(i), float(s)) for i, s in data["suggestions"])
        entry = None if data["id"] is None else str(data["id"])
        match = Match(decision, entry, float(data["score"]), suggestions)
        return Reading(match, str(data["normalized"]), bool(data["report"]))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a reading: {exc}") from exc
