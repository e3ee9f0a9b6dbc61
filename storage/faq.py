"""FAQ versions, uploads awaiting confirmation, drafts, and the log of what citizens ask."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.database import Database


@dataclass(frozen=True, slots=True)
class FaqVersion:
    """One published FAQ, stored whole as JSON."""

    id: int
    created_at: float
    created_by: int | None
    source: str
    content: str
    entries: int
    active: bool


@dataclass(frozen=True, slots=True)
class FaqQuery:
    """One logged question: normalised text, what the bot decided, and feedback."""

    id: int
    normalized: str
    decision: str
    entry_id: str | None
    score: float
    version: int | None
    feedback: str | None
    ticket_id: int | None


def read_version_content(path: Path, version: int) -> str | None:
    """Return one stored FAQ version's content, read-only (for a worker process, no event loop)."""
    # A second connection reads beside the bot's in WAL mode; read-only, it can never write.
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        row = conn.execute("SELECT content FROM faq_versions WHERE id = ?", (version,)).fetchone()
    return None if row is None else str(row[0])


class FaqRepository:
    """Read and write the FAQ's tables."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._key: bytes | None = None

    async def publish(
        self, content: str, entries: int, source: str, by: int | None, now: float
    ) -> int:
        """Store a new version and make it the active one; return its number."""
        await self._db.execute("UPDATE faq_versions SET active = 0 WHERE active = 1")
        return await self._db.execute(
            "INSERT INTO faq_versions (created_at, created_by, source, content, entries, active)"
            " VALUES (?, ?, ?, ?, ?, 1)",
            (now, by, source, content, entries),
        )

    async def active(self) -> FaqVersion | None:
        """Return the active version."""
        row = await self._db.fetch_one("SELECT * FROM faq_versions WHERE active = 1")
        return None if row is None else FaqVersion(*row)

    async def version(self, version_id: int) -> FaqVersion | None:
        """Return one version."""
        row = await self._db.fetch_one("SELECT * FROM faq_versions WHERE id = ?", (version_id,))
        return None if row is None else FaqVersion(*row)

    async def history(self, limit: int = 20) -> list[FaqVersion]:
        """Return the newest versions first (content included)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM faq_versions ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [FaqVersion(*row) for row in rows]

    async def hold(self, chat_id: int, source: str, content: str, now: float) -> None:
        """Keep an upload until the admin confirms it (a newer upload replaces it)."""
        await self._db.execute(
            "INSERT OR REPLACE INTO faq_pending (chat_id, created_at, source, content)"
            " VALUES (?, ?, ?, ?)",
            (chat_id, now, source, content),
        )

    async def take_held(self, chat_id: int) -> tuple[str, str] | None:
        """Remove and return an admin's held upload as (source, content)."""
        row = await self._db.fetch_one(
            "SELECT source, content FROM faq_pending WHERE chat_id = ?", (chat_id,)
        )
        await self._db.execute("DELETE FROM faq_pending WHERE chat_id = ?", (chat_id,))
        return None if row is None else (str(row["source"]), str(row["content"]))

    async def draft_of(self, ticket_id: int, answer: str) -> int | None:
        """Return the draft already kept from this answer to this ticket, if any."""
        row = await self._db.fetch_one(
            "SELECT id FROM faq_drafts WHERE ticket_id = ? AND answer = ? ORDER BY id LIMIT 1",
            (ticket_id, answer),
        )
        return None if row is None else int(row["id"])

    async def add_draft(
        self, ticket_id: int, question: str, answer: str, by: int, now: float
    ) -> int:
        """Keep an officer's answer as a draft entry for review."""
        return await self._db.execute(
            "INSERT INTO faq_drafts (ticket_id, question, answer, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (ticket_id, question, answer, by, now),
        )

    async def log_query(
        self,
        normalized: str,
        decision: str,
        entry_id: str | None,
        score: float,
        version: int | None,
        now: float,
        asker: int | None = None,
    ) -> int:
        """Log what was asked (normalised) and what the bot decided; the asker's chat only as a
        keyed hash, so distinct citizens can be counted without the log naming anyone."""
        pseudonym = None if asker is None else await self.pseudonym(asker)
        return await self._db.execute(
            "INSERT INTO faq_queries (at, normalized, decision, entry_id, score, version, asker)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now, normalized, decision, entry_id, score, version, pseudonym),
        )

    async def pseudonym(self, chat_id: int) -> int:
        """Return the keyed hash (64 bits) that stands for a chat in the FAQ log."""
        if self._key is None:
            row = await self._db.fetch_one("SELECT key FROM pseudonym_key WHERE id = 1")
            assert row is not None  # inserted by migration 0005
            self._key = bytes(row["key"])
        digest = hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    async def asked_by(self, query_id: int, chat_id: int) -> bool:
        """Tell whether a logged question was asked from this chat."""
        row = await self._db.fetch_one("SELECT asker FROM faq_queries WHERE id = ?", (query_id,))
        return row is not None and row[0] is not None and row[0] == await self.pseudonym(chat_id)

    async def query(self, query_id: int) -> FaqQuery | None:
        """Return one logged question."""
        row = await self._db.fetch_one(
            "SELECT id, normalized, decision, entry_id, score, version, feedback, ticket_id"
            " FROM faq_queries WHERE id = ?",
            (query_id,),
        )
        return None if row is None else FaqQuery(*row)

    async def set_feedback(self, query_id: int, feedback: str) -> None:
        """Record the citizen's verdict on an answer (helpful, wrong, asked an officer)."""
        await self._db.execute(
            "UPDATE faq_queries SET feedback = ? WHERE id = ?", (feedback, query_id)
        )

    async def link_ticket(self, query_id: int, ticket_id: int) -> None:
        """Remember the ticket a question turned into."""
        await self._db.execute(
            "UPDATE faq_queries SET ticket_id = ? WHERE id = ?", (ticket_id, query_id)
        )
