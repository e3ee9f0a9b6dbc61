"""FAQ administration: reload from disk, uploads with preview, history, rollback, drafts."""

from __future__ import annotations

import asyncio
import json
import zlib
from pathlib import Path

import yaml

from bot import texts
from bot.content import ContentError
from bot.deps import Actor, Deps
from bot.faq import texts as faq_texts
from bot.faq.live import LiveFaq
from bot.faq.loader import check_faq
from bot.faq.model import Faq
from bot.faq.uploads import MAX_UPLOAD, Upload, merge, read_upload
from bot.kinds import Kind
from bot.messages import Button, Outgoing, button_number, escape
from bot.render import local_time
from storage.faq import FaqRepository

SHOWN_ERRORS = 10


class FaqAdmin:
    """Change the live FAQ, always through validation, a diff, and a new stored version."""

    def __init__(self, deps: Deps, live: LiveFaq, repo: FaqRepository) -> None:
        self._d = deps
        self._live = live
        self._repo = repo

    async def reload(self, chat_id: int, admin: Actor, folder: Path) -> None:
        """Publish the content folder as a new version, or report why it is invalid."""
        faq, errors = await asyncio.to_thread(check_faq, folder)  # reads and parses every file
        if faq is None:
            await self._say(chat_id, _invalid(errors))
            return
        diff = _diff(self._live.current.faq, faq)
        snapshot = await self._live.publish(faq, f"reload: {folder.name}/", admin.id, self._now())
        text = faq_texts.FAQ_RELOADED.format(
            version=snapshot.version, entries=len(faq.entries), diff=diff
        )
        await self._say(chat_id, text)

    async def upload(self, chat_id: int, name: str, data: bytes) -> None:
        """Validate an uploaded file and show what it would change; nothing changes yet."""
        if len(data) > MAX_UPLOAD:
            await self._say(chat_id, faq_texts.FAQ_UPLOAD_TOO_BIG.format(limit=MAX_UPLOAD // 1024))
            return
        # Reading a sheet and merging it into a big FAQ take a while: not on the event loop.
        upload = await asyncio.to_thread(read_upload, name, data)
        if upload.errors or not upload.entries:
            errors = upload.errors or [ContentError(Path(name), faq_texts.BAD_NO_ENTRIES)]
            await self._say(chat_id, _invalid(errors))
            return
        current = self._live.current
        merged, content = await asyncio.to_thread(_merged, current.faq, upload)
        await self._repo.hold(chat_id, f"upload: {name}", content, self._now())
        preview = faq_texts.FAQ_PREVIEW.format(name=escape(name), diff=_diff(current.faq, merged))
        token = _token(current.version, content)
        buttons = (
            (
                Button(faq_texts.FAQ_APPLY, f"fa:ok:{token}"),
                Button(faq_texts.FAQ_DISCARD, f"fa:no:{token}"),
            ),
        )
        await self._d.outbox.send(chat_id, Outgoing(preview, buttons))

    async def decide(self, chat_id: int, admin: Actor, apply: bool, token: str) -> str:
        """Apply or drop the admin's held upload; return the notice for the button."""
        held = await self._repo.take_held(chat_id)
        if held is None:
            return faq_texts.FAQ_NOTHING_HELD
        source, content = held
        # The preview's buttons name the file it showed and the version it was merged into:
        # another upload since, or another published version, makes that preview stale.
        if token != _token(self._live.current.version, content):
            await self._say(chat_id, faq_texts.FAQ_PREVIEW_STALE)
            return texts.STALE_BUTTON
        if not apply:
            await self._say(chat_id, faq_texts.FAQ_DISCARDED)
            return faq_texts.FAQ_DISCARD
        faq = Faq.from_dict(json.loads(content))
        snapshot = await self._live.publish(faq, source, admin.id, self._now())
        applied = faq_texts.FAQ_APPLIED.format(version=snapshot.version, entries=len(faq.entries))
        await self._say(chat_id, applied)
        return faq_texts.FAQ_APPLY

    async def history(self, chat_id: int) -> None:
        """List the stored versions, the active one marked."""
        lines = [faq_texts.FAQ_HISTORY]
        for version in await self._repo.history():
            lines.append(
                faq_texts.FAQ_HISTORY_LINE.format(
                    mark="▶️" if version.active else "•",
                    id=version.id,
                    at=local_time(version.created_at),
                    entries=version.entries,
                    source=escape(version.source),
                )
            )
        await self._say(chat_id, "\n".join(lines))

    async def rollback(self, chat_id: int, admin: Actor, argument: str) -> None:
        """Publish a copy of an older version."""
        number = argument.strip().lstrip("vV")
        version = button_number(number)
        if version is None or version < 1:
            await self._say(chat_id, faq_texts.FAQ_ROLLBACK_USAGE)
            return
        snapshot = await self._live.rollback(version, admin.id, self._now())
        if snapshot is None:
            await self._say(chat_id, faq_texts.FAQ_NO_VERSION.format(version=number))
            return
        done = faq_texts.FAQ_ROLLED_BACK.format(old=number, version=snapshot.version)
        await self._say(chat_id, done)

    async def offer_draft(self, ticket_id: int, code: str) -> None:
        """Offer admins a one-button draft entry from an officer's answer to a question."""
        button = ((Button(faq_texts.FAQ_DRAFT_BUTTON, f"fd:{ticket_id}"),),)
        for admin in sorted(self._d.admin_ids):
            await self._d.outbox.send(
                admin, Outgoing(faq_texts.FAQ_DRAFT_OFFER.format(code=code), button)
            )

    async def make_draft(self, chat_id: int, admin: Actor, ticket_id: int) -> str:
        """Keep the question and the officer's answer as a draft, and show it as YAML."""
        ticket = await self._d.tickets.get(ticket_id)
        events = [] if ticket is None else await self._d.tickets.events(ticket_id)
        answers = [e.detail for e in events if e.action == "answered" and e.detail]
        if ticket is None or Kind(ticket.kind) is not Kind.QUESTION or not answers:
            return texts.STALE_BUTTON
        # Another press, or another admin's, shows the draft kept from this answer again.
        template = faq_texts.FAQ_DRAFT_EXISTS
        draft_id = await self._repo.draft_of(ticket_id, answers[-1])
        if draft_id is None:
            template = faq_texts.FAQ_DRAFT_CREATED
            draft_id = await self._repo.add_draft(
                ticket_id, ticket.description, answers[-1], admin.id or 0, self._now()
            )
        snippet = _draft_yaml(ticket.description, answers[-1], self._d.clock())
        await self._say(chat_id, template.format(id=draft_id, yaml=escape(snippet)))
        return faq_texts.FAQ_DRAFT_BUTTON

    def _now(self) -> float:
        return self._d.clock()

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))


