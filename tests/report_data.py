"""A hand-built data set for period reports: ten tickets around the third quarter of 2026.

Every expected figure in the report tests is worked out by hand from the comments below
(working days skip weekends and the National Day break, 31/8-2/9/2026).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.categories import CategoryList
from bot.config import BUNDLED_CONTENT
from bot.deadline_file import load_policy
from bot.reports.builder import ReportBuilder
from bot.reports.bulletins import BulletinSource, NoBulletins
from bot.wards import WardDirectory
from bot.workdays import WorkingCalendar
from storage.database import Database
from storage.reports import ReportRepository

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MIGRATIONS = Path(__file__).parents[1] / "storage" / "migrations"
TITLES = {"cu-tru": "Cư trú", "can-cuoc": "Căn cước", "dat-dai": "Đất đai"}
BA_DINH, HOAN_KIEM = "00004", "00070"
DENOUNCER = ("Nguyễn Văn Tố", "0912345678", "12 Hàng Bông")
DENUNCIATION_TEXT = "Tố cáo ông Trần Văn Y nhận tiền, gọi tôi số 0987654321"


def at(text: str) -> float:
    """Return the unix time of a local (Vietnam) date and time, "2026-07-06 09:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ).timestamp()


@dataclass(frozen=True)
class Case:
    """One ticket: what was filed, then its history as (action, local time) in order."""

    code: str
    kind: str
    ward: str
    category: str
    created: str
    due: str
    status: str
    history: tuple[tuple[str, str], ...] = ()
    rating: str | None = None  # set with the last "rated" event
    moved_to: str | None = None  # the ward a "transferred" event moves it to
    contact: tuple[str, str, str] | None = None
    description: str = "Mô tả sự việc"
    extra: dict[str, str] = field(default_factory=dict)


CASES = (
    # Replied after 2 working days (7, 8 July), resolved after 4, on time, satisfied.
    Case("AAAA-0001", "phan_anh", BA_DINH, "moi-truong", "2026-07-06 09:00", "2026-07-20",
         "resolved", (("answered", "2026-07-08 10:00"), ("resolved", "2026-07-10 15:00"),
                      ("rated", "2026-07-11 08:00")), rating="satisfied"),
    # Friday afternoon: replied Monday (1 working day); resolved 5/8, after its due date (late,
    # 13 working days); not satisfied.
    Case("AAAA-0002", "phan_anh", BA_DINH, "giao-thong", "2026-07-17 16:00", "2026-07-31",
         "resolved", (("answered", "2026-07-20 09:00"), ("resolved", "2026-08-05 11:00"),
                      ("rated", "2026-08-06 08:00")), rating="unsatisfied"),
    # Declined the next day: replied in 1 working day, on time, not resolved.
    Case("AAAA-0003", "khieu_nai", HOAN_KIEM, "dat-dai-xay-dung", "2026-08-03 08:00",
         "2026-08-17", "declined", (("declined", "2026-08-04 09:00"),)),
    # A denunciation nobody handled: open and overdue at the end of the quarter.
    Case("AAAA-0004", "to_cao", BA_DINH, "an-ninh-trat-tu", "2026-08-10 10:00", "2026-08-19",
         "received", contact=DENOUNCER, description=DENUNCIATION_TEXT),
    # Open, due after the quarter: in time.
    Case("AAAA-0005", "hoa_giai", HOAN_KIEM, "trat-tu-do-thi", "2026-09-25 10:00",
         "2026-10-05", "received"),
    # Filed with Ba Đình, moved to Hoàn Kiếm; across the National Day break: replied in 1
    # working day (3/9), resolved in 2 (3/9, 4/9).
    Case("AAAA-0006", "cau_hoi", BA_DINH, "moi-truong", "2026-08-28 10:00", "2026-09-11",
         "resolved", (("transferred", "2026-08-28 14:00"), ("answered", "2026-09-03 09:00"),
                      ("resolved", "2026-09-04 09:00")), moved_to=HOAN_KIEM),
    # Replied in 1 working day; resolved only after the quarter: open at its end, not overdue.
    Case("AAAA-0007", "phan_anh", BA_DINH, "moi-truong", "2026-09-21 09:00", "2026-10-02",
         "resolved", (("answered", "2026-09-22 09:00"), ("resolved", "2026-10-05 09:00"))),
    # Resolved (replied in 2 working days), reopened by the citizen, resolved again on 8/7:
    # 5 working days to resolution, on time, then satisfied.
    Case("AAAA-0008", "phan_anh", BA_DINH, "moi-truong", "2026-07-01 09:00", "2026-07-15",
         "resolved", (("resolved", "2026-07-03 09:00"), ("rated", "2026-07-06 08:00"),
                      ("reopened", "2026-07-06 08:00"), ("resolved", "2026-07-08 09:00"),
                      ("rated", "2026-07-09 08:00")), rating="satisfied"),
    # Outside the quarter, before and after it.
    Case("AAAA-0009", "phan_anh", BA_DINH, "moi-truong", "2026-06-30 23:30", "2026-07-14",
         "received"),
    Case("AAAA-0010", "phan_anh", BA_DINH, "moi-truong", "2026-10-01 00:10", "2026-10-15",
         "received"),
)  # fmt: skip
NOW = at("2026-10-15 12:00")  # the report is made after the quarter


