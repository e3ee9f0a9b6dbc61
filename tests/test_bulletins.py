"""Admins compose, preview and send bulletins; each subscriber gets one, whatever happens."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.config import BUNDLED_CONTENT
from bot.world import World
from emulator.model import EmuUser
from storage.subscriptions import SubscriptionRepository

HEADER = "📢 Bản tin phổ biến pháp luật"


async def subscribers(
    world: World, count: int, command: str = "/subscribe Ba Đình"
) -> list[EmuUser]:
    """Make `count` citizens type a subscribe command (all at once, as a crowd would)."""
    users = [world.emulator.add_user(f"Dân {n}") for n in range(count)]
    for user in users:
        world.emulator.send_text(user.id, user, command)
    await world.idle(within=60)
    return users


async def compose(
    world: World, ward: str, text: str, link: str | None = None, *, photo: bool = False
) -> str:
    """Compose a ward bulletin up to the preview; return the preview summary."""
    admin = world.admin
    await world.say(admin.id, admin, "/bulletin")
    await world.press(admin.id, admin, "Một phường/xã")
    await world.say(admin.id, admin, ward)
    if photo:
        world.emulator.send_photo(admin.id, admin, caption=text)
        await world.idle()
    else:
        await world.say(admin.id, admin, text)
    if link is None:
        await world.press(admin.id, admin, "Không có link")
    else:
        await world.say(admin.id, admin, link)
    return world.last(admin.id).plain_text or ""


async def seeded(world: World, count: int) -> list[EmuUser]:
    """Opt `count` new citizens in to Phường Ba Đình directly (a crowd, set up quickly)."""
    users = [world.emulator.add_user(f"Dân {n}") for n in range(count)]
    repo = SubscriptionRepository(world.services.db)
    async with world.services.db.transaction():
        for user in users:
            await repo.add(user.id, "ward", "00004", 0.0)
    return users


def confirm(world: World) -> None:
    """Press «Gửi bản tin» without waiting for the bulletin to go out."""
    message, data = world.find_button(world.admin.id, "Gửi bản tin")
    world.emulator.click(world.admin.id, world.admin, message.message_id, data)


def bulletins_in(world: World, chat: int) -> list[str]:
    return [
        m.plain_text or ""
        for m in world.emulator.bot_messages(chat)
        if (m.plain_text or "").startswith(HEADER)
    ]


async def bulletin_row(world: World) -> dict[str, object]:
    async with world.services.db.transaction():
        row = await world.services.db.fetch_one("SELECT * FROM bulletins ORDER BY id DESC")
    assert row is not None
    return dict(row)


async def test_compose_preview_and_send_to_the_wards_subscribers(world: World) -> None:
    ward = await subscribers(world, 5)
    other = await subscribers(world, 2, "/subscribe Hoàn Kiếm")
    bystander = world.emulator.add_user("Không đăng ký")
    summary = await compose(
        world,
        "ba dinh",
        "Từ 1/7 áp dụng <quy định> mới & lệ phí.",
        "https://dichvucong.gov.vn/a?b=1&c=2",
    )
    assert "Gửi tới: Phường Ba Đình" in summary and "Số người nhận hiện tại: 5" in summary
    preview = world.emulator.bot_messages(world.admin.id)[-2].plain_text or ""
    assert preview.startswith(HEADER) and "<quy định> mới & lệ phí" in preview
    assert all(not bulletins_in(world, u.id) for u in ward)  # nothing sent before confirming
    await world.press(world.admin.id, world.admin, "Gửi bản tin")
    await world.idle()
    for user in ward:
        assert bulletins_in(world, user.id) == [preview]
    assert all(not bulletins_in(world, u.id) for u in [*other, bystander])
    final = world.last(world.admin.id).plain_text or ""
    assert "đã gửi xong" in final and "Gửi được: 5" in final and "Không gửi được: 0" in final
    row = await bulletin_row(world)
    assert (row["status"], row["sent"], row["queued"]) == ("done", 5, 5)


async def test_topic_and_province_bulletins_reach_each_chat_once(world: World) -> None:
    both = world.emulator.add_user("Hai phường")
    for command in ("/subscribe Ba Đình", "/subscribe Hoàn Kiếm"):
        await world.say(both.id, both, command)
    topic_fan = world.emulator.add_user("Cư trú")
    await world.say(topic_fan.id, topic_fan, "/subscribe")
    await world.press(topic_fan.id, topic_fan, "Theo chủ đề")
    await world.press(topic_fan.id, topic_fan, "Cư trú")
    admin = world.admin
    await world.say(admin.id, admin, "/bulletin")
    await world.press(admin.id, admin, "Cả tỉnh/thành phố")
    await world.press(admin.id, admin, "Thành phố Hà Nội")
    await world.say(admin.id, admin, "Tin cho cả thành phố.")
    await world.press(admin.id, admin, "Không có link")
    assert "Số người nhận hiện tại: 1" in (world.last(admin.id).plain_text or "")
    await world.press(admin.id, admin, "Gửi bản tin")
    await world.say(admin.id, admin, "/bulletin")
    await world.press(admin.id, admin, "Một chủ đề pháp luật")
    await world.press(admin.id, admin, "Cư trú")
    await world.say(admin.id, admin, "Đăng ký tạm trú trực tuyến.")
    await world.press(admin.id, admin, "Không có link")
    await world.press(admin.id, admin, "Gửi bản tin")
    await world.idle()
    assert [b.split("\n")[0] for b in bulletins_in(world, both.id)] == [
        f"{HEADER} · toàn Thành phố Hà Nội"
    ]
    assert [b.split("\n")[0] for b in bulletins_in(world, topic_fan.id)] == [
        f"{HEADER} · chủ đề Cư trú"
    ]


async def test_photo_bulletin_and_what_the_composer_refuses(world: World) -> None:
    fan = (await subscribers(world, 1))[0]
    admin = world.admin
    await world.say(admin.id, admin, "/bulletin")
    await world.press(admin.id, admin, "Một phường/xã")
    await world.say(admin.id, admin, "Ba Đình")
    world.emulator.send_voice(admin.id, admin)
    await world.idle()
    assert "chỉ nhận văn bản hoặc một ảnh" in (world.last(admin.id).plain_text or "")
    world.emulator.send_photo(admin.id, admin, caption="x" * 900)
    await world.idle()
    assert "quá giới hạn 874" in (world.last(admin.id).plain_text or "")
    world.emulator.send_photo(admin.id, admin, caption="Ảnh buổi tuyên truyền Luật Đất đai.")
    await world.idle()
    await world.say(admin.id, admin, "không phải link")
    assert "http://" in (world.last(admin.id).plain_text or "")
    await world.press(admin.id, admin, "Không có link")
    await world.press(admin.id, admin, "Gửi bản tin")
    await world.idle()
    photos = [m for m in world.emulator.bot_messages(fan.id) if m.kind == "photo"]
    assert len(photos) == 1 and "Luật Đất đai" in (photos[0].plain_text or "")
    stranger = world.emulator.add_user("Không phải admin")
    await world.say(stranger.id, stranger, "/bulletin")
    assert "chỉ quản trị viên" in (world.last(stranger.id).plain_text or "")


async def test_blocked_users_are_counted_and_unsubscribed(world: World) -> None:
    users = await subscribers(world, 6)
    for user in users[:2]:
        world.emulator.block_bot(user.id)
    await compose(world, "Ba Đình", "Tin thứ nhất.")
    await world.press(world.admin.id, world.admin, "Gửi bản tin")
    await world.idle()
    final = world.last(world.admin.id).plain_text or ""
    assert "Gửi được: 4" in final and "Đã chặn bot (đã hủy đăng ký): 2" in final
    summary = await compose(world, "Ba Đình", "Tin thứ hai.")
    assert "Số người nhận hiện tại: 4" in summary  # those who blocked the bot are gone
    async with world.services.db.transaction():
        rows = await world.services.db.fetch_all(
            "SELECT status, COUNT(*) AS n FROM bulletin_deliveries GROUP BY status"
        )
    assert {r["status"]: r["n"] for r in rows} == {"sent": 4, "blocked": 2}


async def test_a_restart_mid_bulletin_sends_nobody_a_second_copy(tmp_path: Path) -> None:
    async with World(tmp_path / "db.sqlite3", BUNDLED_CONTENT, send_rate=50) as world:
        users = await seeded(world, 150)
        await compose(world, "Ba Đình", "Tin gửi đi khi bot khởi động lại.")
        confirm(world)
        await world.emulator.wait_for(
            lambda: sum(bool(bulletins_in(world, u.id)) for u in users) >= 40, timeout=20
        )
        await world.stop_bot()
        reached = sum(bool(bulletins_in(world, u.id)) for u in users)
        assert 40 <= reached < 150
        await world.start_bot()
        await world.idle(within=30)
        assert all(len(bulletins_in(world, u.id)) == 1 for u in users)
        row = await bulletin_row(world)
        assert (row["status"], row["sent"], row["queued"]) == ("done", 150, 150)
        progress = world.emulator.bot_messages(world.admin.id)[-2]
        assert progress.edits >= 3 and "đã gửi xong" in (progress.plain_text or "")


async def test_citizens_replies_overtake_a_bulletin_in_progress(tmp_path: Path) -> None:
    async with World(tmp_path / "db.sqlite3", BUNDLED_CONTENT, send_rate=30) as world:
        users = await seeded(world, 90)
        await compose(world, "Ba Đình", "Một bản tin dài hơi.")
        confirm(world)
        asker = world.emulator.add_user("Hỏi giữa chừng")
        await asyncio.sleep(1.0)
        world.emulator.send_text(asker.id, asker, "/help")
        sent_at = asyncio.get_running_loop().time()
        await world.emulator.wait_for_bot_messages(asker.id, 1)
        waited = asyncio.get_running_loop().time() - sent_at
        pending = sum(not bulletins_in(world, u.id) for u in users)
        assert pending > 20  # the bulletin was still going out ...
        assert waited < 0.5  # ... yet the reply did not queue behind it (~2 s of sending)
        await world.idle(within=30)


async def test_telegram_refusing_the_pace_slows_the_lane_without_a_storm(
    tmp_path: Path,
) -> None:
    async with World(tmp_path / "db.sqlite3", BUNDLED_CONTENT, send_rate=200) as world:
        users = await seeded(world, 60)
        await compose(world, "Ba Đình", "Tin gửi nhanh hơn Telegram cho phép.")
        world.emulator.limit_rate(40.0, burst=10)  # the bot is set to 200/s: far too fast
        confirm(world)
        await world.idle(within=60)
        assert all(len(bulletins_in(world, u.id)) == 1 for u in users)
        limit = world.emulator.rate_limit
        assert limit is not None
        admin = world.admin.id
        sends = [c for c in world.emulator.calls_of("sendMessage") if c.params["chat_id"] != admin]
        refused_at = [c.at - sends[0].at for c in sends if not c.ok]
        assert len(refused_at) == limit.refused <= 20  # the first burst, and a few after it
        assert max(refused_at) < 2.0 < sends[-1].at - sends[0].at  # then none: the lane slowed
