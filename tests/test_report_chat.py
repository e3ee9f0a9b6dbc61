"""/report through the emulator: who may ask, where, and what arrives (text, photo, workbook)."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from PIL import Image

from bot.demo import submit_feedback
from bot.reports import wording
from bot.reports.chart import HEIGHT, WIDTH
from bot.reports.workbook import SHEETS
from bot.world import World
from emulator import StoredMessage
from emulator.model import EmuChat, EmuUser


def _file(world: World, message: StoredMessage, kind: str) -> bytes:
    """Return the bytes of the photo or document a bot message carries."""
    media = message.payload[kind]
    file_id = media[-1]["file_id"] if kind == "photo" else media["file_id"]
    data = world.emulator.file_data(file_id)
    assert data is not None
    return data


def _listed_codes(data: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(data))[SHEETS[4]]
    return [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)]


async def _denunciation(world: World, ward_code: str) -> str:
    """File a tố cáo directly (no group handles denunciations, so it stays unrouted)."""
    services = world.services
    async with services.db.transaction():
        now = services.deps.clock()
        ticket = await services.deps.tickets.insert(
            {"code": "TOCA-0001", "source_key": "test:tocao", "kind": "to_cao",
             "ward_code": ward_code, "category": "an-ninh-trat-tu",
             "description": "Tố cáo cán bộ X", "status": "received", "citizen_chat_id": 777,
             "contact_name": "Người Tố Cáo", "contact_phone": "0900000001",
             "contact_address": "Số 1 phố Y", "created_at": now, "updated_at": now,
             "due_date": "2099-01-01"}
        )  # fmt: skip
    return ticket.code


async def test_admin_gets_text_chart_and_workbook_in_private(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    citizen = world.emulator.add_user("Mai")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cây đổ chắn ngang ngõ 5.")
    await world.say(world.admin.id, world.admin, "/report quý")
    messages = world.emulator.bot_messages(world.admin.id)
    text, photo, document = messages[-3:]
    assert "đã tiếp nhận 1 đơn" in (text.plain_text or "") and "Phạm vi: các phường/xã" in (
        text.plain_text or ""
    )
    assert photo.kind == "photo" and "Tiếp nhận và đã giải quyết" in (photo.plain_text or "")
    image = Image.open(io.BytesIO(_file(world, photo, "photo")))
    assert image.size == (WIDTH, HEIGHT)
    assert document.kind == "document"
    assert document.payload["document"]["file_name"].endswith(".xlsx")
    assert _listed_codes(_file(world, document, "document")) == [code]
    async with world.services.db.transaction():  # the files left the database once sent
        kept = await world.services.db.fetch_one("SELECT COUNT(*) AS n FROM outbox_files")
    assert kept is not None and kept["n"] == 0


async def test_a_group_gets_its_own_wards_without_listing_denunciations(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Khoa")
    code = await submit_feedback(world, citizen, "Ba Đình", "Nắp cống vỡ trước số 9.")
    other = await submit_feedback(world, world.emulator.add_user("Lam"), "Hoàn Kiếm", "Ồn ào.")
    hidden = await _denunciation(world, "00004")
    asker = world.emulator.add_user("Hoa")
    await world.say(asker.id, asker, "Tôi là Lê Thị Hoa, đăng ký thường trú cần giấy tờ gì?")
    await world.press(asker.id, asker, "Chưa đúng")
    await world.say(world.admin.id, world.admin, "/report quý")
    assert "le thi hoa" in (world.emulator.bot_messages(world.admin.id)[-3].plain_text or "")
    await world.say(group.id, officer, "/report quý")
    text, _, document = world.emulator.bot_messages(group.id)[-3:]
    plain = text.plain_text or ""
    assert "Phạm vi: Phường Ba Đình." in plain
    assert "đã tiếp nhận 2 đơn, trong đó khiếu nại 0 đơn, tố cáo 1 đơn" in plain
    listed = _listed_codes(_file(world, document, "document"))
    assert code in listed and hidden not in listed and other not in listed
    assert "Người Tố Cáo" not in plain and "0900000001" not in plain
    assert "le thi hoa" not in plain  # citizens' own words: the admin's report only


async def test_refused_to_non_admins_in_private_and_in_unbound_groups(world: World) -> None:
    stranger = world.emulator.add_user("Người lạ")
    await world.say(stranger.id, stranger, "/report quý")
    assert "quản trị" in (world.last(stranger.id).plain_text or "").lower()
    group = world.emulator.add_group("Nhóm chưa gắn", members=[world.admin, stranger])
    await world.say(group.id, stranger, "/report")
    assert world.last(group.id).plain_text == wording.UNBOUND_GROUP
    kinds = [m.kind for m in world.emulator.bot_messages(stranger.id)]
    assert "photo" not in kinds and "document" not in kinds


async def test_a_period_not_understood_gets_the_usage(world: World) -> None:
    await world.say(world.admin.id, world.admin, "/report tuần trước")
    assert (world.last(world.admin.id).plain_text or "").startswith("Cách dùng: /report")


async def test_faq_askers_are_logged_as_a_keyed_hash(world: World) -> None:
    first, second = world.emulator.add_user("An"), world.emulator.add_user("Bảo")
    for person in (first, first, second):
        await world.say(person.id, person, "Thủ tục đăng ký thường trú cần giấy tờ gì?")
    async with world.services.db.transaction():
        rows = await world.services.db.fetch_all("SELECT asker FROM faq_queries ORDER BY id")
    askers = [row["asker"] for row in rows]
    assert askers[0] == askers[1] != askers[2]  # the same citizen, then another one
    assert not {first.id, second.id} & set(askers)  # never the chat id itself


async def test_a_report_in_the_batch_of_the_binding_sees_it(world: World) -> None:
    group = world.emulator.add_group("UBND Ba Đình", members=[world.admin])
    world.emulator.send_text(group.id, world.admin, "/bind_ward Ba Đình")
    world.emulator.send_text(group.id, world.admin, "/report")
    await world.idle()  # one batch, one transaction: the binding is not committed yet
    texts = [m.plain_text or "" for m in world.emulator.bot_messages(group.id)]
    assert not any("chưa được gắn" in t for t in texts)
    assert any("Ba Đình" in t and "tiếp nhận" in t.lower() for t in texts)
