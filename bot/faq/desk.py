"""The FAQ in a citizen's chat: answer when sure, offer choices when not, else hand over."""

from __future__ import annotations

import asyncio

from bot import texts
from bot.deps import Deps
from bot.faq import texts as faq_texts
from bot.faq.ahead import ReadAhead
from bot.faq.live import LiveFaq, Snapshot
from bot.faq.reading import Reading, read_question
from bot.faq.render import (
    answer_message,
    choices_message,
    none_message,
    topic_message,
    topics_message,
)
from bot.intake import IntakeService
from bot.kinds import Kind
from bot.messages import button_number
from bot.text import normalize
from storage.faq import FaqRepository

STATE = "faq"  # the chat's last question, so "ask an officer" can carry its text along


class FaqDesk:
    """Answer citizens' legal questions from the live FAQ, and log what they ask."""

    def __init__(
        self,
        deps: Deps,
        live: LiveFaq,
        repo: FaqRepository,
        intake: IntakeService,
        ahead: ReadAhead | None = None,
    ) -> None:
        self._d = deps
        self._live = live
        self._repo = repo
        self._intake = intake
        self._ahead = ahead

    def read_ahead(self, text: str) -> None:
        """Start reading a message that may be a question, before its turn (with a worker)."""
        snapshot = self._live.current
        question = text.strip()
        if self._ahead is not None and snapshot.matcher.reranker is None and question:
            self._ahead.submit(snapshot.version, question)

    async def ask(self, chat_id: int, user_id: int, text: str) -> None:
        """Match a question and reply with an answer, choices, or an offer to ask the ward."""
        snapshot = self._live.current
        reading = await self._read(snapshot, text)
        match = reading.match
        log_id = await self._repo.log_query(
            reading.normalized, match.decision, match.id, match.score,
            snapshot.version, self._d.clock(), asker=chat_id,
        )  # fmt: skip
        ids = [s.id for s in match.suggestions]
        await self._d.states.put(
            chat_id, user_id, STATE,
            {"log": log_id, "text": text[:4000], "choices": ids, "version": snapshot.version},
            self._d.clock(),
        )  # fmt: skip
        if reading.report:
            # "đèn đường tổ 5 hỏng" wants fixing, not legal information: offer to file it.
            reply = none_message(log_id, report=True)
        elif match.decision == "answer" and match.id and (entry := snapshot.faq.get(match.id)):
            reply = answer_message(snapshot.faq, entry, log_id)
        elif match.decision == "suggest" and ids:
            reply = choices_message(snapshot.faq, ids, log_id)
        else:
            reply = none_message(log_id, report=False)
        await self._d.outbox.send(chat_id, reply)

    async def _read(self, snapshot: Snapshot, text: str) -> Reading:
        """Return the question's reading: read ahead by the worker, or read here."""
        if snapshot.matcher.reranker is not None:
            # Embedding a question takes tens of ms: in a thread, not on the event loop.
            return await asyncio.to_thread(read_question, snapshot.matcher, text)
        if self._ahead is not None:
            ready = await self._ahead.take(snapshot.version, text)
            if ready is not None:
                return ready
        return read_question(snapshot.matcher, text)

    async def button(self, chat_id: int, user_id: int, parts: list[str]) -> str:
        """Handle an FAQ button ("f:..."); return the notice for the button press."""
        action, args = parts[0], parts[1:]
        numbers = [n for a in args if (n := button_number(a)) is not None]
        if not numbers or len(numbers) != len(args):
            return texts.STALE_BUTTON
        if action == "t" and len(numbers) == 1:
            return await self._browse(chat_id, numbers[0])
        if action == "e" and len(numbers) == 2:
            return await self._show(chat_id, numbers[0], numbers[1])
        log_id = numbers[0]
        # Only the one who asked may rate or hand over a question (button data can be forged).
        if not await self._repo.asked_by(log_id, chat_id):
            return texts.STALE_BUTTON
        if action == "up":
            await self._repo.set_feedback(log_id, "helpful")
            return faq_texts.FAQ_THANKS
        if action == "no":
            await self._repo.set_feedback(log_id, "wrong")
            await self._d.outbox.send(chat_id, none_message(log_id, report=False))
            return faq_texts.FAQ_SORRY
        if action in ("ask", "rep"):
            return await self._hand_over(chat_id, user_id, log_id, action == "rep")
        if action == "s" and len(numbers) == 2:
            return await self._choose(chat_id, log_id, numbers[1])
        return texts.STALE_BUTTON

    async def _browse(self, chat_id: int, topic_index: int) -> str:
        snapshot = self._live.current
        if topic_index < 0:
            await self._d.outbox.send(chat_id, topics_message(snapshot.faq))
            return ""
        listing = topic_message(snapshot.faq, snapshot.version, topic_index)
        if listing is None:
            return faq_texts.FAQ_STALE
        await self._d.outbox.send(chat_id, listing)
        return ""

    async def _show(self, chat_id: int, version: int, position: int) -> str:
        snapshot = self._live.current
        if version != snapshot.version or not 0 <= position < len(snapshot.faq.entries):
            return faq_texts.FAQ_STALE
        entry = snapshot.faq.entries[position]
        log_id = await self._repo.log_query(
            normalize(entry.question), "browse", entry.id, 100.0, version, self._d.clock(),
            asker=chat_id,
        )  # fmt: skip
        await self._d.outbox.send(chat_id, answer_message(snapshot.faq, entry, log_id))
        return ""

    async def _choose(self, chat_id: int, log_id: int, index: int) -> str:
        state = await self._d.states.get(chat_id)
        snapshot = self._live.current
        if state is None or state.state != STATE or state.data.get("log") != log_id:
            return texts.STALE_BUTTON
        choices = state.data.get("choices", [])
        if not 0 <= index < len(choices) or (entry := snapshot.faq.get(choices[index])) is None:
            return faq_texts.FAQ_STALE
        await self._repo.set_feedback(log_id, f"chose:{entry.id}")
        await self._d.outbox.send(chat_id, answer_message(snapshot.faq, entry, log_id))
        return ""

    async def _hand_over(self, chat_id: int, user_id: int, log_id: int, report: bool) -> str:
        """Start intake as a câu hỏi (or a phản ánh) carrying the citizen's words along."""
        state = await self._d.states.get(chat_id)
        same = state is not None and state.state == STATE and state.data.get("log") == log_id
        text = str(state.data.get("text", "")) if same and state else ""
        await self._repo.set_feedback(log_id, "report" if report else "asked_officer")
        kind = Kind.FEEDBACK if report else Kind.QUESTION
        await self._intake.start(chat_id, user_id, kind=kind, text=text, faq_log=log_id)
        return kind.label
