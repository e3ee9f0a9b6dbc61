"""Guards around officers' groups: routing races, moved tickets, forged buttons, edited commands,
service messages, and what reaches logs or other groups."""

from __future__ import annotations

import logging

import pytest

from bot.demo import submit_feedback
from bot.world import World
from emulator.model import EmuChat, EmuUser
from handlers.topics import TopicChange, record_topic_changes
from tests.test_hot_issues import FLOOD, alerts
from tests.test_privacy import denounce


def answers(world: World) -> list[str]:
    """Return the texts of every answerCallbackQuery so far."""
    calls = world.emulator.calls_of("answerCallbackQuery")
    return [str(c.params.get("text", "")) for c in calls]


async def forum(world: World, title: str, ward: str, name: str) -> tuple[EmuChat, EmuUser]:
    """Return a forum group bound to a ward, and an officer in it."""
    officer = world.emulator.add_user(name)
    group = world.emulator.add_group(title, [world.admin, officer], forum=True)
    await world.say(group.id, world.admin, f"/bind_ward {ward}")
    return group, officer


async def transfer(world: World, group: int, officer: EmuUser, code: str, ward: str) -> None:
    """Transfer a ticket by command and give the reason."""
    await world.say(group, officer, f"/transfer {code} {ward}")
    await world.say(group, officer, f"Thuộc địa bàn {ward}.", reply_to=world.last(group).message_id)


async def test_ward_and_denunciations_bound_in_one_batch_conflict(world: World) -> None:
    group = world.emulator.add_group("UBND Ba Đình", members=[world.admin])
    world.emulator.send_text(group.id, world.admin, "/bind_ward Ba Đình")
    world.emulator.send_text(group.id, world.admin, "/bind_denunciations")
    await world.idle()  # both commands in one batch, one transaction
    assert "nhóm riêng" in (world.last(group.id).plain_text or "")
    assert [r.role for r in world.services.deps.routes.current.of_chat(group.id)] == ["ward"]


async def test_unbind_in_the_batch_of_its_bind_removes_the_rule(world: World) -> None:
    group = world.emulator.add_group("UBND Ba Đình", members=[world.admin])
    world.emulator.send_text(group.id, world.admin, "/bind_ward Ba Đình")
    world.emulator.send_text(group.id, world.admin, "/unbind")
    await world.idle()
    assert world.services.deps.routes.current.of_chat(group.id) == []


async def test_ticket_moved_to_another_forum_gets_a_topic_of_its_own(world: World) -> None:
    a, officer_a = await forum(world, "Ba Đình (chủ đề)", "Ba Đình", "Quân")
    b, officer_b = await forum(world, "Ngọc Hà (chủ đề)", "Ngọc Hà", "Hà")
    citizen_x, citizen_y = world.emulator.add_user("Xuân"), world.emulator.add_user("Yến")
    x = await submit_feedback(world, citizen_x, "Ngọc Hà", "Đèn đường hỏng ở phố Đội Cấn.")
    y = await submit_feedback(world, citizen_y, "Ba Đình", "Rác ở ngõ 5 Quán Thánh chưa thu.")
    await transfer(world, a.id, officer_a, y, "Ngọc Hà")
    ticket_x, ticket_y = await world.ticket(x), await world.ticket(y)
    assert ticket_y.group_chat_id == b.id
    assert ticket_y.thread_id is not None and ticket_y.thread_id != ticket_x.thread_id
    assert world.card(b.id, y).thread_id == ticket_y.thread_id
    world.emulator.send_text(b.id, officer_b, "Tổ điện lực sẽ sửa.", thread_id=ticket_x.thread_id)
    await world.idle()
    assert "Tổ điện lực sẽ sửa." in (world.last(citizen_x.id).plain_text or "")
    assert "Tổ điện lực sẽ sửa." not in (world.last(citizen_y.id).plain_text or "")


async def test_topic_opened_in_the_group_a_ticket_left_is_not_recorded(world: World) -> None:
    a, officer_a = await forum(world, "Ba Đình (chủ đề)", "Ba Đình", "Quân")
    b, _ = await forum(world, "Ngọc Hà (chủ đề)", "Ngọc Hà", "Hà")
    citizen = world.emulator.add_user("Yến")
    code = await submit_feedback(world, citizen, "Ba Đình", "Rác ở ngõ 5 Quán Thánh chưa thu.")
    await transfer(world, a.id, officer_a, code, "Ngọc Hà")
    moved = await world.ticket(code)
    # A delivery to the old group that opened a topic there, recorded after the move.
    async with world.services.db.transaction():
        await record_topic_changes(world.services, [TopicChange(moved.id, a.id, 999)])
    assert (await world.ticket(code)).thread_id == moved.thread_id
    assert moved.group_chat_id == b.id


