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
# Tickets with an outcome after the cut-off day: their figures as of that day, packed the same
# way, one row per ticket (they are few), then grouped like the others.
_AS_OF_CUT = ", ".join(
    [
        *(f"coalesce({lo}, 0) | (coalesce({hi}, 0) << 32) AS cut_{c}" for c, lo, hi in PAIRS),
        "(due_day < :cut) - coalesce(closed_due_day <= :cut, 0) AS overdue",
        *(column for column, _, _ in PAIRS),  # as of now, as the monthly totals have them
    ]
)
_LATE = ", ".join(["COUNT(*)", *(f"SUM(cut_{column})" for column, _, _ in PAIRS), "SUM(overdue)"])
_LATE_NOW = ", ".join(["COUNT(*)", *(f"SUM({column})" for column, _, _ in PAIRS), "0"])
_MONTHLY = ", ".join(["n", *(column for column, _, _ in PAIRS), "0"])
_OVERDUE = ", ".join(["0", *("0" for _ in PAIRS), "COUNT(*)"])
# Two groupings, each in the order of the table or of an index, so neither sorts.
GROUPINGS = {
    "ward": ("created_month, origin_ward", "report_facts"),
    "field": ("created_month, kind, category", "report_facts INDEXED BY report_facts_fields"),
}
MONTHLY = {"ward": "report_ward_months", "field": "report_field_months"}
OPEN = {"ward": "report_facts_open_wards", "field": "report_facts_open_fields"}
Sums = tuple[list[Row], list[Row]]  # rows to add, rows to subtract
_KEYS = "created_month, origin_ward, kind, category"
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


class ReportRepository:
    """Read report figures; keep the working-day calendar they are counted with."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def db(self) -> Database:
        """Return the database the figures are read from."""
        return self._db

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

    async def tallies(self, scope: Scope, window: Window) -> dict[str, Sums]:
        """Return figures grouped by month and ward ("ward") and by month, kind and field
        ("field"): the key, then COUNT, the packed pairs of PAIRS and the overdue open tickets,
        as rows to add up and rows to subtract.

        For all wards, whole months come from the monthly totals (as of now), corrected for the
        few tickets with an outcome after the cut-off day and completed with the overdue ones.
        Other months, and narrower scopes, add settled tickets from their packed columns. The
        tickets not settled by the cut-off day are counted one by one in every case.
        """
        where, params = _where(scope, window)
        await self._db.execute("DROP TABLE IF EXISTS temp.report_late")
        await self._db.execute(
            f"CREATE TEMP TABLE report_late AS SELECT {_KEYS}, {_AS_OF_CUT} "
            f"FROM report_facts INDEXED BY report_facts_settled WHERE settled_day > :cut "
            f"AND {where}",
            params,
        )
        whole = _inner_months(window) if scope == Scope() else []
        rest = [m for m in months_between(window.first, window.last) if m not in whole]
        sums = {name: await self._sums(name, scope, window, whole, rest) for name in GROUPINGS}
        await self._db.execute("DROP TABLE temp.report_late")
        return sums

    async def _sums(
        self, name: str, scope: Scope, window: Window, whole: list[int], rest: list[int]
    ) -> Sums:
        """Return one grouping's rows to add and to subtract (see `tallies`)."""
        key, source = GROUPINGS[name]
        if scope.wards is not None:  # a few wards: read their rows, sort the few groups
            source = "report_facts"
        add, subtract = [], []
        add += await self._db.fetch_all(
            f"SELECT {key}, {_LATE} FROM temp.report_late GROUP BY {key}"
        )
        if rest:
            where, params = _where(scope, window, rest)
            add += await self._db.fetch_all(
                f"SELECT {key}, {_SETTLED} FROM {source} WHERE {where} AND settled_day <= :cut "
                f"GROUP BY {key}",
                params,
            )
        if whole:
            months = {f"m{i}": month for i, month in enumerate(whole)}
            listed = f"created_month IN ({', '.join(f':{m}' for m in months)})"
            add += await self._db.fetch_all(
                f"SELECT {key}, {_MONTHLY} FROM {MONTHLY[name]} WHERE {listed}", months
            )
            add += await self._db.fetch_all(
                f"SELECT {key}, {_OVERDUE} FROM report_facts INDEXED BY {OPEN[name]} "
                f"WHERE {listed} AND open_due_day < :cut AND settled_day <= :cut GROUP BY {key}",
                months | {"cut": window.cut},
            )
            subtract += await self._db.fetch_all(
                f"SELECT {key}, {_LATE_NOW} FROM temp.report_late WHERE {listed} GROUP BY {key}",
                months,
            )
        return add, subtract

    async def tickets(self, scope: Scope, window: Window, limit: int) -> list[Row]:
        """Return the report's ticket list (no names, phones or descriptions), oldest first."""
        where, params = _where(scope, window, prefix="f.")
        return await self._db.fetch_all(
            f"{_LIST} WHERE {where} ORDER BY f.created_day, f.ticket_id LIMIT :limit",
            params | {"limit": limit},
        )


def _where(
    scope: Scope, window: Window, months: list[int] | None = None, prefix: str = ""
) -> tuple[str, dict[str, object]]:
    """Return the WHERE clause (and parameters) selecting a scope's tickets in a window (in
    some of its months only, if given)."""
    p = prefix
    months = months or months_between(window.first, window.last)
    params: dict[str, object] = {"first": window.first, "last": window.last, "cut": window.cut}
    params |= {f"m{i}": month for i, month in enumerate(months)}
    # Months listed, not a range: with wards listed too, SQLite seeks each (month, ward) pair.
    where = f"{p}created_month IN ({', '.join(f':m{i}' for i in range(len(months)))})"
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


def _inner_months(window: Window) -> list[int]:
    """Return the months that lie wholly inside a window."""
    months = months_between(window.first, window.last)
    first, after = EPOCH + timedelta(days=window.first), EPOCH + timedelta(days=window.last + 1)
    if first.day != 1:
        months = months[1:]
    if after.day != 1:
        months = months[:-1]
    return months


def _whole_months(window: Window) -> bool:
    """Tell whether a window starts on a month's first day and ends on a month's last day."""
    return _inner_months(window) == months_between(window.first, window.last)


def day_number(day: date) -> int:
    """Return the local day number (days since 1970-01-01)."""
    return (day - EPOCH).days


def months_between(first: int, last: int) -> list[int]:
    """Return YYYYMM of every month from one local day number to another."""
    start, end = EPOCH + timedelta(days=first), EPOCH + timedelta(days=last)
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
