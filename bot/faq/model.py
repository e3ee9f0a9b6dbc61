"""FAQ entries and a whole FAQ as plain values, serializable for stored versions."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One curated question with its answer and legal basis."""

    id: str
    topic: str
    question: str
    answer: str
    legal_basis: tuple[str, ...]
    reviewed: date
    alternates: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    unverified: bool = False
    changed: date | None = None

    @property
    def phrasings(self) -> tuple[str, ...]:
        """Return every way the question is asked: the question first, then alternates."""
        return (self.question, *self.alternates)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly dict."""
        # Shallow: asdict() deep-copies every field, which made storing a version slow.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["reviewed"] = self.reviewed.isoformat()
        data["changed"] = self.changed.isoformat() if self.changed else None
        data["legal_basis"], data["alternates"] = list(self.legal_basis), list(self.alternates)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaqEntry:
        """Build an entry from `to_dict` output."""
        changed = data.get("changed")
        return cls(
            id=data["id"],
            topic=data["topic"],
            question=data["question"],
            answer=data["answer"],
            legal_basis=tuple(data["legal_basis"]),
            reviewed=date.fromisoformat(data["reviewed"]),
            alternates=tuple(data.get("alternates", ())),
            tags=tuple(data.get("tags", ())),
            unverified=bool(data.get("unverified", False)),
            changed=date.fromisoformat(changed) if changed else None,
        )


@dataclass(frozen=True, slots=True)
class Faq:
    """A complete FAQ: topics in order, entries, and the general disclaimer."""

    topics: tuple[tuple[str, str], ...]  # (topic id, title)
    entries: tuple[FaqEntry, ...]
    disclaimer: str = ""
    _by_id: dict[str, FaqEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({entry.id: entry for entry in self.entries})

    def get(self, entry_id: str) -> FaqEntry | None:
        """Return an entry by id."""
        return self._by_id.get(entry_id)

    def topic_title(self, topic: str) -> str:
        """Return a topic's title."""
        return dict(self.topics).get(topic, topic)

    def in_topic(self, topic: str) -> list[FaqEntry]:
        """Return a topic's entries in file order."""
        return [entry for entry in self.entries if entry.topic == topic]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly dict (what a stored version holds)."""
        return {
            "topics": [list(t) for t in self.topics],
            "entries": [e.to_dict() for e in self.entries],
            "disclaimer": self.disclaimer,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Faq:
        """Build a FAQ from `to_dict` output."""
        return cls(
            topics=tuple((str(t[0]), str(t[1])) for t in data["topics"]),
            entries=tuple(FaqEntry.from_dict(e) for e in data["entries"]),
            disclaimer=str(data.get("disclaimer", "")),
        )

    def diff(self, newer: Faq) -> tuple[list[str], list[str], list[str]]:
        """Return the ids added, changed and removed going from this FAQ to `newer`."""
        old, new = self._by_id, newer._by_id
        added = sorted(set(new) - set(old))
        removed = sorted(set(old) - set(new))
        changed = sorted(i for i in set(old) & set(new) if old[i] != new[i])
        return added, changed, removed