def load(conn: sqlite3.Connection, cases: tuple[Case, ...] = CASES) -> None:
    """Insert the tickets and their history as the bot writes them, in time order."""
    for index, case in enumerate(cases, start=1):
        name, phone, address = case.contact or (None, None, None)
        conn.execute(
            "INSERT INTO tickets (id, code, source_key, kind, ward_code, category, description,"
            " status, citizen_chat_id, contact_name, contact_phone, contact_address, created_at,"
            " updated_at, due_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (index, case.code, f"test:{index}", case.kind, case.ward, case.category,
             case.description, case.status, 5000 + index, name, phone, address,
             at(case.created), at(case.created), case.due),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO ticket_events (ticket_id, at, actor, action) VALUES (?, ?, 'citizen',"
            " 'created')",
            (index, at(case.created)),
        )
        ratings = [when for action, when in case.history if action == "rated"]
        for action, when in case.history:
            conn.execute(
                "INSERT INTO ticket_events (ticket_id, at, actor, action) VALUES (?, ?, ?, ?)",
                (index, at(when), "officer", action),
            )
            if action == "transferred" and case.moved_to:
                conn.execute(
                    "UPDATE tickets SET ward_code = ? WHERE id = ?", (case.moved_to, index)
                )
            if action == "rated" and when == ratings[-1] and case.rating:
                conn.execute(
                    "UPDATE tickets SET rating = ?, updated_at = ? WHERE id = ?",
                    (case.rating, at(when), index),
                )
    conn.commit()


def faq_rows() -> list[tuple[object, ...]]:
    """FAQ questions (at, normalized, decision, entry_id, feedback, asker) around the quarter."""
    return [
        (at("2026-07-02 10:00"), "dang ky thuong tru", "answer", "cu-tru/thuong-tru", None, 1),
        (at("2026-07-03 10:00"), "lam can cuoc", "answer", "can-cuoc/cap-moi", "helpful", 1),
        (at("2026-08-03 10:00"), "tam tru", "answer", "cu-tru/tam-tru", None, 2),
        (at("2026-08-04 10:00"), "cap so do", "browse", "dat-dai/so-do", None, 3),
        (at("2026-08-05 10:00"), "giay to nha", "suggest", "dat-dai/so-do",
         "chose:cu-tru/thuong-tru", 4),
        (at("2026-08-06 10:00"), "ket hon", "suggest", "ho-tich/ket-hon", None, 5),
        (at("2026-08-07 10:00"), "goi 0912 345 678 hoi ve tranh chap", "none", None, None, 6),
        (at("2026-08-08 10:00"), "goi 0912 345 678 hoi ve tranh chap", "none", None, None, 7),
        (at("2026-08-09 10:00"), "den duong hong", "none", None, "report", 8),
        (at("2026-08-10 10:00"), "le phi truoc ba", "answer", "dat-dai/thue", "wrong", 9),
        (at("2026-10-02 10:00"), "dang ky thuong tru", "answer", "cu-tru/thuong-tru", None, 10),
    ]  # fmt: skip


async def loaded_database(path: Path, *, before_reports: bool = False) -> Database:
    """Load the data set through the triggers, or before 0005 and then migrate (backfill)."""
    conn = sqlite3.connect(path)
    if before_reports:
        conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        for script in sorted(MIGRATIONS.glob("*.sql")):
            if script.name < "0005":
                conn.executescript(script.read_text(encoding="utf-8"))
                conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", (script.name,))
    else:
        conn.close()
        await (await Database.open(path)).close()
        conn = sqlite3.connect(path)
    load(conn)
    conn.close()
    db = await Database.open(path)
    async with db.transaction():
        await db.execute_many(
            "INSERT INTO faq_queries (at, normalized, decision, entry_id, feedback, asker, score)"
            " VALUES (?, ?, ?, ?, ?, ?, 90)",
            faq_rows(),
        )
    return db


def make_builder(
    db: Database, bulletins: BulletinSource | None = None, calendar: WorkingCalendar | None = None
) -> ReportBuilder:
    policy = load_policy(BUNDLED_CONTENT / "deadlines.toml")
    return ReportBuilder(
        ReportRepository(db),
        WardDirectory.from_file(BUNDLED_CONTENT / "wards.toml"),
        CategoryList.from_file(BUNDLED_CONTENT / "categories.toml"),
        calendar or policy.calendar,
        bulletins or NoBulletins(),
        lambda topic: TITLES.get(topic, topic),
    )
