"""What the FAQ log says about a period: questions answered and not, citizens, topics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from storage.database import Database

# Answered: an answer or an entry opened from the menu, or a suggestion the citizen chose, unless
# they said it was wrong. Unanswered: nothing fitted, or "wrong", unless it was a report to file.
# A suggestion nobody chose is neither. Both work on faq_queries and on faq_daily alike
# (where a missing entry or feedback is '').
_ANSWERED = (
    "(decision IN ('answer', 'browse') OR feedback LIKE 'chose:%') "
    "AND coalesce(feedback, '') != 'wrong'"
)
_UNANSWERED = "(decision = 'none' OR feedback = 'wrong') AND coalesce(feedback, '') != 'report'"
_PERIOD = "at >= :start AND at < :end"


@dataclass(frozen=True, slots=True)
class FaqCounts:
    """What the FAQ log says about one period."""

    answered: int
    citizens: int
    unanswered: int
    topics: list[tuple[str, int]]  # (topic id, answered questions), most asked first
    examples: list[str]  # normalised questions the FAQ could not answer, most frequent first


async def faq_counts(
    db: Database, days: tuple[int, int], span: tuple[float, float], examples: int
) -> FaqCounts:
    """Count the questions of local days `days` (unix times `span`, the same period)."""
    params = {"first": days[0], "last": days[1], "start": span[0], "end": span[1], "k": examples}
    # The daily counts, grouped by what decides the figures: flags and entry worked out per group.
    groups = await db.fetch_all(
        f"SELECT {_ANSWERED} AS a, {_UNANSWERED} AS u, CASE WHEN feedback LIKE 'chose:%'"
        " THEN substr(feedback, 7) ELSE entry_id END AS entry, SUM(n) AS n FROM faq_daily"
        " WHERE day BETWEEN :first AND :last GROUP BY decision, entry_id, feedback",
        params,
    )
    askers = await db.fetch_one(
        f"SELECT COUNT(DISTINCT asker) AS c FROM faq_queries WHERE {_PERIOD} AND {_ANSWERED}",
        params,
    )
    asked = await db.fetch_all(
        "SELECT normalized, COUNT(*) AS n FROM faq_queries INDEXED BY faq_queries_report"
        f" WHERE {_PERIOD} AND {_UNANSWERED}"
        " GROUP BY normalized ORDER BY n DESC, MAX(at) DESC LIMIT :k",
        params,
    )
    topics: Counter[str] = Counter()
    for group in groups:
        if group["a"] and group["n"]:  # a day's count left at 0 by feedback counts no topic
            topics[str(group["entry"]).split("/")[0]] += int(group["n"])
    return FaqCounts(
        answered=sum(int(g["n"]) for g in groups if g["a"]),
        citizens=int(askers["c"] or 0) if askers else 0,
        unanswered=sum(int(g["n"]) for g in groups if g["u"]),
        topics=sorted(topics.items(), key=lambda item: (-item[1], item[0]))[:5],
        examples=[str(r["normalized"]) for r in asked],
    )
