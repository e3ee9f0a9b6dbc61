"""Period reports: figures aggregated in SQL from `report_facts`, the calendar they count with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storage.database import Database, Row

EPOCH = date(1970, 1, 1)  # local day numbers count from here

# Figures counted in pairs (see the packed columns of report_facts in 0005): the packed column,
# then for each figure of the pair its value as of the cut-off day, for tickets not yet settled.
PAIRS = (
    ("resolved_declined", "resolved_day <= :cut", "declined_day <= :cut"),
    ("ontime_late", "ontime_day <= :cut", "late_day <= :cut"),
    ("transferred_replied", "transfer_day <= :cut", "reply_day <= :cut"),
    ("rated_satisfied", "rated_day <= :cut", "satisfied_day <= :cut"),
    ("counted", "reply_day <= :cut AND reply_wd IS NOT NULL",
     "resolved_day <= :cut AND close_wd IS NOT NULL"),
    ("working_days", "CASE WHEN reply_day <= :cut THEN reply_wd END",
     "CASE WHEN resolved_day <= :cut THEN close_wd END"),
)  # fmt: skip
LOW = (1 << 32) - 1  # the low half of a packed pair
_SETTLED = ", ".join(
    ["COUNT(*)", *(f"SUM({column})" for column, _, _ in PAIRS), "SUM(open_due_day < :cut)"]
)
_UNSETTLED = ", ".join(
    [
        "COUNT(*)",
        *(f"coalesce(SUM({lo}), 0) | (coalesce(SUM({hi}), 0) << 32)" for _, lo, hi in PAIRS),
        "SUM(due_day < :cut) - coalesce(SUM(closed_due_day <= :cut), 0)",
    ]
)
# Two groupings, each in the order of the table or of an index, so neither sorts.
GROUPINGS = {
    "ward": ("created_month, origin_ward", "report_facts"),
    "field": ("created_month, kind, category", "report_facts INDEXED BY report_facts_fields"),
}
_LIST = """
    SELECT t.code, f.kind, f.origin_ward, t.ward_code, f.category, f.created_day, f.due_day,
           CASE WHEN f.reply_day <= :cut THEN f.reply_day END,
           CASE WHEN f.resolved_day <= :cut THEN f.resolved_day END,
           CASE WHEN f.declined_day <= :cut THEN f.declined_day END,
           CASE WHEN f.reply_day <= :cut THEN f.reply_wd END,
           CASE WHEN f.resolved_day <= :cut THEN f.close_wd END,
           f.transfer_day <= :cut,
           CASE WHEN f.satisfied_day <= :cut THEN 1 WHEN f.rated_day <= :cut THEN 0 END
    FROM report_facts f JOIN tickets t ON t.id = f.ticket_id
"""
_RECOUNT = """
    UPDATE report_facts SET
        reply_wd = (SELECT n FROM working_days WHERE day = reply_day)
                 - (SELECT n FROM working_days WHERE day = created_day),
        close_wd = (SELECT n FROM working_days WHERE day = resolved_day)
                 - (SELECT n FROM working_days WHERE day = created_day)
"""
# The condition of the partial index report_facts_uncounted, so recounting reads only those rows.
_UNCOUNTED = (
    "(reply_day IS NOT NULL AND reply_wd IS NULL) "
    "OR (resolved_day IS NOT NULL AND close_wd IS NULL)"
)
# Answered: an answer or an entry opened from the menu, or a suggestion the citizen chose, unless
# they said it was wrong. Unanswered: nothing fitted, or "wrong", unless it was a report to file.
# A suggestion nobody chose is neither. Both read from the index faq_queries_report alone.
_ANSWERED = (
    "(decision IN ('answer', 'browse') OR feedback LIKE 'chose:%') "
    "AND coalesce(feedback, '') != 'wrong'"
)
_UNANSWERED = "(decision = 'none' OR feedback = 'wrong') AND coalesce(feedback, '') != 'report'"
_PERIOD = "at >= :start AND at < :end"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which tickets a report covers: some wards (None: all), or those routed to one chat."""

    wards: tuple[str, ...] | None = None
    chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class Window:
    """Local day numbers: tickets received from `first` to `last`, outcomes up to `cut`."""

    first: int
    last: int
    cut: int


@dataclass(frozen=True, slots=True)
class FaqCounts:
    """What the FAQ log says about one period."""

    answered: int
    citizens: int
    unanswered: int
    topics: list[tuple[str, int]]  # (topic id, answered questions), most asked first
    examples: list[str]  # normalised questions the FAQ could not answer, most frequent first


