"""Group a ward's reports by incident (average-linkage clustering over bot.hot.similar)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations

from bot.hot.similar import THRESHOLD, Profile, Weights

# Pairs scoring less than this count as unrelated, which keeps the graph sparse.
EDGE_FLOOR = 0.1
# A word pairs a report naming no place with others only if at most this share of the ward
# uses it (at least RARE_MIN reports): a common phrase is no sign of one incident.
RARE_SHARE = 0.25
RARE_MIN = 3


def group(reports: Sequence[tuple[Hashable, Profile]]) -> list[list[int]]:
    """Group reports (a partition key such as the ward, and the report as read) by incident
    within each partition; return each group of two or more, by index."""
    partitions: defaultdict[Hashable, list[int]] = defaultdict(list)
    for index, (key, _) in enumerate(reports):
        partitions[key].append(index)
    groups = []
    for indexes in partitions.values():
        found = cluster([reports[i][1] for i in indexes])
        groups += [[indexes[k] for k in members] for members in found]
    return groups


def cluster(profiles: Sequence[Profile]) -> list[list[int]]:
    """Group one ward's reports by incident; return each group of two or more, by index."""
    return _average_linkage(len(profiles), _edges(profiles))


def _edges(profiles: Sequence[Profile]) -> dict[tuple[int, int], float]:
    """Score the pairs that may be one incident; drop the unrelated ones.

    Reports that both name places are paired only through a shared place: otherwise they
    score too low to ever meet. A report that names no place is paired through its rarer
    words. Pairs naming different problems are skipped for the same reason.
    """
    pairs = _by_place(profiles) | _by_rare_word(profiles)
    weights = Weights(profiles)
    totals = [weights.total(p) for p in profiles]
    edges = {}
    for i, j in pairs:
        a, b = profiles[i], profiles[j]
        if a.problems.isdisjoint(b.problems) and a.problems and b.problems:
            continue
        score = weights.similarity(a, b, (totals[i], totals[j]))
        if score >= EDGE_FLOOR:
            edges[i, j] = score
    return edges


def _by_place(profiles: Sequence[Profile]) -> set[tuple[int, int]]:
    """Return the pairs of reports that name a place in common and no different problems."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for index, p in enumerate(profiles):
        for place in p.places:
            postings[place].append(index)
    pairs: set[tuple[int, int]] = set()
    for held in postings.values():
        if len(held) < 2:
            continue
        by_problem: defaultdict[str, list[int]] = defaultdict(list)
        unknown: list[int] = []
        for index in held:
            for problem in profiles[index].problems or ("",):
                (by_problem[problem] if problem else unknown).append(index)
        for same in by_problem.values():
            pairs.update(combinations(same, 2))
        # A report naming no known problem may be about any of them.
        pairs.update((min(i, j), max(i, j)) for i in unknown for j in held if i != j)
    return pairs


def _by_rare_word(profiles: Sequence[Profile]) -> set[tuple[int, int]]:
    """Return the pairs of a report naming no place with one sharing a rare word with it."""
    unplaced = [i for i, p in enumerate(profiles) if not p.places]
    if not unplaced:
        return set()
    wanted = set().union(*(profiles[i].terms for i in unplaced))
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for index, p in enumerate(profiles):
        for term in p.terms & wanted:
            postings[term].append(index)
    rare = max(RARE_MIN, int(len(profiles) * RARE_SHARE))
    pairs: set[tuple[int, int]] = set()
    for i in unplaced:
        for term in profiles[i].terms:
            held = postings[term]
            if len(held) <= rare:
                pairs.update((i, j) if i < j else (j, i) for j in held if j != i)
    return pairs


def _average_linkage(size: int, edges: Mapping[tuple[int, int], float]) -> list[list[int]]:
    """Merge the two groups with the highest average pair score while it reaches THRESHOLD.

    Average rather than single linkage, so that one report about both the flood and the
    rubbish in a lane does not chain the two incidents together.
    """
    members = {i: [i] for i in range(size)}
    links: defaultdict[int, dict[int, float]] = defaultdict(dict)  # group -> group -> sum
    for (i, j), score in edges.items():
        links[i][j] = links[j][i] = score
    heap = [(-score, i, j) for (i, j), score in edges.items() if score >= THRESHOLD]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or -negative != _average(members, links, a, b):
            continue  # one of them was merged since, or their average changed
        members[a] += members.pop(b)
        for c, total in links.pop(b).items():
            del links[c][b]
            if c != a:
                links[a][c] = links[c][a] = links[a].get(c, 0.0) + total
        for c in links[a]:
            if (average := _average(members, links, a, c)) >= THRESHOLD:
                heapq.heappush(heap, (-average, a, c))
    return sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: m[0])


def _average(
    members: Mapping[int, list[int]], links: Mapping[int, Mapping[int, float]], a: int, b: int
) -> float:
    return links[a][b] / (len(members[a]) * len(members[b]))
