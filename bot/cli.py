"""Command line: `danvan run` runs the bot, `danvan demo` plays a scenario offline, and more."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import logs
from bot.config import ConfigError, Settings, load_settings
from bot.content import ContentError
from bot.deadline_cli import add_commands as add_deadline_commands
from bot.faq.cli import add_commands as add_faq_commands
from bot.reports.cli import add_command as add_report_command
from bot.wards_cli import add_commands as add_wards_commands


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen subcommand; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            settings = load_settings()
            logs.configure(settings.log_level)
            asyncio.run(_run_bot(settings))
        elif args.command == "report":
            from bot.reports.cli import run as run_report

            return run_report(args)
        elif args.command == "faq":
            from bot.faq.cli import run as run_faq

            return run_faq(args)
        elif args.command == "deadlines":
            from bot.deadline_cli import run as run_deadlines

            return run_deadlines(args)
        elif args.command == "wards":
            from bot.wards_cli import run as run_wards

            return run_wards(args)
        elif args.command == "demo":
            from bot.demo import run_demo  # the emulator is only needed here

            settings = load_settings(require_token=False)
            db = Path(args.db) if args.db else settings.db_path
            print(asyncio.run(run_demo(db, settings.content_dir)))
    except (ConfigError, ContentError) as exc:
        print(f"danvan: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="danvan", description="Dân Vận Bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot against Telegram (needs TELEGRAM_BOT_TOKEN)")
    demo = sub.add_parser("demo", help="play a scenario against a local Bot API emulator")
    demo.add_argument("--db", help="database file to leave behind (default: DANVAN_DB)")
    add_faq_commands(sub)
    add_deadline_commands(sub)
    add_wards_commands(sub)
    add_report_command(sub)
    return parser


async def _run_bot(settings: Settings) -> None:
    from bot.application import build_application, run

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await run(build_application(settings), stop)
