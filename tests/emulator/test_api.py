"""The emulator as the real PTB client sees it: methods, updates, callbacks, edits."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, EndPointNotFound, InvalidToken

from emulator import BotApiEmulator


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"cb:{i}") for i, label in enumerate(labels)]]
    )


async def test_get_me_describes_the_bot(emu: BotApiEmulator, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456 == emu.bot_id
    assert me.username == "danvan_test_bot"
    assert me.is_bot


async def test_unknown_token_is_rejected(emu: BotApiEmulator) -> None:
    with pytest.raises(InvalidToken, match="rejected"):
        async with Bot("999:WRONG", base_url=emu.base_url):
            pass


async def test_unknown_method_is_not_found(emu: BotApiEmulator, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})


async def test_send_message_private_html_with_keyboard(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An", last_name="Nguyễn")
    sent = await bot.send_message(
        an.id,
        "<b>Chào</b> An &amp; gia đình",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard("Nhận xử lý", "Đã giải quyết"),
    )
    assert sent.chat.type == "private" and sent.chat.id == an.id
    assert sent.text == "Chào An & gia đình"
    assert sent.from_user is not None and sent.from_user.is_bot
    [stored] = emu.bot_messages(an.id)
    assert stored.message_id == sent.message_id
    assert stored.text == "<b>Chào</b> An &amp; gia đình"
    assert stored.plain_text == "Chào An & gia đình"
    assert stored.reply_markup is not None
    labels = [b["text"] for b in stored.reply_markup["inline_keyboard"][0]]
    assert labels == ["Nhận xử lý", "Đã giải quyết"]
    [call] = emu.calls_of("sendMessage")
    assert call.ok and call.params["chat_id"] == an.id
    assert call.params["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == "cb:1"


async def test_group_message_replies_to_member(emu: BotApiEmulator, bot: Bot) -> None:
    an, binh = emu.add_user("An"), emu.add_user("Bình")
    group = emu.add_group("Cán bộ phường Ba Đình", members=[an, binh])
    assert group.id < -1_000_000_000_000 and group.type == "supergroup"
    asked = emu.send_text(group.id, binh, "Ai trực hôm nay?")
    sent = await bot.send_message(
        group.id, "Tôi", reply_parameters=ReplyParameters(asked["message_id"])
    )
    assert sent.chat.type == "supergroup" and sent.chat.title == "Cán bộ phường Ba Đình"
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.text == "Ai trực hôm nay?"
    user_msg, bot_msg = emu.messages(group.id)
    assert (user_msg.from_bot, user_msg.sender_id) == (False, binh.id)
    assert (bot_msg.from_bot, bot_msg.reply_to) == (True, user_msg.message_id)
    assert bot_msg.message_id == user_msg.message_id + 1


async def test_updates_stay_until_confirmed_by_offset(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An")
    emu.send_text(an.id, an, "/start")
    emu.send_text(an.id, an, "xin chào")
    first = await bot.get_updates(timeout=0)
    assert [u.update_id for u in first] == [1, 2]
    assert first[0].message is not None and first[0].message.text == "/start"
    entity = first[0].message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    again = await bot.get_updates(offset=1, timeout=0)
    assert [u.update_id for u in again] == [1, 2]  # nothing confirmed yet
    rest = await bot.get_updates(offset=2, timeout=0)
    assert [u.update_id for u in rest] == [2]
    assert emu.pending_update_count() == 1
    assert await bot.get_updates(offset=3, timeout=0) == ()
    assert emu.pending_update_count() == 0


async def test_long_poll_returns_when_an_update_arrives(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An")
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, emu.send_text, an.id, an, "đến rồi")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=3)
    elapsed = time.monotonic() - started
    assert [u.message.text for u in updates if u.message] == ["đến rồi"]
    assert 0.15 < elapsed < 1.0


async def test_long_poll_gives_up_after_its_timeout(emu: BotApiEmulator, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 2.0


async def test_click_yields_callback_query_and_answer_is_recorded(
    emu: BotApiEmulator, bot: Bot
) -> None:
    an = emu.add_user("An")
    sent = await bot.send_message(an.id, "Chọn", reply_markup=keyboard("Có", "Không"))
    query_id = emu.click(an.id, an, sent.message_id, "cb:1")
    [update] = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query is not None and query.id == query_id
    assert query.data == "cb:1" and query.from_user.id == an.id
    assert query.message is not None and query.message.message_id == sent.message_id
    assert await query.answer("Đã nhận", show_alert=True)
    assert emu.answered_callbacks[query_id]["text"] == "Đã nhận"
    assert emu.answered_callbacks[query_id]["show_alert"] is True
    assert "Không" in emu.transcript(an.id)


async def test_edits_change_the_stored_message(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An")
    sent = await bot.send_message(an.id, "Đang chờ", reply_markup=keyboard("Nhận"))
    await bot.edit_message_text(
        "<i>Đã nhận</i>",
        chat_id=an.id,
        message_id=sent.message_id,
        parse_mode="HTML",
        reply_markup=keyboard("Xong"),
    )
    [stored] = emu.bot_messages(an.id)
    assert (stored.text, stored.plain_text, stored.edits) == ("<i>Đã nhận</i>", "Đã nhận", 1)
    assert stored.reply_markup == keyboard("Xong").to_dict()
    edited = await bot.edit_message_reply_markup(an.id, sent.message_id, reply_markup=None)
    assert not isinstance(edited, bool) and edited.reply_markup is None
    assert stored.edits == 2
    assert stored.reply_markup is None
    assert "(đã sửa)" in emu.transcript(an.id)


async def test_copy_user_photo_to_group(emu: BotApiEmulator, bot: Bot) -> None:
    an, officer = emu.add_user("An"), emu.add_user("Cường")
    group = emu.add_group("Cán bộ", members=[officer])
    photo = emu.send_photo(an.id, an, caption="Ổ gà đường Đội Cấn")
    copied = await bot.copy_message(
        group.id, an.id, photo["message_id"], reply_markup=keyboard("Nhận xử lý")
    )
    [stored] = emu.bot_messages(group.id)
    assert stored.message_id == copied.message_id
    assert stored.kind == "copy" and stored.copied_from == (an.id, photo["message_id"])
    assert stored.plain_text == "Ổ gà đường Đội Cấn"
    assert stored.payload["photo"][0]["file_id"] == photo["photo"][0]["file_id"]
    # The bot can send the same file on by file_id, as with real Telegram.
    resent = await bot.send_photo(an.id, photo["photo"][-1]["file_id"], caption="Đã nhận ảnh")
    assert resent.caption == "Đã nhận ảnh" and resent.photo


async def test_user_media_and_commands_parse_in_ptb(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An", username="an_nguyen")
    group = emu.add_group("Tổ dân phố", members=[an])
    emu.send_text(group.id, an, "/help@danvan_test_bot ngay")
    emu.send_document(an.id, an, file_name="don.pdf", caption="Đơn")
    emu.send_voice(an.id, an)
    emu.send_video(an.id, an)
    emu.send_location(an.id, an, 21.03, 105.82)
    emu.send_contact(an.id, an, phone="0901234567")
    emu.send_sticker(an.id, an)
    messages = [u.message for u in await bot.get_updates(timeout=0)]
    assert all(m is not None for m in messages)
    cmd, doc, voice, video, loc, contact, sticker = messages
    assert cmd is not None and cmd.chat.type == "supergroup"
    assert cmd.entities[0].length == len("/help@danvan_test_bot")
    assert doc is not None and doc.document is not None
    assert (doc.document.file_name, doc.document.mime_type) == ("don.pdf", "application/pdf")
    assert voice is not None and voice.voice is not None
    assert video is not None and video.video is not None
    assert loc is not None and loc.location is not None and loc.location.latitude == 21.03
    assert contact is not None and contact.contact is not None
    assert contact.contact.user_id == an.id
    assert sticker is not None and sticker.sticker is not None


async def test_commands_and_chat_lookups(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An")
    group = emu.add_group("Cán bộ", members=[an])
    await bot.set_my_commands([BotCommand("start", "Bắt đầu"), BotCommand("help", "Trợ giúp")])
    assert [c["command"] for c in emu.commands] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert (await bot.get_chat(group.id)).title == "Cán bộ"
    assert (await bot.get_chat_member(group.id, an.id)).status == "member"
    assert (await bot.get_chat_member(group.id, emu.bot_id)).status == "administrator"
    assert await bot.send_chat_action(an.id, "typing")
    assert await bot.delete_webhook()
    assert await bot.delete_message(an.id, emu.send_text(an.id, an, "xóa")["message_id"])
    assert emu.messages(an.id)[-1].deleted


async def test_inject_update_and_wait_for(emu: BotApiEmulator, bot: Bot) -> None:
    raw = {"message": {"message_id": 7, "date": 0, "chat": {"id": 5, "type": "private"}}}
    update_id = emu.inject_update(raw)
    assert update_id == 1 and emu.pending_update_count() == 1
    [update] = await bot.get_updates(timeout=0)
    assert update.update_id == 1 and update.effective_chat is not None
    assert update.effective_chat.id == 5
    an = emu.add_user("An")
    asyncio.get_running_loop().call_later(0.05, emu.send_text, an.id, an, "x")
    await emu.wait_for(lambda: len(emu.messages(an.id)) == 1, timeout=1)
    try:
        await emu.wait_for_bot_messages(an.id, 1, timeout=0.1)
    except TimeoutError as err:
        assert "1 bot message(s)" in str(err) and "👤 An: x" in str(err)
    else:
        raise AssertionError("no bot message was sent")


async def test_forum_topics_open_and_refuse_messages_once_deleted(
    emu: BotApiEmulator, bot: Bot
) -> None:
    officer = emu.add_user("Vy")
    group = emu.add_group("Diễn đàn", [officer], forum=True)
    plain = emu.add_group("Nhóm thường", [officer])
    topic = await bot.create_forum_topic(group.id, "K7MX-3QPA · Phản ánh")
    sent = await bot.send_message(group.id, "Thẻ", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id and sent.is_topic_message
    emu.send_text(group.id, officer, "Đã xem", thread_id=topic.message_thread_id)
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.is_topic_message
    assert update.message.message_thread_id == topic.message_thread_id
    emu.delete_topic(group.id, topic.message_thread_id)
    with pytest.raises(BadRequest, match="thread not found"):
        await bot.send_message(group.id, "Nữa", message_thread_id=topic.message_thread_id)
    with pytest.raises(BadRequest, match="not a forum"):
        await bot.create_forum_topic(plain.id, "x")
