"""What the intake conversation asks at each step, and the summary before sending."""

from __future__ import annotations

from typing import Any

from bot import officer_texts, texts
from bot.deps import Deps
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape
from bot.wards import WardMatch, WardResolution

Draft = dict[str, Any]
# Up to this many served wards are offered as buttons; a whole province (up to 168) is typed.
MAX_WARD_BUTTONS = 12
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
        served = ward_buttons(deps)
        return Outgoing(texts.ASK_WARD if served else texts.ASK_WARD_TYPED, served)
    if step == "category":
        rows = tuple((Button(c.name, f"i:cat:{c.id}"),) for c in deps.categories.all())
        return Outgoing(texts.ASK_CATEGORY, rows)
    if step == "description" and draft.get("text"):
        text = texts.DESCRIPTION_PREFILLED.format(text=escape(short(draft["text"], 500)))
        return Outgoing(text + _shared(draft), ((Button(texts.CONTINUE, "i:done"),),))
    if step == "description":
        return Outgoing(texts.ASK_DESCRIPTION + _shared(draft))
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
        contact=escape(" · ".join(c for c in contact if c)) or officer_texts.NO_CONTACT,
    ) + _shared(draft)  # said again: the kind may have been changed after the description
    buttons = (
        (Button(texts.CONFIRM, "i:ok"),),
        (Button(texts.EDIT, "i:edit"), Button(texts.CANCEL, "i:cancel")),
    )
    return Outgoing(text, buttons)


def _shared(draft: Draft) -> str:
    """Return the notice that a phản ánh's text may be shown to others reporting the same
    incident (hot issues), for a phản ánh; else nothing."""
    return texts.DESCRIPTION_SHARED if draft.get("kind") == Kind.FEEDBACK else ""


def ward_buttons(deps: Deps) -> tuple[tuple[Button, ...], ...]:
    """Return the served wards as buttons, two a row; none when there are too many to tap."""
    wards = deps.wards.all()
    if len(wards) > MAX_WARD_BUTTONS:
        return ()
    row_pairs = [wards[i : i + 2] for i in range(0, len(wards), 2)]
    return tuple(tuple(Button(w.name, f"i:ward:{w.code}") for w in pair) for pair in row_pairs)


def ward_found(resolution: WardResolution) -> str:
    """Return the line confirming a typed ward, saying which old name led to it."""
    match = resolution.match
    name = escape(resolution.ward.name if resolution.ward else "")
    if match is None or match.legacy_name is None:
        return f"📍 {name}"
    return texts.WARD_FROM_LEGACY.format(old=escape(old_name(match)), new=name)


def ward_retry(resolution: WardResolution, typed: str, deps: Deps) -> Outgoing:
    """Return what to say when typed text names no single served ward."""
    outside = ""
    if resolution.elsewhere:
        places = " hoặc ".join(_place(m) for m in resolution.elsewhere[:3])
        outside = texts.WARD_OUTSIDE.format(wards=escape(places))
    if resolution.candidates:
        rows = tuple((Button(_label(m), f"i:ward:{m.ward.code}"),) for m in resolution.candidates)
        olds = {old_name(m) if m.via == "legacy" else None for m in resolution.candidates}
        split = len(olds) == 1 and None not in olds and len(resolution.candidates) > 1
        pick = texts.WARD_SPLIT.format(old=escape(olds.pop() or "")) if split else texts.WARD_PICK
        return Outgoing(f"{outside}\n\n{pick}" if outside else pick, rows)
    served = ward_buttons(deps)
    missing = texts.WARD_NOT_FOUND if served else texts.WARD_NOT_FOUND_TYPED
    return Outgoing(outside or missing.format(text=escape(typed[:100])), served)


def old_name(match: WardMatch) -> str:
    """Return the old unit a match came by, with its old district when known."""
    name = match.legacy_name or ""
    return f"{name} ({match.legacy_district})" if match.legacy_district else name


def _place(match: WardMatch) -> str:
    """Name an unserved ward with its province (and the old name that led to it)."""
    where = f"{match.ward.name}, {match.ward.province}"
    return f"{old_name(match)} (nay thuộc {where})" if match.legacy_name else where


def _label(match: WardMatch) -> str:
    """Label a candidate button; an old name shows which one it stands for."""
    if match.legacy_name is None:
        return match.ward.name
    return texts.WARD_LEGACY_BUTTON.format(new=match.ward.name, old=match.legacy_name)


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