class ReportRepository:
    """Read report figures; keep the working-day calendar they are counted with."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def sync_calendar(self, days: Sequence[tuple[int, int]]) -> int:
        """Store the (day, working-day number) pairs that changed and recount from the earliest."""
        stored = {
            int(r["day"]): int(r["n"])
            for r in await self._db.fetch_all("SELECT day, n FROM working_days")
        }
        changed = [(day, n) for day, n in days if stored.get(day) != n]
        if changed:
            await self._db.execute_many(
                "INSERT INTO working_days (day, n) VALUES (?, ?) "
                "ON CONFLICT (day) DO UPDATE SET n = excluded.n",
                changed,
            )
            since = min(day for day, _ in changed)
            await self._recount("reply_day >= ? OR resolved_day >= ?", (since, since))
        return len(changed)

    async def count_pending(self) -> None:
        """Count working days the calendar could not count when the outcome was recorded."""
        await self._recount(_UNCOUNTED, ())

    async def _recount(self, where: str, params: tuple[int, ...]) -> None:
        """Recount working days for the facts `where` selects."""
        await self._db.execute(f"{_RECOUNT} WHERE {where}", params)

    async def tallies(self, scope: Scope, window: Window) -> dict[str, list[Row]]:
        """Return figures grouped by month and ward ("ward") and by month, kind and field
        ("field"): the key, then COUNT, the packed pairs of PAIRS and the overdue open tickets.

        Tickets whose outcomes all happened by the cut-off day are added from their packed
        columns; the few with an outcome after it are counted one by one and come as further
        rows with the same keys (add them up).
        """
        where, params = _where(scope, window)
        groups: dict[str, list[Row]] = {}
        for name, (key, source) in GROUPINGS.items():
            settled = await self._db.fetch_all(
                f"SELECT {key}, {_SETTLED} FROM {source} WHERE {where} AND settled_day <= :cut "
                f"GROUP BY {key}",
                params,
            )
            unsettled = await self._db.fetch_all(
                f"SELECT {key}, {_UNSETTLED} FROM report_facts INDEXED BY report_facts_settled "
                f"WHERE settled_day > :cut AND {where} GROUP BY {key}",
                params,
            )
            groups[name] = settled + unsettled
        return groups

    async def tickets(self, scope: Scope, window: Window, limit: int) -> list[Row]:
        """Return the report's ticket list (no names, phones or descriptions), oldest first."""
        where, params = _where(scope, window, prefix="f.")
        return await self._db.fetch_all(
            f"{_LIST} WHERE {where} ORDER BY f.created_day, f.ticket_id LIMIT :limit",
            params | {"limit": limit},
        )

    async def faq_counts(self, start: float, end: float, examples: int) -> FaqCounts:
        """Count answered and unanswered questions and distinct askers in [start, end)."""
        span = {"start": start, "end": end, "k": examples}
        totals = await self._db.fetch_one(
            f"SELECT SUM({_ANSWERED}) AS a, SUM({_UNANSWERED}) AS u FROM faq_queries "
            f"WHERE {_PERIOD}",
            span,
        )
        askers = await self._db.fetch_one(
            f"SELECT COUNT(DISTINCT asker) AS c FROM faq_queries WHERE {_PERIOD} AND {_ANSWERED}",
            span,
        )
        topics = await self._db.fetch_all(
            "SELECT substr(entry, 1, instr(entry || '/', '/') - 1) AS topic, COUNT(*) AS n FROM ("
            "SELECT CASE WHEN feedback LIKE 'chose:%' THEN substr(feedback, 7) ELSE entry_id END"
            f" AS entry FROM faq_queries WHERE {_PERIOD} AND {_ANSWERED}"
            ") GROUP BY topic ORDER BY n DESC, topic LIMIT 5",
            span,
        )
        asked = await self._db.fetch_all(
            f"SELECT normalized, COUNT(*) AS n FROM faq_queries WHERE {_PERIOD} AND {_UNANSWERED}"
            " GROUP BY normalized ORDER BY n DESC, MAX(at) DESC LIMIT :k",
            span,
        )
        return FaqCounts(
            answered=int(totals["a"] or 0) if totals else 0,
            citizens=int(askers["c"] or 0) if askers else 0,
            unanswered=int(totals["u"] or 0) if totals else 0,
            topics=[(str(r["topic"]), int(r["n"])) for r in topics],
            examples=[str(r["normalized"]) for r in asked],
        )


def _where(scope: Scope, window: Window, prefix: str = "") -> tuple[str, dict[str, object]]:
    """Return the WHERE clause (and parameters) selecting a scope's tickets in a window."""
    p = prefix
    params: dict[str, object] = {
        "first": window.first,
        "last": window.last,
        "cut": window.cut,
        "m_first": month_of(window.first),
        "m_last": month_of(window.last),
    }
    where = f"{p}created_month BETWEEN :m_first AND :m_last"
    if not _whole_months(window):  # else every row of those months is in the period
        where += f" AND {p}created_day BETWEEN :first AND :last"
    if scope.wards is not None:
        marks = ", ".join(f":w{i}" for i in range(len(scope.wards)))
        where += f" AND {p}origin_ward IN ({marks})"
        params |= {f"w{i}": ward for i, ward in enumerate(scope.wards)}
    if scope.chat_id is not None:
        where += f" AND {p}ticket_id IN (SELECT id FROM tickets WHERE group_chat_id = :chat)"
        params["chat"] = scope.chat_id
    return where, params


def _whole_months(window: Window) -> bool:
    """Tell whether a window starts on a month's first day and ends on a month's last day."""
    first, after = EPOCH + timedelta(days=window.first), EPOCH + timedelta(days=window.last + 1)
    return first.day == 1 and after.day == 1


def month_of(day: int) -> int:
    """Return YYYYMM of a local day number (days since 1970-01-01)."""
    d = EPOCH + timedelta(days=day)
    return d.year * 100 + d.month
