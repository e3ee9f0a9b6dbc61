"""Forum groups: a topic per ticket, every message there goes to the citizen, deleted topics
are reopened and nothing is lost."""

from __future__ import annotations

from bot.demo import submit_feedback
from bot.world import World
from emulator.model import EmuChat, EmuUser


async def forum(world: World) -> tuple[EmuChat, EmuUser]:
    """Return a forum group bound to Phường Ba Đình and an officer in it."""
    officer = world.emulator.add_user("Quân")
    group = world.emulator.add_group("UBND Ba Đình (chủ đề)", [world.admin, officer], forum=True)
    await world.say(group.id, world.admin, "/bind_ward Ba Đình")
    return group, officer


async def test_each_ticket_gets_its_topic_and_messages_there_reach_the_citizen(
    world: World,
) -> None:
    group, officer = await forum(world)
    citizen = world.emulator.add_user("Hằng")
    code = await submit_feedback(world, citizen, "Ba Đình", "Vỉa hè phố Quán Thánh bị lấn chiếm.")
    (thread,) = [t for t, name in world.emulator.topics(group.id).items() if code in name]
    card = world.card(group.id, code)
    assert card.thread_id == thread
    attachments = [m for m in world.emulator.bot_messages(group.id) if m.kind == "copy"]
    assert attachments and all(m.thread_id == thread for m in attachments)
    world.emulator.send_text(
        group.id, officer, "Tổ trật tự sẽ kiểm tra sáng mai.", thread_id=thread
    )
    await world.idle()
    assert "Tổ trật tự sẽ kiểm tra sáng mai." in (world.last(citizen.id).plain_text or "")
    delivered = world.last(group.id)
    assert "Đã gửi tới công dân" in (delivered.plain_text or "") and delivered.thread_id == thread
    before = len(world.emulator.bot_messages(citizen.id))
    world.emulator.send_text(group.id, officer, "#note gọi lại cho tổ trưởng", thread_id=thread)
    await world.idle()
    assert len(world.emulator.bot_messages(citizen.id)) == before  # internal notes stay


async def test_a_deleted_topic_is_reopened_and_the_message_delivered_there(world: World) -> None:
    group, _ = await forum(world)
    citizen = world.emulator.add_user("Dũng")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cống thoát nước tắc ở ngõ 7.")
    (old,) = world.emulator.topics(group.id)
    world.emulator.delete_topic(group.id, old)
    receipt = world.emulator.bot_messages(citizen.id)[-1]
    world.emulator.send_text(
        citizen.id, citizen, "Nước đã tràn vào nhà.", reply_to=receipt.message_id
    )
    await world.idle()
    (new,) = world.emulator.topics(group.id)
    assert new != old and code in world.emulator.topics(group.id)[new]
    in_new = [m for m in world.emulator.bot_messages(group.id) if m.thread_id == new]
    texts = [m.plain_text or "" for m in in_new if not m.deleted]
    assert any("Nước đã tràn vào nhà." in t for t in texts)  # the follow-up, not lost
    assert any("mở lại" in t and code in t for t in texts)  # and the card again
