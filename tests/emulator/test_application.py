"""A real PTB Application polling the emulator, including a restart mid-stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from emulator import BotApiEmulator


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("Gửi phản ánh", callback_data="fb")]])
    await update.effective_message.reply_html("<b>Xin chào!</b>", reply_markup=buttons)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"Bạn chọn: {query.data}")


@asynccontextmanager
async def running_app(emu: BotApiEmulator) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    app = ApplicationBuilder().token(emu.token).base_url(emu.base_url).build()
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CallbackQueryHandler(on_button))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def test_command_button_and_edit_through_application(emu: BotApiEmulator) -> None:
    an = emu.add_user("An")
    group = emu.add_group("Tổ dân phố", members=[an])
    async with running_app(emu):
        emu.send_text(an.id, an, "/start")
        emu.send_text(group.id, an, "/start@danvan_test_bot")
        [greeting] = await emu.wait_for_bot_messages(an.id, 1)
        [in_group] = await emu.wait_for_bot_messages(group.id, 1)
        # PTB quotes the command only in groups.
        assert (greeting.plain_text, greeting.reply_to) == ("Xin chào!", None)
        assert (in_group.plain_text, in_group.reply_to) == ("Xin chào!", 1)
        query_id = emu.click(an.id, an, greeting.message_id, "fb")
        await emu.wait_for(lambda: greeting.edits == 1, what="the greeting edited")
        assert query_id in emu.answered_callbacks
    assert greeting.plain_text == "Bạn chọn: fb" and greeting.reply_markup is None
    assert emu.pending_update_count() == 0
    assert "🤖 Bot: Bạn chọn: fb (đã sửa)" in emu.transcript(an.id)
    assert "🤖 Bot: ↩ #1 Xin chào!" in emu.transcript(group.id)


async def test_unconfirmed_updates_survive_a_bot_restart(emu: BotApiEmulator) -> None:
    an = emu.add_user("An")
    async with running_app(emu):
        emu.send_text(an.id, an, "/start")
        await emu.wait_for_bot_messages(an.id, 1)
    # Queued while no bot runs: the next bot process must still receive it.
    emu.send_text(an.id, an, "/start")
    assert emu.pending_update_count() == 1
    async with running_app(emu):
        await emu.wait_for_bot_messages(an.id, 2)
    assert emu.pending_update_count() == 0