async def test_service_messages_in_a_ticket_topic_are_not_answers(world: World) -> None:
    group, officer = await forum(world, "Ba Đình (chủ đề)", "Ba Đình", "Quân")
    citizen = world.emulator.add_user("Yến")
    code = await submit_feedback(world, citizen, "Ba Đình", "Rác ở ngõ 5 Quán Thánh chưa thu.")
    thread = (await world.ticket(code)).thread_id
    before = len(world.emulator.bot_messages(citizen.id))
    card = dict(world.card(group.id, code).payload)
    notes = [("forum_topic_closed", {}), ("pinned_message", card), ("future_thing", {"a": 1})]
    for kind, content in notes:  # the last: a kind of message PTB does not know yet
        world.emulator.send_service(group.id, officer, kind, content, thread)
        await world.idle()
    assert len(world.emulator.bot_messages(citizen.id)) == before
    ticket = await world.ticket(code)
    assert ticket.status == "received" and ticket.handler_id is None


async def test_ticket_moved_to_a_ward_without_group_waits_for_its_binding(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Giang")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cống phố Hoàng Hoa Thám tắc.")
    old_card = world.card(group.id, code)
    await transfer(world, group.id, officer, code, "Ngọc Hà")
    assert (await world.ticket(code)).group_chat_id is None
    await world.say(group.id, officer, "Vẫn trả lời từ nhóm cũ.", reply_to=old_card.message_id)
    assert "Vẫn trả lời" not in (world.last(citizen.id).plain_text or "")
    await world.say(group.id, officer, "/queue")
    assert code not in (world.last(group.id).plain_text or "")
    other = world.emulator.add_group("UBND Ngọc Hà", members=[world.admin])
    await world.say(other.id, world.admin, "/bind_ward Ngọc Hà")
    assert "Ngọc Hà" in (world.card(other.id, code).plain_text or "")
    assert (await world.ticket(code)).group_chat_id == other.id


