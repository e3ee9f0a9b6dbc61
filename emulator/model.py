"""Plain records the emulator keeps: people, chats, messages, calls, files and faults."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

FaultKind = Literal["429", "500", "502", "timeout", "drop"]


@dataclass(slots=True)
class EmuUser:
    """A Telegram user; their private chat with the bot has the same id."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the Bot API User object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data

    @property
    def full_name(self) -> str:
        """Return first and last name joined."""
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(slots=True)
class EmuChat:
    """A private chat or a supergroup."""

    id: int
    type: str
    title: str | None = None
    user: EmuUser | None = None
    members: set[int] = field(default_factory=set)
    is_forum: bool = False
    topics: dict[int, str] = field(default_factory=dict)  # open forum topics: thread id -> name

    def to_json(self) -> dict[str, Any]:
        """Return the Bot API Chat object."""
        if self.user is not None:
            data = self.user.to_json()
            del data["is_bot"]
            return {**data, "type": self.type}
        data = {"id": self.id, "type": self.type, "title": self.title}
        return {**data, "is_forum": True} if self.is_forum else data


@dataclass(slots=True)
class StoredMessage:
    """A message as the emulator remembers it; edits update it in place."""

    message_id: int
    chat_id: int
    from_bot: bool
    sender_id: int
    kind: str
    text: str | None = None
    plain_text: str | None = None
    reply_markup: dict[str, Any] | None = None
    reply_to: int | None = None
    edits: int = 0
    copied_from: tuple[int, int] | None = None
    thread_id: int | None = None  # the forum topic it was posted in
    deleted: bool = False
    date: float = 0.0
    payload: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API request the bot made, with JSON-decoded parameters."""

    method: str
    params: dict[str, Any]
    at: float
    ok: bool


@dataclass(slots=True)
class FileRecord:
    """A file known to the emulator, by file_id."""

    file_id: str
    file_unique_id: str
    kind: str
    file_name: str | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class Fault:
    """A failure to inject into the next matching requests."""

    method: str
    kind: FaultKind
    retry_after: int = 1
    chat_id: int | str | None = None
    times: int = 1
    delay: float = 3.0

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        """Tell whether a request is one this fault targets."""
        if method != self.method:
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)


class FaultSet:
    """Pending faults, consumed in the order they were added."""

    def __init__(self) -> None:
        self._pending: list[list[Any]] = []  # [fault, remaining uses]

    def add(self, fault: Fault) -> None:
        """Queue a fault for its next `times` matching requests."""
        if fault.times > 0:
            self._pending.append([fault, fault.times])

    def clear(self) -> None:
        """Drop every pending fault."""
        self._pending.clear()

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        """Use up one application of the first fault matching this request."""
        for entry in self._pending:
            fault: Fault = entry[0]
            if fault.matches(method, params):
                entry[1] -= 1
                if entry[1] <= 0:
                    self._pending.remove(entry)
                return fault
        return None

    def __len__(self) -> int:
        return len(self._pending)

    def __iter__(self) -> Iterator[Fault]:
        return iter([entry[0] for entry in self._pending])


@dataclass(frozen=True, slots=True)
class Click:
    """A press on an inline button, kept for transcripts."""

    at: float
    chat_id: int
    user: EmuUser
    message_id: int
    label: str
    data: str
