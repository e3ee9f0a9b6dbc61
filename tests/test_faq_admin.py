"""Admins change the live FAQ without a restart: reload, upload with preview, history, rollback."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from bot.world import World

TOPIC = """topic: giao-thong
title: Giao thông
entries:
  - id: giao-thong/xe-dap-dien-mu-bao-hiem
    question: "Đi xe đạp điện có phải đội mũ bảo hiểm không?"
    alternates: ["Xe đạp điện không đội mũ có bị phạt không?"]
    answer: "Có. Người đi xe đạp máy (xe đạp điện) phải đội mũ bảo hiểm, cài quai đúng quy cách."
    legal_basis: ["Luật Trật tự, an toàn giao thông đường bộ 2024 (36/2024/QH15), Điều 33"]
    tags: [xe dap dien, mu bao hiem]
    reviewed: 2026-11-22
"""


async def versions(world: World) -> list[tuple[int, int, str]]:
    async with world.services.db.transaction():
        rows = await world.services.db.fetch_all(
            "SELECT id, active, source FROM faq_versions ORDER BY id"
        )
    return [(r["id"], r["active"], r["source"]) for r in rows]


def last(world: World) -> str:
    return world.last(world.admin.id).plain_text or ""


async def test_reload_needs_an_admin_and_publishes_a_version(world: World) -> None:
    stranger = world.emulator.add_user("Khách")
    await world.say(stranger.id, stranger, "/faq_reload")
    assert "chỉ quản trị viên" in (world.last(stranger.id).plain_text or "")
    await world.say(world.admin.id, world.admin, "/faq_reload")
    assert "phiên bản v2 (70 mục)" in last(world) and "Thêm: 0 · Sửa: 0 · Xóa: 0" in last(world)
    assert [v[1] for v in await versions(world)] == [0, 1]


async def test_yaml_upload_previews_then_applies_live(world: World) -> None:
    citizen = world.emulator.add_user("Phong")
    admin = world.admin
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=TOPIC.encode())
    await world.idle()
    preview = last(world)
    assert "Xem trước" in preview and "Thêm: 1" in preview and "Xóa: 7" in preview
    assert len(await versions(world)) == 1  # nothing changed yet
    await world.press(admin.id, admin, "Áp dụng")
    assert "phiên bản v2 (64 mục)" in last(world)
    await world.say(citizen.id, citizen, "di xe dap dien co phai doi mu bao hiem ko")
    assert "xe đạp máy" in (world.last(citizen.id).plain_text or "")  # no restart needed


async def test_a_publish_that_rolls_back_leaves_the_live_faq_alone(world: World) -> None:
    live = world.services.live_faq
    before = live.current
    with pytest.raises(RuntimeError, match="later step"):
        async with world.services.db.transaction():
            await live.publish(before.faq, "test", world.admin.id, 0.0)
            raise RuntimeError("a later step of the same update failed")
    assert live.current is before
    assert [v[1] for v in await versions(world)] == [1]


async def test_invalid_upload_says_what_is_wrong_and_changes_nothing(world: World) -> None:
    admin = world.admin
    broken = TOPIC.replace("    reviewed: 2026-11-22\n", "").replace(
        'answer: "Có.', 'answer: ["Có.'
    )
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=broken.encode())
    await world.idle()
    assert "chưa hợp lệ" in last(world) and "giao-thong.yaml:" in last(world)
    assert "lỗi cú pháp YAML" in last(world)
    no_date = TOPIC.replace("    reviewed: 2026-11-22\n", "")
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=no_date.encode())
    await world.idle()
    assert "reviewed" in last(world) and "giao-thong.yaml:4" in last(world)
    world.emulator.send_document(admin.id, admin, "notes.pdf", data=b"%PDF")
    await world.idle()
    assert "Chỉ nhận tệp .yaml" in last(world)
    assert len(await versions(world)) == 1


async def test_an_upload_of_nested_aliases_is_refused_at_once(world: World) -> None:
    # Nine lines standing for 10^9 values: walking them, even to print an error, would hang.
    lines = ["topic: giao-thong", "title: Giao thông", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    entry = TOPIC.split("entries:\n", 1)[1].replace("giao-thong/xe-dap-dien-mu-bao-hiem", "*a8")
    bomb = "\n".join(lines) + "\nentries:\n" + entry
    world.emulator.send_document(world.admin.id, world.admin, "bom.yaml", data=bomb.encode())
    await world.idle()
    assert "không dùng neo và bí danh YAML" in last(world)
    assert len(await versions(world)) == 1


async def test_xlsx_upload_and_discard(world: World) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "topic", "question", "alternates", "answer", "legal_basis", "reviewed"])
    sheet.append([
        "ho-tich/doi-ten-cho-con", "ho-tich", "Đổi tên cho con được không?",
        "Thay đổi họ tên cho con; Cải chính hộ tịch", "Được, nếu có lý do chính đáng ...",
        "Luật Hộ tịch 2014 (60/2014/QH13), Điều 26", "2026-11-22",
    ])  # fmt: skip
    data = io.BytesIO()
    book.save(data)
    admin = world.admin
    world.emulator.send_document(admin.id, admin, "ho-tich.xlsx", data=data.getvalue())
    await world.idle()
    assert "Thêm: 1" in last(world) and "ho-tich/doi-ten-cho-con" in last(world)
    await world.press(admin.id, admin, "Bỏ qua")
    assert "không thay đổi" in last(world)
    assert len(await versions(world)) == 1


async def test_history_and_rollback(world: World) -> None:
    admin = world.admin
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=TOPIC.encode())
    await world.idle()
    await world.press(admin.id, admin, "Áp dụng")
    await world.say(admin.id, admin, "/faq_history")
    history = last(world)
    assert "▶️ v2" in history and "upload: giao-thong.yaml" in history and "• v1" in history
    await world.say(admin.id, admin, "/faq_rollback 1")
    assert "khôi phục nội dung v1 thành phiên bản mới v3" in last(world)
    assert world.services.live_faq.current.faq.get("giao-thong/xe-dap-dien-mu-bao-hiem") is None
    assert len(world.services.live_faq.current.faq.entries) == 70
    await world.say(admin.id, admin, "/faq_rollback 99")
    assert "Không có phiên bản v99" in last(world)
    for odd in ("²", "9" * 30, "0"):
        await world.say(admin.id, admin, f"/faq_rollback {odd}")
        assert "Cách dùng" in last(world), odd


async def test_a_review_time_is_read_as_its_day_and_a_sheet_topic_is_checked(
    world: World,
) -> None:
    timed = TOPIC.replace("reviewed: 2026-11-22", "reviewed: 2026-11-22 10:00:00")
    admin = world.admin
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=timed.encode())
    await world.idle()
    await world.press(admin.id, admin, "Áp dụng")
    entry = world.services.live_faq.current.faq.get("giao-thong/xe-dap-dien-mu-bao-hiem")
    assert entry is not None and str(entry.reviewed) == "2026-11-22"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "topic", "question", "alternates", "answer", "legal_basis", "reviewed"])
    sheet.append(["/xyz", "", "Hỏi?", "", "Đáp.", "Luật X 2020, Điều 1", "2026-11-22"])
    data = io.BytesIO()
    book.save(data)
    world.emulator.send_document(admin.id, admin, "sai.xlsx", data=data.getvalue())
    await world.idle()
    assert "'<chủ-đề>/<mã-không-dấu>'" in last(world) and "Áp dụng" not in str(
        world.last(admin.id).reply_markup
    )


async def test_an_older_preview_applies_nothing(world: World) -> None:
    admin = world.admin
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=TOPIC.encode())
    await world.idle()
    first = world.find_button(admin.id, "Áp dụng")
    other = TOPIC.replace("Đi xe đạp điện", "Chạy xe đạp điện")
    world.emulator.send_document(admin.id, admin, "giao-thong-2.yaml", data=other.encode())
    await world.idle()
    world.emulator.click(admin.id, admin, first[0].message_id, first[1])  # the first preview
    await world.idle()
    assert "đã cũ" in last(world) and len(await versions(world)) == 1
    world.emulator.send_document(admin.id, admin, "giao-thong.yaml", data=TOPIC.encode())
    await world.idle()
    await world.say(admin.id, admin, "/faq_reload")  # another version published meanwhile
    await world.press(admin.id, admin, "Áp dụng")
    assert "đã cũ" in last(world) and len(await versions(world)) == 2
