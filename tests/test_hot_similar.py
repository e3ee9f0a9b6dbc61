"""Hot-issue matching: which reports are about the same incident, on the hand-labelled set."""

from __future__ import annotations

from itertools import combinations

from bot.hot.cluster import cluster, group, incident
from bot.hot.similar import best_matches, profile
from tests.hot_cases import HELD_OUT, TUNING


def pairwise(cases: list[tuple[str, str, str, str]]) -> tuple[float, float]:
    """Return precision and recall of the same-incident pairs the grouping finds."""
    groups = group([(ward, profile(text)) for _, ward, _, text in cases])
    found = {pair for g in groups for pair in combinations(sorted(g), 2)}
    truth = {
        (i, j)
        for i, j in combinations(range(len(cases)), 2)
        if cases[i][0] and cases[i][0] == cases[j][0]
    }
    hits = len(found & truth)
    return hits / max(1, len(found)), hits / len(truth)


def test_labelled_incidents_are_found_and_kept_apart() -> None:
    precision, recall = pairwise(TUNING)
    assert precision >= 0.95 and recall >= 0.95
    precision, recall = pairwise(HELD_OUT)
    assert precision >= 0.9 and recall >= 0.85


def test_one_reports_incident_is_the_group_the_whole_ward_puts_it_in() -> None:
    # `incident` groups only the report's own component of the ward (and takes a shortcut
    # when every pair in it is alike); the labelled wards have alone, alike and mixed ones.
    for cases in (TUNING, HELD_OUT):
        for ward in sorted({case[1] for case in cases}):
            profiles = [profile(text) for _, w, _, text in cases if w == ward]
            groups = cluster(profiles)
            for at in range(len(profiles)):
                expected = next((g for g in groups if at in g), [])
                assert incident(profiles, at) == expected


def test_each_ward_is_grouped_apart() -> None:
    same_text = "Ngõ 12 Đội Cấn bị ngập sâu sau trận mưa tối qua."
    reports = [("A", same_text), ("B", same_text), ("A", "ngo 12 doi can ngap lut qua")]
    assert group([(ward, profile(text)) for ward, text in reports]) == [[0, 2]]


def test_diacritics_and_abbreviations_do_not_matter() -> None:
    assert profile("Tổ dân phố số 14 mất điện, không ngủ được") == profile(
        "to dan pho so 14 mat dien, ko ngu dc"
    )


def test_places_are_read_numbered_and_named() -> None:
    read = profile("Tổ dân phố số 14 mất điện từ chiều qua")
    assert "@to14" in read.places and read.problems == {"mất điện"}
    read = profile("karaoke 45 lieu giai on qua, dem nao cung hat")
    assert {"@so45", "lieu_giai"} <= read.places and read.problems == {"ồn"}
    assert "@so20" not in profile("mất điện gần 20 tiếng rồi").places  # hours, not a house


def test_a_denied_problem_is_not_named() -> None:
    assert "ngập" not in profile("Cống ngõ 20 Kim Mã bốc mùi nhưng không ngập").problems
    assert profile("đốt rác ở bãi đất trống").problems == {"khói"}  # not also "rác"


def test_another_lane_or_problem_is_another_incident() -> None:
    query = profile("Đèn đường ngõ 7 Vĩnh Phúc bị hỏng, tối om")
    candidates = [
        (1, profile("den duong ngo 34 vinh phuc khong sang, toi om")),
        (2, profile("Ngõ 7 Vĩnh Phúc rác thải đổ trộm bốc mùi")),
        (3, profile("ngo 7 vinh phuc den duong hong het, toi thui")),
    ]
    assert [key for key, _ in best_matches(query, candidates)] == [3]
