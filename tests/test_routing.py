"""Routing rules, officers and assignment: the right group, the right officer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.categories import Category, CategoryList
from bot.content import ContentError
from bot.demo import submit_feedback
from bot.route_defaults import load_default_routes
from bot.routing import ANY, Role, RouteTable
from bot.wards import Ward, WardDirectory
from bot.world import World
from emulator.model import EmuChat, EmuUser
from storage.database import Database
from storage.routes import RouteRow


def rule(role: Role, chat: int, ward: str = ANY, category: str = ANY, kind: str = ANY) -> RouteRow:
    return RouteRow(role, ward, category, kind, chat, None)


def test_most_specific_rule_wins_and_denunciations_never_reach_general_groups() -> None:
    table = RouteTable(
        [
            rule(Role.FALLBACK, -1),
            rule(Role.WARD, -2, ward="00004"),
            rule(Role.CATEGORY, -3, category="an-ninh-trat-tu"),
            rule(Role.CATEGORY, -4, ward="00004", category="an-ninh-trat-tu"),
            rule(Role.KIND, -5, kind="hoa_giai"),
            rule(Role.SUPERVISOR, -9),
        ]
    )

    def chat(ward: str, kind: str, category: str) -> int | None:
        route = table.route(ward, kind, category)
        return None if route is None else route.chat_id

    assert chat("00004", "phan_anh", "moi-truong") == -2
    assert chat("00008", "phan_anh", "moi-truong") == -1  # nobody bound that ward
    assert chat("00004", "phan_anh", "an-ninh-trat-tu") == -4
    assert chat("00008", "phan_anh", "an-ninh-trat-tu") == -3
    assert chat("00004", "hoa_giai", "khac") == -5
    assert chat("00004", "to_cao", "an-ninh-trat-tu") is None  # no designated handlers yet
    secret = RouteTable([*table.rules, rule(Role.DENUNCIATION, -7)])
    route = secret.route("00004", "to_cao", "khac")
    assert route is not None and route.chat_id == -7 and route.reveals_identity
    assert secret.supervisor() is not None and not secret.reveals_identity_in(-2)


def test_default_routes_are_validated_with_file_and_line(tmp_path: Path) -> None:
    wards = WardDirectory([Ward("00004", "Phường Ba Đình", "Thành phố Hà Nội", "phuong_ba_dinh")])
    categories = CategoryList([Category("moi-truong", "Môi trường")])
    path = tmp_path / "routes.toml"
    assert load_default_routes(path, wards, categories) == []  # no file, no defaults
    path.write_text('[[route]]\nrole = "ward"\nward = "00004"\nchat_id = -100\n', "utf-8")
    assert load_default_routes(path, wards, categories) == [rule(Role.WARD, -100, ward="00004")]
    path.write_text('[[route]]\nrole = "ward"\nchat_id = -100\n\n[[route]]\nrole = "x"\n', "utf-8")
    with pytest.raises(ContentError, match=r"routes.toml:1: route #1: role 'ward' needs field"):
        load_default_routes(path, wards, categories)
    path.write_text('[[route]]\nrole = "category"\ncategory = "bogus"\nchat_id = -1\n', "utf-8")
    with pytest.raises(ContentError, match=r"category 'bogus' is not in categories\.toml"):
        load_default_routes(path, wards, categories)


async def test_migration_moves_ward_bindings_into_rules_and_tickets(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = await Database.open(path)
    async with db.transaction():  # undo 0003 to stand for a database from before it
        for statement in (
            "DROP TABLE routes",
            "DROP TABLE officers",
            "DROP TABLE escalations",
            "DROP TABLE digests",
            "DROP INDEX tickets_group_status",
            "DROP INDEX tickets_handler_status",
            "ALTER TABLE tickets DROP COLUMN group_chat_id",
            "ALTER TABLE tickets DROP COLUMN thread_id",
            "CREATE TABLE ward_groups (ward_code TEXT PRIMARY KEY, chat_id INTEGER NOT NULL, "
            "bound_by INTEGER NOT NULL, bound_at REAL NOT NULL)",
            "INSERT INTO ward_groups VALUES ('00004', -100, 1, 0)",
            "INSERT INTO tickets (code, source_key, kind, ward_code, category, description, "
            "status, citizen_chat_id, created_at, updated_at, due_date) VALUES "
            "('AAAA-BBBB', 's', 'phan_anh', '00004', 'khac', 'd', 'received', 5, 0, 0, "
            "'2026-01-01')",
            "DELETE FROM schema_migrations WHERE name = '0003_routing.sql'",
        ):
            await db.execute(statement)
    await db.close()
    db = await Database.open(path)
    async with db.transaction():
        rules = await db.fetch_all("SELECT role, ward_code, chat_id FROM routes")
        group = await db.fetch_one("SELECT group_chat_id FROM tickets WHERE code = 'AAAA-BBBB'")
    await db.close()
    assert [tuple(r) for r in rules] == [("ward", "00004", -100)]
    assert group is not None and group["group_chat_id"] == -100


async def test_category_rule_and_fallback_route_new_tickets(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, _ = ward_group
    police = world.emulator.add_group("Công an phường Ba Đình", members=[world.admin])
    await world.say(police.id, world.admin, "/bind_category moi-truong Ba Đình")
    assert "Lĩnh vực · Môi trường" in (world.last(police.id).plain_text or "")
    code = await submit_feedback(world, world.emulator.add_user("Sơn"), "Ba Đình", "Rác ở ngõ 5.")
    assert world.card(police.id, code)
    assert not [m for m in world.emulator.bot_messages(group.id) if code in (m.text or "")]
    # A ward nobody bound waits for a rule; binding a fallback group posts it there.
    citizen = world.emulator.add_user("Tâm")
    waiting = await submit_feedback(world, citizen, "Ngọc Hà", "Đèn đường hỏng ở tổ 5.")
    assert waiting in (world.last(world.admin.id).plain_text or "")
    province = world.emulator.add_group("Ban Dân vận Thành ủy", members=[world.admin])
    await world.say(province.id, world.admin, "/bind_fallback")
    assert "Phường Ngọc Hà" in (world.card(province.id, waiting).plain_text or "")
    await world.say(world.admin.id, world.admin, "/routes")
    table = world.last(world.admin.id).plain_text or ""
    assert "Dự phòng" in table and "Lĩnh vực · Môi trường, rác thải, vệ sinh · Phường Ba" in table
    stranger = world.emulator.add_user("Khách")
    await world.say(stranger.id, stranger, "/routes")
    assert "chỉ quản trị viên" in (world.last(stranger.id).plain_text or "")


async def test_officers_register_and_the_least_loaded_is_suggested(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    second = world.emulator.add_user("An", last_name="Lê", username="an_le")
    world.emulator.add_member(group.id, second)
    for member in (officer, second):
        await world.say(group.id, member, "/officer")
    assert "Đã đăng ký" in (world.last(group.id).plain_text or "")
    citizen = world.emulator.add_user("Hoa")
    first = await submit_feedback(world, citizen, "Ba Đình", "Cây đổ chắn lối đi.")
    await world.press(group.id, officer, "Nhận xử lý")
    code = await submit_feedback(world, citizen, "Ba Đình", "Nước ngập phố Đội Cấn.")
    await world.say(group.id, world.admin, f"/assign {code}")
    offer = world.last(group.id)
    labels = [b["text"] for row in (offer.reply_markup or {})["inline_keyboard"] for b in row]
    assert labels == ["An Lê (0) · gợi ý", "Bình Trần (1)"]  # Bình already handles one
    await world.press(group.id, world.admin, "An Lê (0) · gợi ý")
    assert "An Lê" in (world.card(group.id, code).plain_text or "")
    assert "đang được cán bộ phường xử lý" in (world.last(citizen.id).plain_text or "")
    world.emulator.remove_member(group.id, second, by=world.admin)
    await world.idle()
    await world.say(group.id, world.admin, f"/assign {first} an_le")
    labels = [
        b["text"]
        for row in (world.last(group.id).reply_markup or {})["inline_keyboard"]
        for b in row
    ]
    assert labels == ["Bình Trần (1) · gợi ý"]  # An left the group: no longer offered


async def test_escalation_to_supervisors_carries_the_reason(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    upper = world.emulator.add_group("Lãnh đạo UBND", members=[world.admin])
    await world.say(upper.id, world.admin, "/bind_supervisor")
    citizen = world.emulator.add_user("Yến")
    code = await submit_feedback(world, citizen, "Ba Đình", "Tranh chấp lối đi chung kéo dài.")
    await world.press(group.id, officer, "Chuyển phường")
    await world.press(group.id, officer, "Chuyển lên cấp trên")
    reason = "Vượt thẩm quyền tổ dân phố, cần lãnh đạo phường chủ trì."
    world.emulator.send_text(group.id, officer, reason, reply_to=world.last(group.id).message_id)
    await world.idle()
    card = world.card(upper.id, code).plain_text or ""
    assert "Chuyển lên từ Phường Ba Đình" in card and reason in card
    assert reason in (world.last(citizen.id).plain_text or "")
    ticket = await world.ticket(code)
    assert ticket.group_chat_id == upper.id
    async with world.services.db.transaction():
        events = await world.services.deps.tickets.events(ticket.id)
    assert any(e.action == "transferred" and reason in (e.detail or "") for e in events)
