"""`danvan deadlines check` validates the deadlines file; `danvan deadlines due` computes one."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.config import BUNDLED_CONTENT
from bot.deadline_file import load_policy
from bot.deadlines import DeadlinePolicy
from bot.kinds import Kind

DEFAULT_FILE = BUNDLED_CONTENT / "deadlines.toml"


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `deadlines check` and `deadlines due` to the command line."""
    group = sub.add_parser("deadlines", help="legal deadlines per kind").add_subparsers(
        dest="deadlines_command", required=True
    )
    check = group.add_parser("check", help="validate a deadlines file; exit 2 on an error")
    check.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
    due = group.add_parser("due", help="show the due date of one ticket's running clock")
    due.add_argument("kind", choices=[k.value for k in Kind])
    due.add_argument("received", type=date.fromisoformat, help="day of receipt, YYYY-MM-DD")
    due.add_argument("--accepted", type=date.fromisoformat, help="day of acceptance (thụ lý)")
    due.add_argument("--complex", action="store_true", help="the case is marked complex")
    due.add_argument("--extensions", type=int, default=0, help="extensions granted so far")
    due.add_argument("--file", default=str(DEFAULT_FILE))


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run `deadlines check` or `deadlines due`; ContentError reaches the caller."""
    out = out or sys.stdout
    if args.deadlines_command == "check":
        policy = load_policy(Path(args.file))
        clocks = sum(len(c) for c in policy.clocks.values())
        print(f"{args.file}: ok, {clocks} clocks, reviewed {policy.reviewed}", file=out)
        return 0
    policy = load_policy(Path(args.file))
    print(_due_line(policy, args), file=out)
    return 0


def _due_line(policy: DeadlinePolicy, args: argparse.Namespace) -> str:
    """Describe the running clock of a ticket given on the command line."""
    facts = _Facts(
        kind=args.kind,
        received_on=args.received.isoformat(),
        accepted_on=args.accepted.isoformat() if args.accepted else None,
        is_complex=int(args.complex),
        extensions=args.extensions,
    )
    state = policy.state(facts)
    return f"{state.clock.name}: hạn {state.clock.label} {state.due.isoformat()} ({state.period()})"


@dataclass(frozen=True, slots=True)
class _Facts:
    """A ticket's clock facts from the command line."""

    kind: str
    received_on: str
    accepted_on: str | None
    is_complex: int
    extensions: int