def _merged(current: Faq, upload: Upload) -> tuple[Faq, str]:
    """Return the FAQ with the upload merged in, and its JSON as a version stores it."""
    merged = merge(current, upload)
    return merged, json.dumps(merged.to_dict(), ensure_ascii=False)


def _invalid(errors: list[ContentError]) -> str:
    shown = [escape(str(e)) for e in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        shown.append(f"… và {len(errors) - SHOWN_ERRORS} lỗi khác")
    return faq_texts.FAQ_INVALID.format(errors="\n".join(f"• {line}" for line in shown))


def _diff(old: Faq, new: Faq) -> str:
    added, changed, removed = old.diff(new)
    text = faq_texts.FAQ_DIFF.format(added=len(added), changed=len(changed), removed=len(removed))
    for label, ids in (("Thêm", added), ("Sửa", changed), ("Xóa", removed)):
        if ids:
            listed = ", ".join(ids[:15]) + (" …" if len(ids) > 15 else "")
            text += faq_texts.FAQ_DIFF_IDS.format(label=label, ids=escape(listed))
    return text


def _draft_yaml(question: str, answer: str, now: float) -> str:
    from datetime import UTC, datetime

    entry = {
        "id": "<topic>/<slug>",
        "question": question.strip()[:300],
        "alternates": [],
        "answer": answer.strip(),
        "legal_basis": ["<tên văn bản, số hiệu, năm, điều>"],
        "tags": [],
        "reviewed": datetime.fromtimestamp(now, UTC).date().isoformat(),
    }
    return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)


def _token(version: int, content: str) -> str:
    """Name a preview: the version it was merged into and a checksum of what it would publish."""
    return f"{version}:{zlib.crc32(content.encode()):08x}"
