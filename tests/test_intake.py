"""Bad and unusual citizen input gets a clear, polite answer and loses nothing."""

from __future__ import annotations

from bot.demo import fill_feedback
from bot.world import World
from emulator.model import EmuUser


async def start_description(world: World, citizen: EmuUser) -> None:
    """Bring a citizen's draft to the description step."""
    await world.say(citizen.id, citizen, "/new")
    await world.press(citizen.id, citizen, "Phản ánh, kiến nghị")
    await world.press(citizen.id, citizen, "Ba Đình")
    await world.press(citizen.id, citizen, "Điện, nước")


def last_text(world: World, citizen: EmuUser) -> str:
    return world.last(citizen.id).plain_text or ""


async def test_unsupported_media_and_empty_description(world: World) -> None:
    citizen = world.emulator.add_user("Vy")
    await start_description(world, citizen)
    world.emulator.send_sticker(citizen.id, citizen)
    await world.idle()
    assert "chưa nhận được loại tin nhắn này" in last_text(world, citizen)
    world.emulator.send_photo(citizen.id, citizen)
    await world.idle()
    await world.press(citizen.id, citizen, "Tiếp tục")
    assert "mô tả nội dung bằng chữ" in last_text(world, citizen)
    await world.say(citizen.id, citizen, "Nước sinh hoạt có mùi lạ từ hôm qua.")
    await world.press(citizen.id, citizen, "Tiếp tục")
    assert "số điện thoại" in last_text(world, citizen)


async def test_oversize_description_is_refused_politely(world: World) -> None:
    citizen = world.emulator.add_user("Xuân")
    await start_description(world, citizen)
    for _ in range(2):
        await world.say(citizen.id, citizen, "Rất dài. " * 330)  # ~3k characters each
    await world.say(citizen.id, citizen, "Phần này vượt quá giới hạn. " * 80)
    assert "dài quá 8000 ký tự" in last_text(world, citizen)
    await world.press(citizen.id, citizen, "Tiếp tục")
    await world.say(citizen.id, citizen, "Bỏ qua")
    assert "Kiểm tra lại" in last_text(world, citizen)
    async with world.services.db.transaction():
        state = await world.services.deps.states.get(citizen.id)
    assert state is not None and len(state.data["text"]) > 5000  # what was accepted is kept


async def test_ward_typed_loosely_or_ambiguous(world: World) -> None:
    citizen = world.emulator.add_user("Yến")
    await world.say(citizen.id, citizen, "/new")
    await world.press(citizen.id, citizen, "Câu hỏi")
    await world.say(citizen.id, citizen, "zzzz qqqq")
    assert "Chưa tìm thấy phường/xã «zzzz qqqq»" in last_text(world, citizen)
    before = len(world.emulator.bot_messages(citizen.id))
    await world.say(citizen.id, citizen, "P. Ngoc Ha")
    # One message: the ward found, then the next question with its buttons.
    assert len(world.emulator.bot_messages(citizen.id)) == before + 1
    reply = last_text(world, citizen)
    assert reply.startswith("📍 Phường Ngọc Hà") and "lĩnh vực" in reply


async def test_edit_kind_to_complaint_asks_for_identity(world: World) -> None:
    citizen = world.emulator.add_user("Ánh")
    await fill_feedback(world, citizen, "Ba Đình", "Nhà bên cạnh xây lấn sang đất nhà tôi.")
    await world.press(citizen.id, citizen, "Sửa")
    await world.press(citizen.id, citizen, "Loại yêu cầu")
    await world.press(citizen.id, citizen, "Khiếu nại")
    assert "họ và tên" in last_text(world, citizen)
    await world.say(citizen.id, citizen, "Đỗ Thị Ánh")
    await world.say(citizen.id, citizen, "12 Liễu Giai, Ba Đình")
    await world.say(citizen.id, citizen, "0901 234 567")
    summary = last_text(world, citizen)
    assert "Loại: Khiếu nại" in summary and "Đỗ Thị Ánh · 0901234567" in summary
    assert "xây lấn" in summary  # the description survived the edit


async def test_cancel_and_stale_buttons(world: World) -> None:
    citizen = world.emulator.add_user("Bảo")
    await fill_feedback(world, citizen, "Ba Đình", "Đèn tín hiệu giao thông hỏng.")
    await world.say(citizen.id, citizen, "/cancel")
    assert "Đã hủy" in last_text(world, citizen)
    await world.press(citizen.id, citizen, "Gửi")  # the old summary's button
    answers = world.emulator.calls_of("answerCallbackQuery")
    assert "không còn hiệu lực" in str(answers[-1].params.get("text"))
    async with world.services.db.transaction():
        assert await world.services.deps.tickets.for_citizen(citizen.id) == []


async def test_abandoned_draft_expires_politely(world: World) -> None:
    citizen = world.emulator.add_user("Chi")
    await start_description(world, citizen)
    async with world.services.db.transaction():
        expired = await world.services.intake.expire(timeout_minutes=0)
    await world.idle()
    assert expired == 1
    assert "đã được hủy vì quá 0 phút" in last_text(world, citizen)
    await world.say(citizen.id, citizen, "còn đó không?")
    async with world.services.db.transaction():
        asked = await world.services.db.fetch_all("SELECT decision FROM faq_queries")
    assert len(asked) == 1 and asked[0]["decision"] != "answer"  # no draft: it is a question


