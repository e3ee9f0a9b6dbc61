"""Hot issues through the user path: alerts on similar reports, following, merging."""

from __future__ import annotations

from bot.demo import submit_feedback
from bot.world import World
from emulator.model import EmuChat, EmuUser, StoredMessage

# One flooded lane, told eleven ways (with and without diacritics, abbreviations).
FLOOD = [
    "Ngõ 12 Đội Cấn bị ngập sâu sau trận mưa tối qua, nước tràn vào nhà.",
    "ngo 12 doi can ngap nuoc qua dau goi, xe may chet may het",
    "Mưa to là ngõ 12 phố Đội Cấn lại ngập úng, cống thoát nước bị tắc.",
    "Đề nghị phường xử lý ngập lụt ở ngõ 12 Đội Cấn, có gì gọi tôi 0912 345 678.",
    "doi can ngo 12 ngap lut ko di dc, ad oi phuong xu ly giup",
    "Nhà em ở ngõ 12 Đội Cấn, nước ngập vào tận nhà, cống không thoát được.",
    "Ngõ 12 Đội Cấn ngập nặng quá, trẻ con không đi học được.",
    "ngõ 12 đội cấn lại ngập rồi, nước đen bốc mùi",
    "Nước ngập ngang bánh xe ở ngõ 12 Đội Cấn từ sáng.",
    "ngo 12 doi can nuoc ngap lenh lang, de nghi phuong hut nuoc",
    "Ngõ 12 Đội Cấn ngập lụt, cống tắc lâu rồi chưa ai nạo vét.",
]
# Not that incident: another problem in the same lane, the same problem elsewhere, another one.
OTHERS = [
    "Nhà số 8 ngõ 12 Đội Cấn xây dựng không phép, lấn ra ngõ.",
    "Phố Kim Mã đoạn trước bến xe bị ngập khi mưa to.",
    "Đèn đường ngõ 34 Vĩnh Phúc hỏng cả tuần nay, tối om.",
]


def alerts(world: World, group: int) -> list[StoredMessage]:
    """Return the hot-issue alerts a group got (not the short notices that it grew)."""
    return [m for m in world.emulator.bot_messages(group) if "/merge MÃ_GIỮ" in (m.text or "")]


