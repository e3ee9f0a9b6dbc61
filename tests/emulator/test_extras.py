"""Uploads, downloads, transcripts, offsets and cross-thread use."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from datetime import UTC

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaPhoto,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from emulator import BotApiEmulator


async def test_multipart_upload_then_download(emu: BotApiEmulator) -> None:
    an = emu.add_user("An")
    async with Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url) as bot:
        sent = await bot.send_document(
            an.id,
            InputFile(b"%PDF-1.4 bien ban", filename="bien-ban.pdf"),
            caption="<b>Biên bản</b>",
            parse_mode="HTML",
        )
        assert sent.document is not None and sent.document.file_name == "bien-ban.pdf"
        assert sent.caption == "Biên bản"
        [call] = emu.calls_of("sendDocument")
        assert call.params["document"].data == b"%PDF-1.4 bien ban"
        assert call.params["caption"] == "<b>Biên bản</b>"
        file = await bot.get_file(sent.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 bien ban"
    assert emu.bot_messages(an.id)[0].kind == "document"


async def test_transcript_renders_people_bot_buttons_and_marks(
    emu: BotApiEmulator, bot: Bot
) -> None:
    an = emu.add_user("An", last_name="Nguyễn")
    asked = emu.send_text(an.id, an, "Đèn đường hỏng\nở ngõ 5")
    buttons = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Nhận xử lý", callback_data="take")],
            [InlineKeyboardButton("Đã giải quyết", callback_data="done")],
        ]
    )
    sent = await bot.send_message(
        an.id, "Đã ghi nhận", reply_to_message_id=asked["message_id"], reply_markup=buttons
    )
    emu.click(an.id, an, sent.message_id, "take")
    await bot.edit_message_text("Đang xử lý", chat_id=an.id, message_id=sent.message_id)
    emu.send_location(an.id, an, 21.0333, 105.8167)
    await bot.send_message(
        an.id, "Gửi số điện thoại", reply_markup=ReplyKeyboardMarkup([["📞 Chia sẻ"]])
    )
    lines = emu.transcript(an.id, title="Phản ánh #1", tz=UTC).splitlines()
    body = [line.split("] ", 1)[1] if line.startswith("[") else line for line in lines]
    assert body == [
        "── Phản ánh #1 ──",
        "👤 An: Đèn đường hỏng",
        "   ở ngõ 5",
        "🤖 Bot: ↩ #1 Đang xử lý (đã sửa)",
        "👆 An bấm [Nhận xử lý]",
        "👤 An: 📍 21.0333, 105.8167",
        "🤖 Bot: Gửi số điện thoại",
        "   [📞 Chia sẻ]",
    ]
    assert lines[1][0] == "[" and lines[1][9] == "]"


async def test_negative_offset_and_drop_pending(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An")
    for text in ("một", "hai", "ba"):
        emu.send_text(an.id, an, text)
    latest = await bot.get_updates(offset=-1, timeout=0)
    assert [u.update_id for u in latest] == [3]
    assert emu.pending_update_count() == 1
    emu.send_text(an.id, an, "bốn")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert emu.pending_update_count() == 0


async def test_send_from_another_thread_wakes_the_long_poll(emu: BotApiEmulator) -> None:
    an = emu.add_user("An")
    polling = HTTPXRequest(httpx_kwargs={"verify": False})
    async with Bot(emu.token, base_url=emu.base_url, get_updates_request=polling) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=3))
        await asyncio.sleep(0.1)
        worker = threading.Thread(target=emu.send_text, args=(an.id, an, "từ luồng khác"))
        worker.start()
        updates = await asyncio.wait_for(poll, timeout=1.5)
        worker.join()
    assert [u.message.text for u in updates if u.message] == ["từ luồng khác"]


async def test_emulator_outlives_clients_and_restarts(emu: BotApiEmulator) -> None:
    an = emu.add_user("An")
    for round_ in range(3):
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            await bot.send_message(an.id, f"lần {round_}")
    assert [m.text for m in emu.bot_messages(an.id)] == ["lần 0", "lần 1", "lần 2"]
    assert [m.message_id for m in emu.messages(an.id)] == [1, 2, 3]
    await emu.stop()
    await emu.start()  # same state, new port allowed
    async with Bot(emu.token, base_url=emu.base_url) as bot:
        assert (await bot.send_message(an.id, "sau khởi động")).message_id == 4


async def test_album_bulk_copy_pins_and_admins(emu: BotApiEmulator, bot: Bot) -> None:
    an, officer = emu.add_user("An"), emu.add_user("Cường")
    group = emu.add_group("Cán bộ", members=[officer])
    first = emu.send_photo(an.id, an, caption="trước")
    second = emu.send_photo(an.id, an, caption="sau")
    album = await bot.send_media_group(
        group.id,
        [
            InputMediaPhoto(first["photo"][0]["file_id"], caption="<i>1</i>", parse_mode="HTML"),
            InputMediaPhoto(b"jpeg", filename="2.jpg"),
        ],
    )
    assert [m.caption for m in album] == ["1", None]
    assert album[0].media_group_id == album[1].media_group_id is not None
    copies = await bot.copy_messages(group.id, an.id, [second["message_id"], first["message_id"]])
    stored = emu.bot_messages(group.id)[-2:]
    assert [m.message_id for m in stored] == [c.message_id for c in copies]
    assert [m.plain_text for m in stored] == ["trước", "sau"]  # copied in id order
    assert await bot.pin_chat_message(group.id, copies[0].message_id)
    [admin] = await bot.get_chat_administrators(group.id)
    assert admin.user.id == emu.bot_id and admin.status == "administrator"
    assert await bot.delete_messages(group.id, [c.message_id for c in copies])
    assert [m.deleted for m in emu.messages(group.id)] == [False, False, True, True]


async def test_watchers_see_each_answered_call(emu: BotApiEmulator) -> None:
    an = emu.add_user("An")
    seen: list[tuple[str, bool]] = []
    emu.watch(lambda call: seen.append((call.method, call.ok)))
    async with Bot(emu.token, base_url=emu.base_url) as bot:
        await bot.send_message(an.id, "Chào An")
        with contextlib.suppress(BadRequest):
            await bot.send_message(an.id, "")  # refused: watchers see failures too
    assert seen[-2:] == [("sendMessage", True), ("sendMessage", False)]