async def test_private_free_text_after_answer_is_a_follow_up(world: World) -> None:
    officer = world.emulator.add_user("Đức")
    group = world.emulator.add_group("UBND Phường Ba Đình", members=[world.admin, officer])
    await world.say(group.id, world.admin, "/bind_ward Ba Đình")
    citizen = world.emulator.add_user("Dương")
    await fill_feedback(world, citizen, "Ba Đình", "Cột điện nghiêng sắp đổ.")
    await world.press(citizen.id, citizen, "Gửi")
    card = world.emulator.bot_messages(group.id)[1]
    await world.say(group.id, officer, "Bạn cho biết số nhà gần nhất?", reply_to=card.message_id)
    await world.say(citizen.id, citizen, "Gần số 15 Đội Cấn ạ")
    assert "Gần số 15 Đội Cấn" in (world.last(group.id).plain_text or "")


async def test_a_report_is_told_its_text_may_be_shown_to_others_reporting_the_same(
    world: World,
) -> None:
    citizen = world.emulator.add_user("Thu")
    for kind, shared in (("Phản ánh, kiến nghị", True), ("Khiếu nại", False)):
        await world.say(citizen.id, citizen, "/new")
        await world.press(citizen.id, citizen, kind)
        await world.say(citizen.id, citizen, "Ba Đình")
        await world.press(citizen.id, citizen, "Môi trường")
        prompt = world.last(citizen.id).plain_text or ""
        assert "mô tả sự việc" in prompt
        assert ("không ghi họ tên" in prompt) is shared
        await world.say(citizen.id, citizen, "/cancel")
    # Said again in the summary, whatever way the draft came to be a phản ánh.
    await fill_feedback(world, citizen, "Ba Đình", "Cây đổ chắn ngang đường tổ 4.")
    assert "không ghi họ tên" in last_text(world, citizen)
    await world.press(citizen.id, citizen, "Sửa")
    await world.press(citizen.id, citizen, "Loại yêu cầu")
    await world.press(citizen.id, citizen, "Câu hỏi")
    assert "không ghi họ tên" not in last_text(world, citizen)


async def test_buttons_of_an_earlier_step_or_draft_change_nothing(world: World) -> None:
    citizen = world.emulator.add_user("Đào")
    await world.say(citizen.id, citizen, "/new")
    await world.press(citizen.id, citizen, "Phản ánh, kiến nghị")
    old_ward = world.find_button(citizen.id, "Ba Đình")
    await world.say(citizen.id, citizen, "/new")  # begun again: no kind chosen yet
    world.emulator.click(citizen.id, citizen, old_ward[0].message_id, old_ward[1])
    await world.idle()
    answers = world.emulator.calls_of("answerCallbackQuery")
    assert "không còn hiệu lực" in str(answers[-1].params.get("text"))
    await world.press(citizen.id, citizen, "Khiếu nại")
    await world.press(citizen.id, citizen, "Ba Đình")
    old_category = world.find_button(citizen.id, "Điện, nước")
    await world.press(citizen.id, citizen, "Điện, nước")
    await world.say(citizen.id, citizen, "Công ty cấp nước tính sai tiền nước tháng 10.")
    world.emulator.click(citizen.id, citizen, old_category[0].message_id, old_category[1])
    await world.idle()
    await world.press(citizen.id, citizen, "Tiếp tục")
    assert "họ và tên" in last_text(world, citizen)  # the complaint goes on, nothing rewound
    async with world.services.db.transaction():
        state = await world.services.deps.states.get(citizen.id)
    assert state is not None and state.data["kind"] == "khieu_nai"
    assert state.data["text"].startswith("Công ty cấp nước")


async def test_unknown_commands_and_edits_are_answered_and_change_nothing(world: World) -> None:
    citizen = world.emulator.add_user("Đức")
    await start_description(world, citizen)
    await world.say(citizen.id, citizen, "/huy")
    assert "chưa hiểu lệnh /huy" in last_text(world, citizen)
    sent = world.emulator.send_text(citizen.id, citizen, "Nước máy đục từ sáng nay.")
    document = world.emulator.send_document(citizen.id, citizen, "hoa-don.pdf", "Hóa đơn")
    await world.idle()
    world.emulator.edit_sent(sent, text="Nước máy đục và có mùi từ sáng nay.")
    world.emulator.edit_sent(document, caption="Hóa đơn tháng 10")
    await world.idle()
    assert "không nhận được phần sửa" in last_text(world, citizen)
    async with world.services.db.transaction():
        state = await world.services.deps.states.get(citizen.id)
    assert state is not None and state.data["step"] == "description"
    assert state.data["text"] == "Nước máy đục từ sáng nay.\nHóa đơn"  # edits not added again
    assert len(state.data["attachments"]) == 1
