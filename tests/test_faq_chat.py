"""The FAQ in the citizen's chat: answers, choices, hand-over to officers, browsing, the log."""

from __future__ import annotations

from bot.world import World
from emulator.model import EmuChat, EmuUser


async def logged(world: World) -> list[dict[str, object]]:
    async with world.services.db.transaction():
        rows = await world.services.db.fetch_all("SELECT * FROM faq_queries ORDER BY id")
    return [dict(row) for row in rows]


async def test_plain_question_gets_answer_with_basis_and_feedback(world: World) -> None:
    citizen = world.emulator.add_user("Hạnh")
    await world.say(citizen.id, citizen, "dang ky khai sinh cho con o dau, can giay to gi")
    answer = world.last(citizen.id)
    text = answer.plain_text or ""
    assert "khai sinh" in text.lower() and "Căn cứ: " in text and "Luật Hộ tịch" in text
    assert "Cập nhật: " in text and "không phải quyết định hành chính" in text
    await world.press(citizen.id, citizen, "Hữu ích")
    (row,) = await logged(world)
    assert row["decision"] == "answer" and row["entry_id"] == "ho-tich/dang-ky-khai-sinh"
    assert row["feedback"] == "helpful"
    assert "khai sinh" in str(row["normalized"]) and "chat_id" not in row  # no sender kept


async def test_unanswered_question_goes_to_the_ward_as_a_ticket(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Khoa")
    question = "Hàng xóm nuôi chó to không rọ mõm, phường có quy định xử phạt riêng không?"
    await world.say(citizen.id, citizen, question)
    await world.press(citizen.id, citizen, "cán bộ")
    await world.press(citizen.id, citizen, "Ba Đình")
    await world.press(citizen.id, citizen, "An ninh")
    assert "nuôi chó to" in (world.last(citizen.id).plain_text or "")  # carried along
    await world.press(citizen.id, citizen, "Tiếp tục")
    await world.say(citizen.id, citizen, "Bỏ qua")
    assert "Loại: Câu hỏi" in (world.last(citizen.id).plain_text or "")
    await world.press(citizen.id, citizen, "Gửi")
    code = world.receipt_code(citizen.id)
    card = world.card(group.id, code)
    await world.say(
        group.id,
        officer,
        "Theo NĐ 144/2021, chủ nuôi phải rọ mõm khi ra đường.",
        reply_to=card.message_id,
    )
    assert "rọ mõm" in (world.last(citizen.id).plain_text or "")
    rows = await logged(world)
    assert rows[0]["feedback"] == "asked_officer" and rows[0]["ticket_id"] is not None
    # Admins are offered to turn the officer's answer into a draft entry.
    await world.press(world.admin.id, world.admin, "bản nháp")
    draft = world.last(world.admin.id).plain_text or ""
    assert "Bản nháp #1" in draft and "rọ mõm" in draft and "legal_basis" in draft
    await world.press(world.admin.id, world.admin, "bản nháp")  # again: the same draft
    again = world.last(world.admin.id).plain_text or ""
    assert "đã có bản nháp #1" in again and "rọ mõm" in again
    async with world.services.db.transaction():
        drafts = await world.services.db.fetch_all("SELECT id FROM faq_drafts")
    assert len(drafts) == 1


async def test_report_like_text_offers_to_file_a_report(world: World) -> None:
    citizen = world.emulator.add_user("Lâm")
    await world.say(citizen.id, citizen, "đèn đường ở tổ 5 bị hỏng cả tuần nay tối om")
    assert "giống một phản ánh" in (world.last(citizen.id).plain_text or "")
    await world.press(citizen.id, citizen, "Gửi phản ánh")
    assert "phường/xã nào" in (world.last(citizen.id).plain_text or "")
    async with world.services.db.transaction():
        state = await world.services.deps.states.get(citizen.id)
    assert state is not None and state.data["kind"] == "phan_anh"
    assert "đèn đường" in state.data["text"]


async def test_browse_topics_to_an_answer(world: World) -> None:
    citizen = world.emulator.add_user("Mai")
    await world.say(citizen.id, citizen, "/start")
    await world.press(citizen.id, citizen, "Hỏi đáp pháp luật")
    topics = world.last(citizen.id)
    labels = [b["text"] for row in (topics.reply_markup or {})["inline_keyboard"] for b in row]
    assert len(labels) == 11 and "Cư trú" in labels
    await world.press(citizen.id, citizen, "Cư trú")
    await world.press(citizen.id, citizen, "Đăng ký thường trú")
    assert "Luật Cư trú" in (world.last(citizen.id).plain_text or "")
    rows = await logged(world)
    assert rows[-1]["decision"] == "browse"


async def test_forged_faq_buttons_are_refused(world: World) -> None:
    citizen = world.emulator.add_user("Nam")
    await world.say(citizen.id, citizen, "/start")
    message = world.last(citizen.id)
    forged_numbers = ("f:up:²", "f:ask:" + "9" * 40, "r:²:1", "r:" + "9" * 40 + ":1", "nf:²")
    for forged in ("f:up:999", "f:e:99:0", "f:t:77", "f:s:1:x", "f:zz", *forged_numbers):
        answered = len(world.emulator.calls_of("answerCallbackQuery"))
        world.emulator.click(citizen.id, citizen, message.message_id, forged)
        await world.idle()
        assert len(world.emulator.calls_of("answerCallbackQuery")) == answered + 1, forged
        notice = str(world.emulator.calls_of("answerCallbackQuery")[-1].params.get("text", ""))
        assert "không còn hiệu lực" in notice or "vừa được cập nhật" in notice


async def test_only_the_asker_can_rate_or_hand_over_a_question(world: World) -> None:
    asker, other = world.emulator.add_user("Hạnh"), world.emulator.add_user("Khoa")
    await world.say(asker.id, asker, "dang ky khai sinh cho con o dau, can giay to gi")
    (row,) = await logged(world)
    await world.say(other.id, other, "/start")
    message = world.last(other.id)
    for data in (f"f:up:{row['id']}", f"f:no:{row['id']}", f"f:ask:{row['id']}"):
        world.emulator.click(other.id, other, message.message_id, data)
        await world.idle()
        notice = str(world.emulator.calls_of("answerCallbackQuery")[-1].params.get("text", ""))
        assert "không còn hiệu lực" in notice
    (row,) = await logged(world)
    assert row["feedback"] is None and row["ticket_id"] is None
    async with world.services.db.transaction():
        assert await world.services.deps.states.get(other.id) is None  # no draft begun
    await world.press(asker.id, asker, "Hữu ích")
    (row,) = await logged(world)
    assert row["feedback"] == "helpful"