async def test_similar_reports_alert_once_and_merging_answers_everyone(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    emu = world.emulator
    citizens = [emu.add_user(f"Dân {n}", last_name="Nguyễn") for n in range(len(FLOOD))]
    codes = [await submit_feedback(world, citizens[n], "Ba Đình", FLOOD[n]) for n in range(4)]
    others = [await submit_feedback(world, emu.add_user("Hà"), "ba dinh", t) for t in OTHERS]
    assert not alerts(world, group.id)  # four are not yet a hot issue
    for n in range(4, 10):
        codes.append(await submit_feedback(world, citizens[n], "Ba Đình", FLOOD[n]))
    [alert] = alerts(world, group.id)
    text = alert.plain_text or ""
    assert "10 phản ánh tương tự" in text and all(code in text for code in codes)
    assert not any(code in text for code in others)
    assert alert.edits == 5  # sent with the fifth report, brought up to date by the next five
    assert "Nguyễn" not in text and "0912" not in text and "•••" in text  # nobody's identity
    grew = [m for m in emu.bot_messages(group.id) if "nay đã có" in (m.plain_text or "")]
    assert len(grew) == 1 and "10 phản ánh" in (grew[0].plain_text or "")

    await world.stop_bot()
    await world.start_bot()
    codes.append(await submit_feedback(world, citizens[10], "Ba Đình", FLOOD[10]))
    [alert] = alerts(world, group.id)  # a restart repeats nothing: the same alert grows
    assert "11 phản ánh tương tự" in (alert.plain_text or "")

    await world.press(group.id, officer, f"Gộp tất cả vào {codes[0]}")
    assert f"vào {codes[0]}" in (world.last(group.id).plain_text or "")
    assert "11 người dân" in (world.last(group.id).plain_text or "")
    for citizen, code in zip(citizens[1:], codes[1:], strict=True):
        notice = world.find(citizen.id, "đã được gộp vào").plain_text or ""
        assert code in notice and codes[0] in notice
    assert "Đã gộp vào yêu cầu khác" in (world.card(group.id, codes[5]).plain_text or "")
    card = world.card(group.id, codes[0])
    await world.say(
        group.id, officer, "Phường đã cử đội thoát nước hút nước.", reply_to=card.message_id
    )
    for citizen in citizens:
        assert "đội thoát nước" in (world.find(citizen.id, "trả lời").plain_text or "")
    assert "10 người theo dõi" in (world.find(group.id, "Đã gửi tới").plain_text or "")


async def test_a_citizen_follows_a_similar_report_and_hears_what_its_citizen_hears(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    emu = world.emulator
    first = emu.add_user("Lan", last_name="Phạm")
    text = "Đèn đường ngõ 34 Vĩnh Phúc hỏng cả tuần nay, tối om. Số tôi 0987654321."
    code = await submit_feedback(world, first, "Ba Đình", text)
    follower = emu.add_user("Minh")
    chat = follower.id
    await world.say(chat, follower, "/new")
    await world.press(chat, follower, "Phản ánh, kiến nghị")
    await world.say(chat, follower, "Ba Đình")
    await world.press(chat, follower, "Giao thông")
    await world.say(chat, follower, "den duong ngo 34 vinh phuc khong sang, toi di lai so lam")
    await world.press(chat, follower, "Tiếp tục")
    offer = world.last(chat).plain_text or ""
    assert code in offer and "Lan" not in offer and "Phạm" not in offer
    assert "0987654321" not in offer and "Đèn đường ngõ 34" in offer
    await world.press(chat, follower, f"Theo dõi {code}")
    assert "Bạn đang theo dõi" in (world.last(chat).plain_text or "")
    async with world.services.db.transaction():
        count = await world.services.db.fetch_one("SELECT COUNT(*) AS n FROM tickets")
    assert count is not None and count["n"] == 1  # no duplicate filed

    await world.press(group.id, officer, "Nhận xử lý")
    assert "đang được cán bộ" in (world.last(chat).plain_text or "")
    card = world.card(group.id, code)
    await world.say(
        group.id, officer, "Điện lực sẽ thay bóng đèn ngày mai.", reply_to=card.message_id
    )
    answer = world.find(chat, "trả lời")
    assert "thay bóng đèn" in (answer.plain_text or "")
    assert "1 người theo dõi" in (world.find(group.id, "Đã gửi tới").plain_text or "")
    await world.say(chat, follower, "Tối nay vẫn chưa sáng ạ", reply_to=answer.message_id)
    # Officers hear it as a follower's; the history its citizen sees does not hold it.
    assert "vẫn chưa sáng" in (world.find(group.id, "Người theo dõi bổ sung").plain_text or "")
    await world.say(first.id, first, f"/status {code}")
    assert "vẫn chưa sáng" not in (world.last(first.id).plain_text or "")
    await world.say(chat, follower, "/status")
    assert code in (world.last(chat).plain_text or "")
    await world.say(chat, follower, f"/status {code}")
    shown = world.last(chat).plain_text or ""
    assert "Bạn đang theo dõi" in shown and "Lịch sử" not in shown  # the history is Lan's

    await world.press(group.id, officer, "Đã giải quyết")
    told = world.last(chat)
    assert "mà bạn theo dõi đã được giải quyết" in (told.plain_text or "")
    assert not told.reply_markup  # only its citizen rates it
    assert "hài lòng" in (world.find(first.id, "đã được giải quyết").plain_text or "")
    await world.press(first.id, first, "Chưa hài lòng")
    await world.say(first.id, first, "Đèn sáng được một tối rồi lại tắt.")
    assert "mà bạn theo dõi được mở lại" in (world.last(chat).plain_text or "")
    world.emulator.send_sticker(chat, follower, reply_to=answer.message_id)
    await world.idle()
    assert "chưa nhận được loại tin nhắn này" in (world.last(chat).plain_text or "")


async def test_merge_command_closes_duplicates_and_their_citizens_get_the_answers(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    emu = world.emulator
    a, b, c = emu.add_user("An"), emu.add_user("Bảo"), emu.add_user("Chi")
    code_a = await submit_feedback(world, a, "Ba Đình", "Rác bị đổ trộm ở đầu ngõ 20 Kim Mã.")
    code_b = await submit_feedback(world, b, "Ba Đình", "dau ngo 20 kim ma rac chat dong")
    code_c = await submit_feedback(world, c, "Ba Đình", "Ngõ 20 Kim Mã thành bãi rác rồi.")
    card = world.card(group.id, code_a)
    await world.say(group.id, officer, "Đã báo tổ vệ sinh thu gom.", reply_to=card.message_id)
    await world.say(group.id, officer, f"/merge {code_a} {code_b} {code_c} ZZZZ-ZZZZ")
    notice = world.last(group.id).plain_text or ""
    assert f"Đã gộp {code_b}, {code_c} vào {code_a}" in notice and "3 người dân" in notice
    assert "ZZZZ-ZZZZ: không có yêu cầu này" in notice
    for citizen in (b, c):
        assert code_a in (world.find(citizen.id, "đã được gộp vào").plain_text or "")
        assert "tổ vệ sinh" in (world.find(citizen.id, "đã trả lời").plain_text or "")
    merged_card = world.card(group.id, code_b)
    assert "Đã gộp vào yêu cầu khác" in (merged_card.plain_text or "")
    assert not (merged_card.reply_markup or {}).get("inline_keyboard")
    async with world.services.db.transaction():
        tickets = world.services.deps.tickets
        merged = await tickets.by_code(code_b)
        kept = await tickets.by_code(code_a)
        assert merged is not None and kept is not None
        merged_events = await tickets.events(merged.id)
        kept_events = await tickets.events(kept.id)
    assert merged.status == "merged"
    assert [(e.action, e.detail) for e in merged_events][-1] == ("merged", code_a)
    assert [e.detail for e in kept_events if e.action == "merged_in"] == [code_b, code_c]

    await world.say(group.id, officer, f"/merge {code_a} {code_b}")
    assert "đã kết thúc" in (world.last(group.id).plain_text or "")
    await world.say(group.id, officer, "Đã thu gom xong.", reply_to=card.message_id)
    for citizen in (a, b, c):
        assert "thu gom xong" in (world.find(citizen.id, "Ba Đình trả lời").plain_text or "")
    await world.say(b.id, b, f"/status {code_b}")
    assert "Đã gộp vào yêu cầu khác" in (world.last(b.id).plain_text or "")


async def test_reports_older_than_the_window_are_not_counted(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, _ = ward_group
    emu = world.emulator
    texts = [f"Quán karaoke số 45 Liễu Giai hát đến {h} giờ sáng, ồn ào quá" for h in range(1, 10)]
    old = [await submit_feedback(world, emu.add_user("Cũ"), "Ba Đình", t) for t in texts[:4]]
    async with world.services.db.transaction():
        await world.services.db.execute(
            "UPDATE tickets SET created_at = created_at - 8 * 24 * 3600"
        )
    new = [await submit_feedback(world, emu.add_user("Mới"), "Ba Đình", t) for t in texts[4:]]
    [alert] = alerts(world, group.id)
    text = alert.plain_text or ""
    assert "5 phản ánh tương tự" in text and all(code in text for code in new)
    assert not any(code in text for code in old)


def card_button(world: World, group: int, code: str, label: str) -> tuple[int, str]:
    """Return the message id of a ticket's card and the data of its button `label`."""
    card = world.card(group, code)
    rows = (card.reply_markup or {}).get("inline_keyboard", [])
    [data] = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    return card.message_id, data


async def test_the_alert_shows_tickets_resolved_or_transferred_since(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    emu = world.emulator
    codes = [
        await submit_feedback(world, emu.add_user(f"Dân {n}"), "Ba Đình", t)
        for n, t in enumerate(FLOOD[:5])
    ]
    [alert] = alerts(world, group.id)
    assert "Đã giải quyết" not in (alert.plain_text or "")
    emu.click(group.id, officer, *card_button(world, group.id, codes[1], "Đã giải quyết"))
    await world.idle()
    [alert] = alerts(world, group.id)
    assert f"{codes[1]} · " in (alert.plain_text or "")
    line = next(s for s in (alert.plain_text or "").splitlines() if codes[1] in s)
    assert "Đã giải quyết" in line
    await world.say(group.id, officer, f"/transfer {codes[2]} Ngọc Hà")
    await world.say(
        group.id, officer, "Thuộc địa bàn Ngọc Hà.", reply_to=world.last(group.id).message_id
    )
    [alert] = alerts(world, group.id)
    line = next(s for s in (alert.plain_text or "").splitlines() if codes[2] in s)
    assert "đã chuyển nhóm khác" in line
    await world.press(group.id, officer, f"Gộp tất cả vào {codes[0]}")
    assert "Đã gộp vào yêu cầu khác" not in (world.card(group.id, codes[1]).plain_text or "")
    assert (await world.ticket(codes[2])).status == "received"
