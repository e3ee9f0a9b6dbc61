"""Officers' actions: only from the right group, with reasons kept and told to the citizen."""

from __future__ import annotations

import pytest

from bot.demo import submit_feedback
from bot.kinds import Kind
from bot.tickets import NewTicket
from bot.world import World
from emulator.model import EmuChat, EmuUser


def answered(world: World) -> str:
    """Return the text of the newest answerCallbackQuery."""
    calls = world.emulator.calls_of("answerCallbackQuery")
    return str(calls[-1].params.get("text", ""))


async def test_decline_asks_reason_and_tells_citizen(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Dũng")
    code = await submit_feedback(world, citizen, "Ba Đình", "Tranh chấp hợp đồng thuê nhà riêng.")
    await world.press(group.id, officer, "Không thuộc thẩm quyền")
    prompt = world.last(group.id)
    assert (prompt.reply_markup or {}).get("force_reply") is True
    await world.say(
        group.id,
        officer,
        "Tranh chấp dân sự, đề nghị khởi kiện tại Tòa án.",
        reply_to=prompt.message_id,
    )
    notice = world.last(citizen.id).plain_text or ""
    assert "không thuộc thẩm quyền" in notice and "khởi kiện tại Tòa án" in notice
    card = world.card(group.id, code)
    assert "Không thuộc thẩm quyền" in (card.plain_text or "")
    world.emulator.click(group.id, officer, card.message_id, "t:claim:1")
    await world.idle()
    assert "đã kết thúc" in answered(world)


async def test_transfer_moves_card_to_other_ward_group(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    other_officer = world.emulator.add_user("Hà")
    other = world.emulator.add_group("UBND Phường Ngọc Hà", members=[world.admin, other_officer])
    await world.say(other.id, world.admin, "/bind_ward Ngọc Hà")
    citizen = world.emulator.add_user("Giang")
    code = await submit_feedback(
        world, citizen, "Ba Đình", "Cống thoát nước phố Hoàng Hoa Thám tắc."
    )
    await world.press(group.id, officer, "Chuyển phường")
    await world.press(group.id, officer, "Ngọc Hà")
    ask = world.last(group.id)
    assert "lý do" in (ask.plain_text or "")
    world.emulator.send_text(group.id, officer, "ok", reply_to=ask.message_id)
    await world.idle()  # too short to be a reason: asked again, nothing moved
    assert "lý do" in (world.last(group.id).plain_text or "")
    with pytest.raises(LookupError):
        world.card(other.id, code)
    reason = "Tuyến cống thuộc địa bàn Ngọc Hà quản lý."
    world.emulator.send_text(group.id, officer, reason, reply_to=world.last(group.id).message_id)
    await world.idle()
    assert "đã được chuyển sang Phường Ngọc Hà" in (world.card(group.id, code).plain_text or "")
    new_card = world.card(other.id, code)
    assert "Chuyển đến từ Phường Ba Đình" in (new_card.plain_text or "")
    told = world.last(citizen.id).plain_text or ""
    assert "Phường Ngọc Hà" in told and reason in told
    # The old group can no longer act on it; the new one can.
    world.emulator.click(group.id, officer, world.card(group.id, code).message_id, "t:claim:1")
    await world.idle()
    assert "không thuộc phường/xã của nhóm này" in answered(world)
    await world.press(other.id, other_officer, "Nhận xử lý")
    assert "Hà" in (world.card(other.id, code).plain_text or "")


async def test_foreign_group_forged_data_and_private_clicks_are_refused(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Khánh")
    await submit_feedback(world, citizen, "Ba Đình", "Biển báo giao thông bị đổ ở ngã tư.")
    intruder = world.emulator.add_user("Lạ")
    rogue = world.emulator.add_group("Nhóm lạ", members=[intruder])
    await world.say(rogue.id, intruder, "/queue")
    assert "chưa được gắn" in (world.last(rogue.id).plain_text or "")
    world.emulator.click(rogue.id, intruder, world.last(rogue.id).message_id, "t:claim:1")
    await world.idle()
    assert "không thuộc phường/xã của nhóm này" in answered(world)
    card = world.emulator.bot_messages(group.id)[-1]
    citizens_buttons = ("m:new", "m:faq", "f:t:-1", "r:1:1")
    for forged in (
        "t:claim:abc",
        "x:1",
        "t:explode:1",
        "tw:1:none",
        "i:kind:lol",
        *citizens_buttons,
    ):
        world.emulator.click(group.id, officer, card.message_id, forged)
        await world.idle()
        assert "không còn hiệu lực" in answered(world) or "không thuộc" in answered(world)
    async with world.services.db.transaction():
        assert await world.services.deps.states.get(group.id) is None  # no draft in the group
    receipt = world.find(citizen.id, "Mã tra cứu")
    world.emulator.click(citizen.id, citizen, receipt.message_id, "t:resolve:1")
    await world.idle()
    assert "chỉ dùng trong nhóm" in answered(world)
    async with world.services.db.transaction():
        ticket = await world.services.deps.tickets.get(1)
    assert ticket is not None and ticket.status == "received"


async def test_admin_commands_need_admin_and_group(world: World) -> None:
    stranger = world.emulator.add_user("Người lạ")
    group = world.emulator.add_group("Nhóm", members=[stranger, world.admin])
    await world.say(group.id, stranger, "/bind_ward Ba Đình")
    assert "chỉ quản trị viên" in (world.last(group.id).plain_text or "")
    await world.say(world.admin.id, world.admin, "/bind_ward Ba Đình")
    assert "chỉ dùng trong nhóm" in (world.last(world.admin.id).plain_text or "")
    await world.say(stranger.id, stranger, "/queue")
    assert "chỉ dùng trong nhóm" in (world.last(stranger.id).plain_text or "")
    await world.say(group.id, world.admin, "/bind_ward")
    assert "Cách dùng" in (world.last(group.id).plain_text or "")
    await world.say(group.id, world.admin, "/bind_ward Không Có Phường Này")
    assert "Có nhiều phường/xã khớp" in (world.last(group.id).plain_text or "")


async def test_ticket_for_unbound_ward_waits_then_posts_on_bind(world: World) -> None:
    citizen = world.emulator.add_user("Minh")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cây xanh gãy đổ chắn lối đi.")
    assert "chưa có nhóm cán bộ" in (world.last(world.admin.id).plain_text or "")
    group = world.emulator.add_group("UBND Phường Ba Đình", members=[world.admin])
    await world.say(group.id, world.admin, "/bind_ward p. ba dinh")
    assert code in (world.card(group.id, code).plain_text or "")


async def test_unsatisfied_citizen_reopens_once(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Nga")
    code = await submit_feedback(world, citizen, "Ba Đình", "Đường ngập nước sau mưa ở tổ 3.")
    await world.press(group.id, officer, "Đã giải quyết")
    await world.press(citizen.id, citizen, "Chưa hài lòng")
    await world.say(citizen.id, citizen, "Nước vẫn còn ngập, chưa ai đến xem.")
    assert "mở lại" in (world.last(citizen.id).plain_text or "")
    assert "Nước vẫn còn ngập" in (world.last(group.id).plain_text or "")
    assert "Đã tiếp nhận" in (world.card(group.id, code).plain_text or "")
    await world.press(group.id, officer, "Đã giải quyết")
    await world.press(citizen.id, citizen, "Chưa hài lòng")
    assert "đã được mở lại một lần" in (world.last(citizen.id).plain_text or "")
    async with world.services.db.transaction():
        ticket = await world.services.deps.tickets.by_code(code)
    assert ticket is not None and ticket.status == "resolved" and ticket.rating == "unsatisfied"


async def test_a_rating_changes_what_the_next_message_means(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Quý")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cống thoát nước tắc ở tổ 8.")
    await world.press(group.id, officer, "Đã giải quyết")
    await world.say(citizen.id, citizen, "/new")  # a draft in progress: 👎 would replace it
    await world.press(citizen.id, citizen, "Chưa hài lòng")
    answers = world.emulator.calls_of("answerCallbackQuery")
    assert "đang soạn dở" in str(answers[-1].params.get("text"))
    await world.say(citizen.id, citizen, "/cancel")
    await world.press(citizen.id, citizen, "Chưa hài lòng")  # asks why...
    await world.press(citizen.id, citizen, "Hài lòng")  # ...but the citizen changes their mind
    await world.say(citizen.id, citizen, "cảm ơn phường nhiều")
    ticket = await world.ticket(code)
    assert ticket.status == "resolved" and ticket.rating == "satisfied" and not ticket.reopened


async def test_a_reason_not_given_in_time_is_said_so(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Sơn")
    code = await submit_feedback(world, citizen, "Ba Đình", "Rác tồn đọng ở chợ tạm tổ 2.")
    await world.press(group.id, officer, "Đã giải quyết")
    await world.press(citizen.id, citizen, "Chưa hài lòng")
    async with world.services.db.transaction():
        await world.services.intake.expire(timeout_minutes=0)
    await world.idle()
    told = world.last(citizen.id).plain_text or ""
    assert code in told and "chưa được mở lại" in told
    await world.press(citizen.id, citizen, "Chưa hài lòng")  # the button still works
    await world.say(citizen.id, citizen, "Rác vẫn chưa được dọn.")
    assert (await world.ticket(code)).reopened


async def test_queue_pages_overdue_first(world: World, ward_group: tuple[EmuChat, EmuUser]) -> None:
    group, officer = ward_group
    services = world.services
    async with services.db.transaction():
        for n in range(12):
            new = NewTicket(Kind.FEEDBACK, "00004", "moi-truong", f"Phản ánh số {n}")
            await services.tickets.submit(new, 9000 + n, f"test:{n}")
        # Make the last one overdue: it must lead the queue.
        await services.db.execute("UPDATE tickets SET due_date = '2020-01-01' WHERE id = 12")
    await world.idle()
    await world.say(group.id, officer, "/queue")
    page = world.last(group.id)
    lines = (page.plain_text or "").splitlines()
    assert "12 yêu cầu đang mở (trang 1/2)" in lines[0]
    assert lines[1].startswith("⚠️") and "01/01/2020" in lines[1]
    assert len(lines) == 11
    await world.press(group.id, officer, "Sau")
    turned = world.emulator.bot_messages(group.id)[-1]
    assert turned.message_id == page.message_id and turned.edits == 1
    assert "trang 2/2" in (turned.plain_text or "")
    assert len((turned.plain_text or "").splitlines()) == 3
