"""The bot's own form encoding sends exactly what PTB's would."""

from __future__ import annotations

from urllib.parse import urlencode

from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from handlers.calls import _sent_markup
from handlers.http import _body


def test_form_body_matches_urlencode_for_short_and_long_values() -> None:
    text = "Bản tin: <b>luật</b> mới & lệ phí 100% = ?" * 5  # long: its encoding is remembered
    params = {"chat_id": "700000001", "text": text, "parse_mode": "HTML", "x y": "a+b"}
    data = RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])
    for _ in range(2):  # the second time from the remembered encoding
        assert _body(data) == urlencode(params).encode()


def test_inline_buttons_are_the_json_ptb_would_send() -> None:
    payload = {"buttons": [[["🔕 Ngừng", "s:stop"], ["⚙️ Chọn", "s:menu"]]]}
    assert _sent_markup(payload) == (
        '{"inline_keyboard": [[{"text": "\\ud83d\\udd15 Ng\\u1eebng", "callback_data": "s:stop"}, '
        '{"text": "\\u2699\\ufe0f Ch\\u1ecdn", "callback_data": "s:menu"}]]}'
    )
