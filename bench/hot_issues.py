"""Hot-issue grouping of 10,000 open reports across 50 wards (target: <= 1 s).

    .venv/bin/python bench/hot_issues.py [--tickets 10000] [--wards 50] [--seed 7] [--runs 5]

Reports are synthetic but written the way citizens write: an incident (a problem at a place)
told in one of several phrasings, with chatty padding, and about half of them without
diacritics, lowercased or with chat abbreviations. Each ward has planted incidents reported
3 to 25 times; every other report is about an incident of its own, and many of those share the
place of a planted incident (another problem there) or its problem (at another lane of the same
street). Prints the time (wall clock, and CPU time, which other processes on a shared machine
disturb less) to group all reports once their text has been read (the bot reads
each report once, when it arrives, and keeps what it read), the time to read them all from
cold caches, pairwise precision and recall on the planted incidents, how many planted
incidents were found whole, what finding one report's incident within its ward costs (as the
bot does for each new report), and one JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.faq.intent import _word
from bot.hot.cluster import group, incident
from bot.hot.similar import Profile, profile

# fmt: off
STREETS = [
    "Đội Cấn", "Kim Mã", "Liễu Giai", "Vĩnh Phúc", "Hoàng Hoa Thám", "Ngọc Hà", "Văn Cao",
    "Đào Tấn", "Nguyễn Chí Thanh", "Láng Hạ", "Thái Hà", "Tây Sơn", "Chùa Bộc", "Xã Đàn",
    "Giải Phóng", "Trường Chinh", "Lê Duẩn", "Nguyễn Trãi", "Khương Đình", "Kim Giang",
    "Định Công", "Tam Trinh", "Minh Khai", "Bạch Mai", "Lò Đúc", "Trần Khát Chân", "Nguyễn Khoái",
    "Hồng Hà", "Âu Cơ", "Lạc Long Quân", "Thụy Khuê", "Hoàng Quốc Việt", "Phạm Văn Đồng",
    "Trần Cung", "Cổ Nhuế", "Xuân Đỉnh", "Mỹ Đình", "Lê Đức Thọ", "Hồ Tùng Mậu", "Cầu Diễn",
    "Quang Trung", "Lê Lợi", "Trần Phú", "Ngô Quyền", "Hai Bà Trưng", "Lý Thường Kiệt",
    "Phan Đình Phùng", "Nguyễn Văn Cừ", "Ngọc Lâm", "Long Biên", "Sài Đồng", "Thạch Bàn",
    "Nguyễn Văn Linh", "Kim Ngưu", "Vĩnh Tuy", "Lĩnh Nam", "Yên Sở", "Tân Mai", "Hoàng Mai",
    "Giáp Bát", "Linh Đàm", "Nghiêm Xuân Yêm", "Tô Hiệu", "Nguyễn Khánh Toàn", "Trần Đăng Ninh",
]
LANDMARKS = [
    "chợ {s}", "trường tiểu học {s}", "công viên {s}", "khu tập thể {s}", "chung cư {s}",
    "cầu {s}", "trạm y tế {s}", "nhà văn hóa {s}",
]
# What goes wrong, each told several ways; {p} is the place.
PROBLEMS: dict[str, list[str]] = {
    "ngap": ["{p} bị ngập sâu sau trận mưa", "mưa to là {p} lại ngập, nước tràn vào nhà",
             "nước ngập ngang bánh xe ở {p}", "{p} ngập lụt không đi lại được",
             "đề nghị xử lý tình trạng ngập úng tại {p}", "{p} ngập nước, xe chết máy hàng loạt"],
    "den": ["đèn đường {p} hỏng cả tuần nay", "{p} tối om vì đèn chiếu sáng không sáng",
            "đèn đường ở {p} bị tắt hết, đi lại nguy hiểm", "{p} mất đèn đường mấy hôm rồi"],
    "rac": ["rác thải bị đổ trộm ở {p}, bốc mùi hôi thối", "{p} rác chất đống không ai thu gom",
            "có người đổ trộm rác và phế thải ở {p} ban đêm", "{p} thành bãi rác rồi, mùi quá"],
    "on": ["quán karaoke ở {p} hát đến 1 giờ sáng, ồn ào", "{p} karaoke ồn quá, đêm nào cũng hát",
           "tiếng loa karaoke ở {p} gây ồn sau 23h", "{p} mở nhạc to quá khuya không ngủ được"],
    "oga": ["ổ gà lớn trên {p}, nhiều xe máy ngã", "mặt đường {p} bị sụt lún thành hố sâu",
            "{p} có ổ gà to, rất nguy hiểm", "hố sâu ở {p} chưa được vá"],
    "nuoc": ["{p} mất nước sinh hoạt 3 ngày nay", "{p} không có nước máy từ thứ hai",
             "{p} bị cắt nước mà không thông báo", "vòi nước ở {p} khô cong, mất nước mấy ngày"],
    "dien": ["{p} mất điện từ chiều qua", "{p} cúp điện cả đêm, nóng không ngủ được",
             "{p} bị cắt điện không báo trước", "{p} mất điện gần 20 tiếng rồi"],
    "khoi": ["có người đốt rác ở {p}, khói bay vào nhà", "{p} đốt rác khói mù mịt",
             "{p} thường xuyên bị đốt rác, khói bụi"],
    "via": ["vỉa hè {p} bị quán xá lấn chiếm hết", "{p} lấn chiếm vỉa hè bày bán hàng",
            "người đi bộ ở {p} phải xuống lòng đường vì vỉa hè bị lấn chiếm"],
    "cho": ["chó thả rông ở {p} cắn người", "{p} nhiều chó thả rông không rọ mõm",
            "chó dữ thả rông trong {p}, trẻ con sợ"],
    "cay": ["cây to ở {p} nghiêng sắp đổ", "{p} có cây bị nghiêng, sợ đổ khi bão",
            "cây ở {p} bật rễ, đề nghị chặt hạ"],
    "cong": ["cống thoát nước ở {p} bị tắc, bốc mùi", "{p} cống tắc, nước đen tràn ra đường",
             "nắp cống ở {p} bị vỡ, rất nguy hiểm"],
    "xay": ["nhà ở {p} xây dựng không phép", "công trình ở {p} xây trái phép lấn ra ngõ",
            "{p} có nhà xây thêm tầng không phép"],
    "ong": ["vỡ ống nước ở {p}, nước phun lên mặt đường", "{p} ống nước bị vỡ, nước chảy lênh láng",
            "đường ống cấp nước ở {p} bị vỡ"],
}
CATEGORIES = {
    "ngap": ["giao-thong", "moi-truong"], "den": ["giao-thong", "dien-nuoc"],
    "rac": ["moi-truong"], "on": ["an-ninh-trat-tu", "moi-truong"], "oga": ["giao-thong"],
    "nuoc": ["dien-nuoc"], "dien": ["dien-nuoc"], "khoi": ["moi-truong"],
    "via": ["trat-tu-do-thi"], "cho": ["an-ninh-trat-tu", "moi-truong"], "cay": ["moi-truong"],
    "cong": ["moi-truong", "giao-thong"], "xay": ["dat-dai-xay-dung"], "ong": ["dien-nuoc"],
}
OPENINGS = ["", "", "", "Kính gửi UBND phường, ", "ad ơi, ", "Cho em phản ánh: ",
            "Nhà em ở gần đây, ", "Bức xúc quá, ", "Xin phản ánh: "]
CLOSINGS = ["", "", ".", ". Đề nghị phường xử lý sớm.", ", mong phường sớm kiểm tra ạ.",
            ". Người dân rất khổ.", "!!!", ", trẻ con đi học nguy hiểm lắm.", " mấy hôm nay rồi."]
SHORT = {"không": "ko", "được": "dc", "phường": "p.", "người": "ng", "rồi": "r", "với": "vs"}
# fmt: on


def category(rng: random.Random, problem: str) -> str:
    """Pick the field a citizen files a problem under (they do not all pick the same)."""
    return rng.choice(CATEGORIES[problem])


def place_text(rng: random.Random, place: tuple[str, str, int]) -> str:
    """Say a place one of the ways citizens do."""
    kind, street, number = place
    if kind == "ngo":
        return rng.choice(
            [f"ngõ {number} {street}", f"ngõ {number} phố {street}", f"{street} ngõ {number}"]
        )
    if kind == "to":
        return rng.choice([f"tổ {number}", f"tổ dân phố {number}", f"tổ dân phố số {number}"])
    if kind == "so":
        return rng.choice([f"số {number} {street}", f"nhà số {number} phố {street}"])
    return rng.choice([street, f"khu vực {street}", f"đoạn gần {street}"])


def styled(rng: random.Random, text: str) -> str:
    """Write a report the way a citizen might: no diacritics, lowercase, abbreviations."""
    if rng.random() < 0.3:
        for word, short in SHORT.items():
            text = text.replace(word, short)
    if rng.random() < 0.45:
        text = "".join(
            c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
        )
        text = text.replace("đ", "d").replace("Đ", "D")
    if rng.random() < 0.4:
        text = text.lower()
    return text


def report(rng: random.Random, problem: str, place: tuple[str, str, int]) -> str:
    """Write one report of an incident."""
    body = rng.choice(PROBLEMS[problem]).format(p=place_text(rng, place))
    text = rng.choice(OPENINGS) + body + rng.choice(CLOSINGS)
    return styled(rng, text[0].upper() + text[1:])


def ward_places(rng: random.Random) -> list[tuple[str, str, int]]:
    """Return the places of one ward: lanes and houses of its streets, groups, landmarks."""
    streets = rng.sample(STREETS, 6)
    places = [(k, s, rng.randint(1, 199)) for s in streets for k in ("ngo", "ngo", "so")]
    places += [("to", "", n) for n in range(1, 25)]
    places += [("mark", rng.choice(LANDMARKS).format(s=rng.choice(streets)), 0) for _ in range(4)]
    return places + [("street", f"đường {s}", 0) for s in streets]


def dataset(
    tickets: int, wards: int, seed: int
) -> tuple[list[tuple[int, str, str]], list[int | None]]:
    """Return reports (ward, category, text) and their planted incident (None: none)."""
    rng = random.Random(seed)
    reports: list[tuple[int, str, str]] = []
    labels: list[int | None] = []
    incidents = 0
    per_ward = tickets // wards
    for ward in range(wards):
        places, wanted = ward_places(rng), rng.randint(2, 5)
        used: set[tuple[str, tuple[str, str, int]]] = set()
        while len(used) < wanted:
            problem, place = rng.choice(list(PROBLEMS)), rng.choice(places)
            if (problem, place) in used:
                continue
            used.add((problem, place))
            for _ in range(rng.randint(3, 25)):
                reports.append((ward, category(rng, problem), report(rng, problem, place)))
                labels.append(incidents)
            incidents += 1
        planted = sorted(used)
        while len(reports) < per_ward * (ward + 1):
            problem, place = rng.choice(list(PROBLEMS)), rng.choice(places)
            if rng.random() < 0.3:  # a planted place with another problem, or the reverse
                near_problem, near_place = rng.choice(planted)
                problem, place = rng.choice([(problem, near_place), (near_problem, place)])
            if (problem, place) in used:
                continue
            used.add((problem, place))
            reports.append((ward, category(rng, problem), report(rng, problem, place)))
            labels.append(None)
    return reports, labels


def score(groups: list[list[int]], labels: list[int | None]) -> dict[str, float]:
    """Pairwise precision and recall against the planted incidents; incidents found whole."""
    found = {p for g in groups for p in itertools.combinations(sorted(g), 2)}
    planted: defaultdict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        if label is not None:
            planted[label].append(index)
    truth = {p for g in planted.values() for p in itertools.combinations(g, 2)}
    whole = {tuple(g) for g in groups} & {tuple(g) for g in planted.values()}
    return {
        "precision": round(len(found & truth) / max(1, len(found)), 3),
        "recall": round(len(found & truth) / max(1, len(truth)), 3),
        "incidents": len(planted),
        "found_whole": len(whole),
    }


def main(tickets: int, wards: int, seed: int, runs: int) -> dict[str, float]:
    """Read and group the reports `runs` times from cold caches; score the last grouping."""
    reports, labels = dataset(tickets, wards, seed)
    reading, grouping, cpu, reading_cpu = [], [], [], []
    groups: list[list[int]] = []
    for _ in range(runs):
        profile.cache_clear()
        _word.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        read = [(ward, profile(text)) for ward, _, text in reports]
        done_reading, cpu_start = time.perf_counter(), time.process_time()
        reading_cpu.append(cpu_start - start_cpu)
        groups = group(read)
        cpu.append(time.process_time() - cpu_start)
        reading.append(done_reading - start)
        grouping.append(time.perf_counter() - done_reading)
    arrival = _arrivals(read)
    return {
        "tickets": len(reports),
        "wards": wards,
        "arrival_ms_p50": round(statistics.median(arrival) * 1000, 2),
        "arrival_ms_p99": round(arrival[int(len(arrival) * 0.99)] * 1000, 2),
        "grouping_p50": round(statistics.median(grouping), 3),
        "grouping_max": round(max(grouping), 3),
        "grouping_cpu_p50": round(statistics.median(cpu), 3),
        "reading_p50": round(statistics.median(reading), 3),
        "reading_cpu_p50": round(statistics.median(reading_cpu), 3),
        **score(groups, labels),
    }


def _arrivals(read: list[tuple[int, Profile]]) -> list[float]:
    """Time finding each report's incident among its ward's (what a new report costs the bot,
    its text read); return the times, sorted."""
    by_ward: defaultdict[int, list[Profile]] = defaultdict(list)
    for ward, found in read:
        by_ward[ward].append(found)
    times = []
    for profiles in by_ward.values():
        for at in range(len(profiles)):
            start = time.perf_counter()
            incident(profiles, at)
            times.append(time.perf_counter() - start)
    return sorted(times)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--wards", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = main(args.tickets, args.wards, args.seed, args.runs)
    print(
        f"{result['tickets']} reports, {result['wards']} wards: grouped in "
        f"{result['grouping_p50']:.3f} s (median of {args.runs}, slowest "
        f"{result['grouping_max']:.3f} s; CPU {result['grouping_cpu_p50']:.3f} s); "
        f"reading their text first: {result['reading_p50']:.3f} s "
        f"(CPU {result['reading_cpu_p50']:.3f} s)\n"
        f"planted incidents: precision {result['precision']:.3f}, recall {result['recall']:.3f},"
        f" {result['found_whole']} of {result['incidents']} found whole\n"
        f"a new report's incident within its ward of {args.tickets // args.wards}: "
        f"p50 {result['arrival_ms_p50']:.2f} ms, p99 {result['arrival_ms_p99']:.2f} ms"
    )
    print(json.dumps(result))
