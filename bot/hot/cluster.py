"""Group a ward's reports by incident (average-linkage clustering over bot.hot.similar)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

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
    return _average_linkage(len(profiles), _Graph(profiles).edges())


def incident(profiles: Sequence[Profile], at: int) -> list[int]:
    """Return the group of two or more that report `at` belongs to (as `cluster` would group
    them), by index; [] if it is alone."""
    # Groups never merge across the graph's components, so only `at`'s component is scored
    # and grouped: the cost follows the incident's size, not the ward's.
    nodes, edges = _Graph(profiles).component(at)
    if len(nodes) < 2:
        return []
    if len(edges) == len(nodes) * (len(nodes) - 1) // 2 and min(edges.values()) >= THRESHOLD:
        return nodes  # every pair alike: every average reaches THRESHOLD, all merge
    # Numbered in their order, so that ties between equal scores break as in `cluster`.
    local = {node: k for k, node in enumerate(nodes)}
    found = _average_linkage(
        len(nodes), {(local[i], local[j]): score for (i, j), score in edges.items()}
    )
    return next(([nodes[k] for k in group] for group in found if local[at] in group), [])


class _Graph:
    """The pairs of a ward's reports that may be one incident, and their scores.

    Reports that both name places pair only through a shared place: otherwise they score too
    low to ever meet. A report that names no place pairs through its rarer words. Pairs naming
    different problems are dropped for the same reason, and pairs scoring below EDGE_FLOOR.
    """

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self._profiles = profiles
        self._weights = Weights(profiles)
        self._totals: dict[int, float] = {}
        # place -> its reports; (place, problem) -> those naming the problem ("" for none)
        self._places: defaultdict[str, list[int]] = defaultdict(list)
        self._problems: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        # Only the words of reports naming no place pair: word -> its reports, and those of
        # them naming no place (a report naming a place pairs through words with those only).
        self._terms: defaultdict[str, list[int]] = defaultdict(list)
        self._unplaced: defaultdict[str, list[int]] = defaultdict(list)
        self._wanted = set().union(*(p.terms for p in profiles if not p.places))
        for index, p in enumerate(profiles):
            for place in p.places:
                self._places[place].append(index)
                for problem in p.problems or ("",):
                    self._problems[place, problem].append(index)
            for term in p.terms & self._wanted:
                self._terms[term].append(index)
                if not p.places:
                    self._unplaced[term].append(index)
        self._rare = max(RARE_MIN, int(len(profiles) * RARE_SHARE))

    def edges(self) -> dict[tuple[int, int], float]:
        """Return every pair's score (pairs as (i, j), i < j)."""
        edges = {}
        for i in range(len(self._profiles)):
            for j in self._partners(i):
                if j > i and (score := self._score(i, j)) >= EDGE_FLOOR:
                    edges[i, j] = score
        return edges

    def component(self, start: int) -> tuple[list[int], dict[tuple[int, int], float]]:
        """Return the reports linked to `start`, in order, and the scores of their pairs."""
        seen, todo, done = {start}, [start], set()
        edges = {}
        while todo:
            i = todo.pop()
            done.add(i)
            for j in self._partners(i) - done:  # a pair with a done report is scored already
                if (score := self._score(i, j)) < EDGE_FLOOR:
                    continue
                edges[min(i, j), max(i, j)] = score
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        return sorted(seen), edges

    def _partners(self, i: int) -> set[int]:
        """Return the reports sharing a place with report i (and, if both name problems, a
        problem), or, when either names no place, a rare word."""
        p = self._profiles[i]
        found: set[int] = set()
        for place in p.places:
            if not p.problems:  # may be about any problem there
                found.update(self._places[place])
                continue
            found.update(self._problems.get((place, ""), ()))
            for problem in p.problems:
                found.update(self._problems[place, problem])
        postings = self._unplaced if p.places else self._terms
        for term in p.terms & self._wanted:
            if len(self._terms[term]) <= self._rare:
                found.update(postings[term])
        found.discard(i)
        return found

    def _score(self, i: int, j: int) -> float:
        """Return a pair's score (0 if they name different problems)."""
        a, b = self._profiles[i], self._profiles[j]
        if a.problems and b.problems and a.problems.isdisjoint(b.problems):
            return 0.0
        return self._weights.similarity(a, b, (self._total(i), self._total(j)))

    def _total(self, i: int) -> float:
        if (total := self._totals.get(i)) is None:
            total = self._totals[i] = self._weights.total(self._profiles[i])
        return total


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
