"""Errors Telegram would give, and injected faults, as PTB surfaces them."""

from __future__ import annotations

import time
from collections.abc import Awaitable

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from emulator import BotApiEmulator, EmuUser, Fault


@pytest.fixture
def an(emu: BotApiEmulator) -> EmuUser:
    return emu.add_user("An")


async def expect_bad_request(call: Awaitable[object], text: str) -> None:
    with pytest.raises(BadRequest) as caught:
        await call
    # PTB strips "Bad Request: " and lower-cases the rest (str.capitalize).
    assert caught.value.message == text.capitalize()


async def test_unknown_chat(bot: Bot) -> None:
    await expect_bad_request(bot.send_message(42, "hi"), "Chat not found")


async def test_empty_and_too_long_text(emu: BotApiEmulator, bot: Bot, an: EmuUser) -> None:
    await expect_bad_request(bot.send_message(an.id, ""), "Message text is empty")
    await expect_bad_request(bot.send_message(an.id, "   "), "Message text is empty")
    await expect_bad_request(bot.send_message(an.id, "x" * 4097), "Message is too long")
    # Length counts after entity parsing: tags and escapes do not count.
    html = "<b>" + "&amp;" * 4096 + "</b>"
    sent = await bot.send_message(an.id, html, parse_mode="HTML")
    assert sent.text == "&" * 4096
    caption = "c" * 1025
    await expect_bad_request(
        bot.send_photo(an.id, "https://example.org/p.jpg", caption=caption),
        "Message caption is too long",
    )
    assert [c.ok for c in emu.calls if c.method != "getMe"] == [False, False, False, True, False]


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<b>đậm", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<br>x", 'Unsupported start tag "br" at byte offset 0'),
        ("Tôm & cá", "Unsupported HTML entity at byte offset 5"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ('<span class="x">y</span>', 'Unsupported start tag "span" at byte offset 0'),
    ],
)
async def test_malformed_html(bot: Bot, an: EmuUser, html: str, detail: str) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(an.id, html, parse_mode="HTML")
    assert caught.value.message == f"Can't parse entities: {detail}".capitalize()


async def test_well_formed_html_is_accepted(emu: BotApiEmulator, bot: Bot, an: EmuUser) -> None:
    html = (
        "<b>a</b><strong>b</strong><i>c</i><em>d</em><u>e</u><ins>f</ins><s>g</s>"
        '<strike>h</strike><del>i</del><a href="https://x.vn?a=1&amp;b=2">j</a>'
        '<code>k</code><pre><code class="language-python">l</code></pre>'
        '<tg-spoiler>m</tg-spoiler><span class="tg-spoiler">n</span>'
        '<blockquote>o</blockquote><tg-emoji emoji-id="1">👍</tg-emoji> &lt;&gt;&quot;&#65;&#x42;'
    )
    sent = await bot.send_message(an.id, html, parse_mode="HTML")
    assert sent.text == "abcdefghijklmn" + 'o👍 <>"AB'


async def test_callback_data_over_64_bytes(bot: Bot, an: EmuUser) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="đ" * 32)]])
    await bot.send_message(an.id, "vừa đủ", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="đ" * 33)]])
    await expect_bad_request(
        bot.send_message(an.id, "quá dài", reply_markup=too_long), "BUTTON_DATA_INVALID"
    )


async def test_reply_to_missing_message(bot: Bot, an: EmuUser) -> None:
    await expect_bad_request(
        bot.send_message(an.id, "trả lời", reply_to_message_id=99),
        "Message to be replied not found",
    )
    sent = await bot.send_message(
        an.id, "vẫn gửi", reply_to_message_id=99, allow_sending_without_reply=True
    )
    assert sent.reply_to_message is None


async def test_edit_errors(emu: BotApiEmulator, bot: Bot, an: EmuUser) -> None:
    sent = await bot.send_message(an.id, "giữ nguyên")
    with pytest.raises(BadRequest, match="Message is not modified: specified new message"):
        await bot.edit_message_text("giữ nguyên", chat_id=an.id, message_id=sent.message_id)
    await expect_bad_request(
        bot.edit_message_text("x", chat_id=an.id, message_id=77), "Message to edit not found"
    )
    assert emu.bot_messages(an.id)[0].edits == 0


async def test_unknown_callback_query(bot: Bot) -> None:
    await expect_bad_request(
        bot.answer_callback_query("123"),
        "query is too old and response timeout expired or query ID is invalid",
    )


async def test_blocked_user_is_forbidden(emu: BotApiEmulator, bot: Bot, an: EmuUser) -> None:
    emu.block_bot(an.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(an.id, "còn đó không?")
    assert emu.bot_messages(an.id) == []
    emu.send_text(an.id, an, "/start")  # writing again unblocks, as in Telegram
    assert (await bot.send_message(an.id, "chào lại")).text == "chào lại"


# PTB warns that retry_after will become a timedelta; the int is what we check here.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fault_429_hits_only_matching_chat(
    emu: BotApiEmulator, bot: Bot, an: EmuUser
) -> None:
    other = emu.add_user("Bình")
    emu.faults.add(Fault(method="sendMessage", kind="429", retry_after=7, chat_id=an.id, times=2))
    assert (await bot.send_message(other.id, "không bị")).text == "không bị"
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(an.id, "bị chặn")
        assert caught.value.retry_after == 7
    assert (await bot.send_message(an.id, "hết lỗi")).text == "hết lỗi"
    assert [m.text for m in emu.bot_messages(an.id)] == ["hết lỗi"]
    assert len(emu.faults) == 0


async def test_fault_500_is_a_network_error(emu: BotApiEmulator, bot: Bot, an: EmuUser) -> None:
    emu.faults.add(Fault(method="sendMessage", kind="500"))
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(an.id, "x")
    emu.faults.add(Fault(method="sendMessage", kind="drop"))
    with pytest.raises(NetworkError):
        await bot.send_message(an.id, "y")
    assert emu.bot_messages(an.id) == []
    assert [c.ok for c in emu.calls_of("sendMessage")] == [False, False]


async def test_fault_timeout_is_timed_out_and_not_applied(
    emu: BotApiEmulator, bot: Bot, an: EmuUser
) -> None:
    emu.faults.add(Fault(method="sendMessage", kind="timeout", delay=1.0))
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(an.id, "chậm")
    assert time.monotonic() - started < 0.9
    assert emu.bot_messages(an.id) == []
    assert (await bot.send_message(an.id, "nhanh")).text == "nhanh"


async def test_raw_http_errors(emu: BotApiEmulator) -> None:
    async with httpx.AsyncClient() as client:
        unauthorized = await client.post(f"{emu.base_url}999:X/getMe")
        missing = await client.post(f"{emu.base_url}{emu.token}/noSuchMethod")
        ok = await client.post(f"{emu.base_url}{emu.token}/getme", json={})
        group = emu.add_group("Tổ 5")
        by_get = await client.get(f"{emu.base_url}{emu.token}/getChat?chat_id={group.id}")
        bad_json = await client.post(
            f"{emu.base_url}{emu.token}/sendMessage",
            content=b"{not json",
            headers={"content-type": "application/json"},
        )
    assert unauthorized.status_code == 401
    assert unauthorized.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert missing.status_code == 404 and missing.json()["description"] == "Not Found"
    assert ok.json()["result"]["username"] == "danvan_test_bot"
    assert by_get.json()["result"]["title"] == "Tổ 5"
    assert bad_json.status_code == 400
    assert bad_json.json()["description"] == "Bad Request: can't parse request body"
