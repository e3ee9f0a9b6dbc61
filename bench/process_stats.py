"""What a benchmark reads about the bot from /proc: peak memory and CPU time.

The bot is its process and that process's children (the FAQ worker): each figure covers them all.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path


def family(pid: int) -> list[int]:
    """Return a process and its live children (and theirs)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            parent = int(stat.rpartition(")")[2].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(parents.get(current, []))
    return found


def peak_rss_mb(pid: int) -> float:
    """Return the summed peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0.0
    for status in _read_each(family(pid), "status"):
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) a process and its children have used, in seconds."""
    total = 0
    for stat in _read_each(family(pid), "stat"):
        fields = stat.rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _read_each(pids: list[int], name: str) -> list[str]:
    """Return /proc/<pid>/<name> of each process still running (a child may end meanwhile)."""
    found = []
    for pid in pids:
        try:
            found.append(Path(f"/proc/{pid}/{name}").read_text())
        except OSError:
            continue
    return found


@contextlib.contextmanager
def harness_collector_paused() -> Iterator[None]:
    """Keep the benchmark's own cyclic collector from running while it measures.

    The emulator keeps every message and call, so a full collection in this process takes
    50-100 ms: it would stall the emulator and show up as the bot's latency.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
