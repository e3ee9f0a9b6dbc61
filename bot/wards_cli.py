"""`danvan wards find` searches the national directory; `wards import` sets the served wards."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from importlib.metadata import version
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, load_settings
from bot.directory import NationalDirectory, Province, Ward, national_directory
from bot.ward_places import index_for, national_index
from bot.ward_search import WardIndex, WardMatch
from bot.wards import CANDIDATE_MIN_SCORE, MAX_CANDIDATES, decide

FILE_HEADER = """\
# The wards this deployment serves: the one place that says so. The bot checks each entry
# against the national directory (vietnam-provinces {version}) at start-up and takes the
# pre-2025 names of each ward from there; `legacy_names` may add other names people use.
#
# Written by this command; edit by hand or import again:
{command}
# Codes are that release's ward codes (they changed in later releases), so the name is
# kept beside each code; tickets store the code.
"""


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `wards find` and `wards import` to the command line."""
    wards = sub.add_parser("wards", help="the national ward directory").add_subparsers(
        dest="wards_command", required=True
    )
    find = wards.add_parser("find", help="search ward names, current or pre-2025")
    find.add_argument("--province", help="search one province (name or code)")
    find.add_argument("--json", action="store_true", help="one JSON object per query")
    find.add_argument("text", nargs="*", help="what to look for; none: one query per stdin line")
    pick = wards.add_parser("import", help="write the served wards to <content>/wards.toml")
    pick.add_argument("--province", help="serve a whole province (name or code)")
    pick.add_argument(
        "--ward", action="append", default=[], help="serve this ward (name or code); repeatable"
    )
    pick.add_argument("--content", help="content folder (default: DANVAN_CONTENT)")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run `wards find` or `wards import`; return the exit code."""
    out = out or sys.stdout
    directory = national_directory()
    province = _province(directory, args.province) if args.province else None
    if args.wards_command == "find":
        index = national_index() if province is None else index_for(directory.in_province(province))
        queries = [" ".join(args.text)] if args.text else [line.strip() for line in sys.stdin]
        for query in queries:
            if query:
                matches = index.search(query, MAX_CANDIDATES, CANDIDATE_MIN_SCORE)
                print(_json(query, matches) if args.json else _lines(query, matches), file=out)
        return 0
    return _import(args, directory, province, out)


def _province(directory: NationalDirectory, text: str) -> Province:
    """Return the province named, or stop with the names to choose from."""
    province = directory.province(text)
    if province is None:
        names = ", ".join(f"{p.code} {p.name}" for p in directory.provinces)
        raise ConfigError(f"no province {text!r}; choose one of: {names}")
    return province


def _import(
    args: argparse.Namespace, directory: NationalDirectory, province: Province | None, out: TextIO
) -> int:
    """Write the chosen wards, whole province or named ones, as the served set."""
    if province is None and not args.ward:
        raise ConfigError("say which wards to serve: --province NAME, --ward NAME, or both")
    pool = directory.wards if province is None else directory.in_province(province)
    index = national_index() if province is None else index_for(pool)
    wards = _named(index, args.ward, directory) if args.ward else list(pool)
    folder = Path(args.content) if args.content else load_settings(require_token=False).content_dir
    path = folder / "wards.toml"
    path.write_text(render(wards, _shown_args(args)), encoding="utf-8")
    where = f" of {province.name}" if province and not args.ward else ""
    print(f"wrote {path}: {len(wards)} ward(s){where}", file=out)
    return 0


def _named(index: WardIndex, names: list[str], directory: NationalDirectory) -> list[Ward]:
    """Resolve each --ward to one ward, or stop saying which were unclear."""
    chosen: list[Ward] = []
    for name in names:
        ward = directory.ward(name.strip().zfill(5)) if name.strip().isdigit() else None
        if ward is None:
            resolution = decide(index.search(name, MAX_CANDIDATES, CANDIDATE_MIN_SCORE))
            if resolution.ward is None:
                options = "; ".join(_label(m) for m in resolution.candidates) or "nothing close"
                raise ConfigError(f"--ward {name!r} is not clear: {options}")
            ward = resolution.ward
        if ward not in chosen:
            chosen.append(ward)
    return chosen


def render(wards: list[Ward], args: str) -> str:
    """Return the TOML text of a served set."""
    tables = [
        "[[ward]]\n"
        + "".join(
            f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
            for key, value in (
                ("code", ward.code),
                ("name", ward.name),
                ("codename", ward.codename),
                ("province", ward.province),
            )
        )
        for ward in wards
    ]
    return (
        FILE_HEADER.format(version=version("vietnam-provinces"), command=_comment(args))
        + "\n"
        + "\n".join(tables)
    )


def _comment(args: str) -> str:
    """Return the import command as comment lines of at most 100 characters."""
    lines = textwrap.wrap(f"danvan wards import {args}", 94, break_on_hyphens=False)
    return "\n".join(f"#   {line}" for line in lines)


def _shown_args(args: argparse.Namespace) -> str:
    """Return the import options as typed, for the file's header."""
    parts = [f"--province {json.dumps(args.province, ensure_ascii=False)}"] if args.province else []
    parts += [f"--ward {json.dumps(name, ensure_ascii=False)}" for name in args.ward]
    return " ".join(parts)


def _label(match: WardMatch) -> str:
    """Describe a match in one phrase: the ward, its province, the old name it came by."""
    old = f" ← {match.legacy_name}, {match.legacy_district}" if match.legacy_district else ""
    return f"{match.ward.name} ({match.ward.province}){old}"


def _json(query: str, matches: list[WardMatch]) -> str:
    return json.dumps(
        {
            "query": query,
            "matches": [
                {
                    "code": m.ward.code,
                    "name": m.ward.name,
                    "province": m.ward.province,
                    "via": m.via,
                    "legacy_name": m.legacy_name,
                    "score": m.score,
                }
                for m in matches
            ],
        },
        ensure_ascii=False,
    )


def _lines(query: str, matches: list[WardMatch]) -> str:
    shown = [f"  {m.score:5.1f}  {m.ward.code}  {_label(m)}" for m in matches]
    return "\n".join([query, *(shown or ["  (nothing close)"])])
