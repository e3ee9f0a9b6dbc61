"""What the intake conversation asks at each step, and the summary before sending."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.deps import Deps
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape

Draft = dict[str, Any]
EDITABLE = {
    "kind": texts.EDIT_KIND,
    "ward": texts.EDIT_WARD,
    "cat": texts.EDIT_CATEGORY,
    "desc": texts.EDIT_DESCRIPTION,
    "contact": texts.EDIT_CONTACT,
}
CLEARED_BY_EDIT = {
    "kind": ("kind",),
    "ward": ("ward",),
    "cat": ("category",),
    "desc": (),
    "contact": ("name", "address", "phone"),
}


def prompt_for(draft: Draft, deps: Deps) -> Outgoing:
    """Return the question for the draft's current step (the summary once all is known)."""
    step = draft["step"]
    if step == "kind":
        rows = tuple((Button(k.label, f"i:kind:{k.value}"),) for k in Kind)
        return Outgoing(texts.ASK_KIND, (*rows, (Button(texts.CANCEL, "i:cancel"),)))
    if step == "ward":
        return Outgoing(texts.ASK_WARD, ward_buttons(deps))
    if step == "category":
        rows = tuple((Button(c.name, f"i:cat:{c.id}"),) for c in deps.categories.all())
        return Outgoing(texts.ASK_CATEGORY, rows)
    if step == "description" and draft.get("text"):
        text = texts.DESCRIPTION_PREFILLED.format(text=escape(short(draft["text"], 500)))
        return Outgoing(text, ((Button(texts.CONTINUE, "i:done"),),))
    if step == "description":
        return Outgoing(texts.ASK_DESCRIPTION)
    if step == "name":
        return Outgoing(texts.ASK_NAME.format(kind=Kind(draft["kind"]).label.lower()))
    if step == "address":
        return Outgoing(texts.ASK_ADDRESS)
    if step == "phone":
        required = Kind(draft["kind"]).needs_identity
        return Outgoing(
            texts.ASK_PHONE_REQUIRED if required else texts.ASK_PHONE_OPTIONAL,
            contact_button=texts.SHARE_PHONE,
            keyboard=() if required else (texts.SKIP,),
        )
    return summary(draft, deps)


def summary(draft: Draft, deps: Deps) -> Outgoing:
    """Return the summary a citizen checks before sending."""
    contact = [draft.get("name"), draft.get("phone"), draft.get("address")]
    text = texts.SUMMARY.format(
        kind=Kind(draft["kind"]).label,
        ward=escape(deps.ward_name(draft["ward"])),
        category=escape(deps.category_name(draft["category"])),
        description=escape(draft["text"][:1500]) + ("…" if len(draft["text"]) > 1500 else ""),
        attachments=len(draft["attachments"]),
        contact=escape(" · ".join(c for c in contact if c)) or texts.NO_CONTACT,
    )
    buttons = (
        (Button(texts.CONFIRM, "i:ok"),),
        (Button(texts.EDIT, "i:edit"), Button(texts.CANCEL, "i:cancel")),
    )
    return Outgoing(text, buttons)


def ward_buttons(deps: Deps) -> tuple[tuple[Button, ...], ...]:
    """Return the served wards as buttons, two a row."""
    wards = deps.wards.all()
    row_pairs = [wards[i : i + 2] for i in range(0, len(wards), 2)]
    return tuple(tuple(Button(w.name, f"i:ward:{w.code}") for w in pair) for pair in row_pairs)


def short(text: str, limit: int) -> str:
    """Cut a text to `limit` characters, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def first_missing(draft: Draft) -> str | None:
    """Return the first step whose answer the draft lacks (a changed kind may need identity)."""
    for key, step in (("kind", "kind"), ("ward", "ward"), ("category", "category")):
        if key not in draft:
            return step
    if len(draft.get("text", "")) < 5:
        return "description"
    if Kind(draft["kind"]).needs_identity:
        for key in ("name", "address"):
            if not draft.get(key):
                return key
        if not draft.get("phone"):
            return "phone"
    return None if "phone" in draft else "phone"