async def test_forged_numbers_in_button_data_get_the_stale_notice(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Khánh")
    await submit_feedback(world, citizen, "Ba Đình", "Biển báo giao thông bị đổ ở ngã tư.")
    card = world.emulator.bot_messages(group.id)[-1]
    before = len(answers(world))
    forged = ["t:claim:\u00b2", "t:claim:" + "9" * 40, "q:\u00b2", "hm:1:" + "9" * 30]
    forged += ["tw:\u00b2:00008", "as:1:" + "9" * 40]
    for data in forged:
        world.emulator.click(group.id, officer, card.message_id, data)
        await world.idle()
    assert answers(world)[before:] == [
        "Nút này không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất."
    ] * len(forged)
    async with world.services.db.transaction():
        failed = await world.services.db.fetch_all("SELECT 1 FROM inbox WHERE status != 'done'")
    assert not failed


async def test_an_edited_officer_command_does_not_run_again(world: World) -> None:
    handler = world.emulator.add_user("Thanh", last_name="Tra")
    secret = world.emulator.add_group("Tổ tố cáo", members=[world.admin, handler])
    await world.say(secret.id, world.admin, "/bind_denunciations")
    code = await denounce(world, world.emulator.add_user("Tố"))
    await world.press(secret.id, handler, "Thụ lý")
    sent = world.emulator.send_text(secret.id, handler, f"/extend {code} Cần xác minh nhiều nơi")
    await world.idle()
    extended = await world.ticket(code)
    assert extended.extensions == 1
    world.emulator.edit_sent(sent, text=f"/extend {code} Cần xác minh ở nhiều địa điểm")
    await world.idle()
    again = await world.ticket(code)
    assert (again.extensions, again.due_date) == (1, extended.due_date)


async def test_an_edited_admin_command_does_not_run_again(world: World) -> None:
    group = world.emulator.add_group("UBND Ba Đình", members=[world.admin])
    sent = world.emulator.send_text(group.id, world.admin, "/bind_ward Ba Đình")
    await world.idle()
    world.emulator.edit_sent(sent, text="/bind_ward Ngọc Hà")
    await world.idle()
    ward = world.services.deps.wards.resolve("Ba Đình").ward
    assert ward is not None
    rules = world.services.deps.routes.current.of_chat(group.id)
    assert [r.ward_code for r in rules] == [ward.code]


async def test_merge_button_refuses_a_target_now_in_another_group(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    other = world.emulator.add_group("UBND Ngọc Hà", [world.admin])
    await world.say(other.id, world.admin, "/bind_ward Ngọc Hà")
    citizens = [world.emulator.add_user(f"Dân {n}") for n in range(5)]
    codes = [await submit_feedback(world, citizens[n], "Ba Đình", FLOOD[n]) for n in range(5)]
    alert, data = world.find_button(group.id, f"Gộp tất cả vào {codes[0]}")
    await transfer(world, group.id, officer, codes[0], "Ngọc Hà")
    # The alert now offers another target; a press that was on its way still names the old one.
    assert f"Gộp tất cả vào {codes[1]}" in str(alerts(world, group.id)[0].reply_markup)
    world.emulator.click(group.id, officer, alert.message_id, data)
    await world.idle()
    assert answers(world)[-1] == "Nút này không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất."
    for code in codes[1:]:
        assert (await world.ticket(code)).status == "received"


async def test_officer_names_are_escaped_in_notices(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    tricky = world.emulator.add_user("Tú <Tổ 3> & cộng sự", username="tu3")
    world.emulator.add_member(group.id, tricky)
    await world.say(group.id, tricky, "/officer")
    citizen = world.emulator.add_user("Lan")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cây đổ chắn đường ngõ 9.")
    await world.press(group.id, tricky, "Nhận xử lý")
    await world.say(group.id, officer, f"/assign {code} tu3")
    assert world.last(group.id).plain_text == "Yêu cầu này đang do Tú <Tổ 3> & cộng sự xử lý."
    ticket_id = (await world.ticket(code)).id  # the card no longer offers the button
    world.emulator.click(
        group.id, officer, world.card(group.id, code).message_id, f"t:claim:{ticket_id}"
    )
    await world.idle()  # the popup is plain text
    assert answers(world)[-1] == "Yêu cầu này đang do Tú <Tổ 3> & cộng sự xử lý."


async def test_a_failed_delivery_is_logged_without_its_chat(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    handler = world.emulator.add_user("Thanh", last_name="Tra")
    secret = world.emulator.add_group("Tổ tố cáo", members=[world.admin, handler])
    await world.say(secret.id, world.admin, "/bind_denunciations")
    citizen = world.emulator.add_user("Tố")
    code = await denounce(world, citizen)
    world.emulator.block_bot(citizen.id)
    card = world.card(secret.id, code)
    await world.say(secret.id, handler, "Đề nghị cung cấp chứng cứ.", reply_to=card.message_id)
    failures = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert failures  # the failure is logged…
    assert not [r for r in caplog.records if str(citizen.id) in r.getMessage()]  # …not the chat


async def test_group_ticket_view_answers_alike_for_unknown_and_foreign_codes(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    other = world.emulator.add_group("UBND Ngọc Hà", [world.admin])
    await world.say(other.id, world.admin, "/bind_ward Ngọc Hà")
    citizen = world.emulator.add_user("Giang")
    code = await submit_feedback(world, citizen, "Ngọc Hà", "Cống phố Đội Cấn tắc.")
    unknown = "K7MX-3QPA" if code != "K7MX-3QPA" else "B2CD-4EFG"
    await world.say(group.id, officer, f"/ticket {code}")
    foreign = world.last(group.id).plain_text
    await world.say(group.id, officer, f"/ticket {unknown}")
    assert world.last(group.id).plain_text == foreign


async def test_a_mistyped_command_in_reply_to_a_card_is_not_relayed(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Hiền")
    code = await submit_feedback(world, citizen, "Ba Đình", "Vỉa hè ngõ 7 bị lấn chiếm.")
    card = world.card(group.id, code)
    before = len(world.emulator.bot_messages(citizen.id))
    await world.say(group.id, officer, f"/extnd {code} cần xác minh", reply_to=card.message_id)
    assert "chưa gửi cho công dân" in (world.last(group.id).plain_text or "")
    assert len(world.emulator.bot_messages(citizen.id)) == before


async def test_a_forged_page_turn_does_not_rewrite_a_card(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Lâm")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cống thoát nước ở ngõ 12 bị tắc.")
    card = world.card(group.id, code)
    world.emulator.click(group.id, officer, card.message_id, "q:1")
    await world.idle()
    after = world.card(group.id, code)
    assert after.edits == card.edits and code in (after.plain_text or "")
    assert answers(world)[-1] == "Nút này không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất."


async def test_officer_commands_in_the_batch_of_the_binding_see_it(world: World) -> None:
    officer = world.emulator.add_user("Bình")
    group = world.emulator.add_group("UBND Ba Đình", members=[world.admin, officer])
    world.emulator.send_text(group.id, world.admin, "/bind_ward Ba Đình")
    world.emulator.send_text(group.id, officer, "/officer")
    world.emulator.send_text(group.id, officer, "/queue")
    await world.idle()  # one batch, one transaction: the binding is not committed yet
    replies = [m.plain_text or "" for m in world.emulator.bot_messages(group.id)]
    assert not any("chưa được gắn" in r for r in replies)
    assert any("Bình" in r for r in replies)
    assert "Ba Đình" in replies[-1] and "0 yêu cầu đang mở" in replies[-1]
