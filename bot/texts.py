"""User-facing texts of the core flow, in one catalog (Vietnamese, HTML where marked).

The FAQ's and hot issues' texts sit beside their code (bot/faq/texts.py, bot/hot/texts.py), as
do bulletins' (bot/bulletin_texts.py); handlers hold none.
"""

from __future__ import annotations

# Menu and help
GREETING = (
    "Xin chào <b>{name}</b>! Đây là kênh tiếp nhận phản ánh, kiến nghị của UBND phường/xã.\n"
    "Bạn có thể gửi phản ánh, kiến nghị, khiếu nại, tố cáo, đề nghị hòa giải hoặc câu hỏi; "
    "mỗi yêu cầu có một mã tra cứu để theo dõi đến khi được trả lời.\n\nBạn muốn làm gì?"
)
MENU_NEW = "📝 Gửi phản ánh, kiến nghị"
MENU_FAQ = "⚖️ Hỏi đáp pháp luật"
MENU_MINE = "📂 Phản ánh của tôi"
MENU_HELP = "ℹ️ Hướng dẫn"
HELP = (
    "<b>Hướng dẫn sử dụng</b>\n"
    "• /new — gửi phản ánh, kiến nghị, khiếu nại, tố cáo, đề nghị hòa giải hoặc câu hỏi.\n"
    "• /status — xem các yêu cầu bạn đã gửi; /status MÃ — xem một yêu cầu và lịch sử xử lý.\n"
    "• /cancel — hủy thao tác đang làm.\n"
    "• /subscribe — chọn bản tin phổ biến pháp luật muốn nhận; /unsubscribe — ngừng nhận tất cả.\n"
    "• /schedule — lịch tiếp công dân và đối thoại của phường/xã (hoặc gõ «lịch tiếp dân phường …»).\n"
    "• Trả lời (reply) vào tin nhắn của bot về một yêu cầu để bổ sung thông tin.\n\n"
    "Thông tin của người tố cáo được giữ bí mật theo Luật Tố cáo 2018 (Điều 47, 56). "
    "Bot chỉ lưu những thông tin cần cho việc giải quyết; không gửi ảnh căn cước qua đây."
)
COMMANDS = {
    "start": "Bắt đầu, mở menu",
    "new": "Gửi phản ánh, kiến nghị mới",
    "status": "Xem phản ánh của tôi",
    "cancel": "Hủy thao tác đang làm",
    "subscribe": "Nhận bản tin phổ biến pháp luật",
    "unsubscribe": "Ngừng nhận mọi bản tin",
    "schedule": "Lịch tiếp công dân, đối thoại",
    "help": "Hướng dẫn sử dụng",
}
# Shown to everyone in Telegram's menu; admin commands are documented in the README.
GROUP_COMMANDS = {
    "queue": "Yêu cầu đang mở của nhóm",
    "ticket": "Xem một yêu cầu: /ticket MÃ",
    "officer": "Đăng ký là cán bộ xử lý của nhóm",
    "assign": "Giao yêu cầu: /assign MÃ [cán bộ]",
    "transfer": "Chuyển phường/xã: /transfer MÃ tên phường",
    "extend": "Gia hạn: /extend MÃ lý do",
    "complex": "Vụ việc phức tạp: /complex MÃ [lý do]",
    "merge": "Gộp yêu cầu trùng: /merge MÃ_GIỮ MÃ_TRÙNG…",
}
# Shown in groups' menus: what officers use every day.

# Intake
ASK_KIND = "Bạn muốn gửi loại yêu cầu nào?"
ASK_WARD = (
    "Sự việc thuộc phường/xã nào? Chọn bên dưới hoặc gõ tên phường/xã "
    "(có dấu hoặc không dấu đều được)."
)
ASK_WARD_TYPED = (
    "Sự việc thuộc phường/xã nào? Hãy gõ tên phường/xã (có dấu hoặc không dấu đều được; "
    "tên phường/xã cũ trước ngày 1/7/2025 bot cũng hiểu)."
)
WARD_NOT_FOUND = (
    "Chưa tìm thấy phường/xã «{text}» trong danh sách bot đang phục vụ. "
    "Vui lòng gõ lại tên hoặc chọn bên dưới."
)
WARD_NOT_FOUND_TYPED = (
    "Chưa tìm thấy phường/xã «{text}» trong danh sách bot đang phục vụ. "
    "Vui lòng kiểm tra và gõ lại tên phường/xã."
)
WARD_PICK = "Có phải bạn muốn chọn một trong các phường/xã sau?"
# An old (pre-July-2025) unit: {old} is its name, with its old district in brackets if known.
WARD_FROM_LEGACY = "📍 {old} nay thuộc <b>{new}</b>."
WARD_SPLIT = "{old} nay được chia cho nhiều phường/xã. Sự việc xảy ra ở phường/xã nào?"
WARD_LEGACY_BUTTON = "{new} ← {old}"
WARD_OUTSIDE = (
    "Rất tiếc, {wards} không thuộc địa bàn bot này phục vụ nên bot chưa chuyển được yêu cầu "
    "đến đó. Bạn vui lòng liên hệ trực tiếp UBND phường/xã đó. Nếu sự việc xảy ra trong địa "
    "bàn bot phục vụ, hãy gõ lại tên phường/xã."
)
ASK_CATEGORY = "Nội dung thuộc lĩnh vực nào?"
ASK_DESCRIPTION = (
    "Hãy mô tả sự việc: ở đâu, khi nào, việc gì. Bạn có thể gửi kèm ảnh, tệp, vị trí "
    "hoặc tin nhắn thoại. Gửi xong bấm «Tiếp tục»."
)
DESCRIPTION_SHARED = (
    "\n<i>Phần đầu nội dung có thể được hiển thị (đã che số điện thoại, email) cho người dân "
    "khác báo cùng sự việc; vui lòng không ghi họ tên hay số giấy tờ vào đây.</i>"
)
DESCRIPTION_ADDED = "Đã ghi nhận ({count} mục). Gửi thêm hoặc bấm «Tiếp tục»."
DESCRIPTION_EMPTY = "Vui lòng mô tả nội dung bằng chữ (ít nhất vài từ) trước khi tiếp tục."
DESCRIPTION_TOO_LONG = (
    "Nội dung đã dài quá {limit} ký tự nên phần vừa gửi chưa được thêm vào. "
    "Bạn có thể bấm «Tiếp tục» để gửi phần đã có, rồi bổ sung sau khi có mã tra cứu."
)
TOO_MANY_ATTACHMENTS = "Mỗi yêu cầu nhận tối đa {limit} tệp đính kèm; tệp vừa gửi chưa được thêm."
CONTINUE = "Tiếp tục ➡️"
ASK_NAME = "Theo quy định, {kind} cần ghi rõ họ tên người gửi. Vui lòng nhập <b>họ và tên</b>:"
ASK_ADDRESS = "Vui lòng nhập <b>địa chỉ</b> của bạn (số nhà, đường/thôn, phường/xã):"
ASK_PHONE_REQUIRED = (
    "Vui lòng bấm «Chia sẻ số điện thoại» bên dưới hoặc gõ số điện thoại để cán bộ liên hệ."
)
ASK_PHONE_OPTIONAL = (
    "Bạn có muốn để lại số điện thoại để cán bộ liên hệ khi cần? "
    "Bấm «Chia sẻ số điện thoại», gõ số, hoặc bấm «Bỏ qua»."
)
SHARE_PHONE = "📱 Chia sẻ số điện thoại"
SKIP = "Bỏ qua"
PHONE_SKIPPED = "Đã bỏ qua số điện thoại."
PHONE_INVALID = "Số điện thoại chưa đúng (ví dụ: 0912345678). Vui lòng nhập lại."
CONTACT_NOT_OWN = "Vui lòng chia sẻ số điện thoại của chính bạn bằng nút bên dưới."
NAME_INVALID = "Họ tên cần từ 2 đến 100 ký tự. Vui lòng nhập lại."
ADDRESS_INVALID = "Địa chỉ cần từ 5 đến 300 ký tự. Vui lòng nhập lại."
SUMMARY = (
    "<b>Kiểm tra lại trước khi gửi</b>\n"
    "Loại: {kind}\nPhường/xã: {ward}\nLĩnh vực: {category}\n"
    "Nội dung: {description}\nĐính kèm: {attachments}\nLiên hệ: {contact}\n\n"
    "Bấm «Gửi» để gửi tới UBND phường/xã."
)
CONFIRM = "✅ Gửi"
EDIT = "✏️ Sửa"
CANCEL = "❌ Hủy"
ASK_EDIT = "Bạn muốn sửa phần nào?"
EDIT_KIND = "Loại yêu cầu"
EDIT_WARD = "Phường/xã"
EDIT_CATEGORY = "Lĩnh vực"
EDIT_DESCRIPTION = "Nội dung"
EDIT_CONTACT = "Liên hệ"
CANCELLED = "Đã hủy. Không có gì được gửi đi. Gõ /start để bắt đầu lại."
NOTHING_TO_CANCEL = "Không có thao tác nào đang dở. Gõ /start để mở menu."
DRAFT_EXPIRED = (
    "Bản nháp của bạn đã được hủy vì quá {minutes} phút không có thao tác, và chưa được gửi đi. "
    "Khi sẵn sàng, gõ /new để bắt đầu lại."
)
UNSUPPORTED_MEDIA = (
    "Xin lỗi, bot chưa nhận được loại tin nhắn này. Bạn có thể gửi chữ, ảnh, tệp, "
    "vị trí hoặc tin nhắn thoại."
)
NOT_IN_STEP = (
    "Bước này cần {expected}. Vui lòng làm theo hướng dẫn ở tin nhắn trên hoặc gõ /cancel."
)
EXPECT_BUTTON = "chọn một nút bên dưới"
EXPECT_TEXT = "một tin nhắn chữ"

# Receipts and status
RECEIPT = (
    "✅ <b>{kind}</b> của bạn đã được tiếp nhận.\n"
    "Mã tra cứu: <code>{code}</code>\nPhường/xã: {ward}\n"
    "Hạn {clock_lower}: <b>{due}</b> ({terms}; theo {basis}).{then}\n\n"
    "Bạn sẽ nhận được thông báo mỗi khi có tiến triển. Trả lời tin nhắn này để bổ sung thông tin."
)
RECEIPT_THEN = "\nSau khi thụ lý, thời hạn {label} là {terms} (theo {basis})."
SINCE = {"receipt": "kể từ ngày tiếp nhận", "acceptance": "kể từ ngày thụ lý"}
TERMS_COMPLEX = ", vụ việc phức tạp {days} {unit}"
TERMS_EXTENSIONS = ", có thể gia hạn tối đa {n} lần, mỗi lần {days} {unit}"
STATUS_CHANGED = "🔔 Yêu cầu <code>{code}</code>: {status}."
STATUS_IN_PROGRESS = "🔔 Yêu cầu <code>{code}</code> đang được cán bộ phường xử lý."
ANSWER_FROM_WARD = (
    "💬 <b>{ward} trả lời</b> về yêu cầu <code>{code}</code>:\n\n{text}\n\n"
    "<i>Trả lời tin nhắn này nếu bạn muốn phản hồi.</i>"
)
ANSWER_MEDIA_HEADER = "💬 <b>{ward}</b> gửi tệp về yêu cầu <code>{code}</code>:"
RESOLVED_ASK_RATING = (
    "✅ Yêu cầu <code>{code}</code> đã được giải quyết. Bạn có hài lòng với kết quả không?"
)
RATE_GOOD = "👍 Hài lòng"
RATE_BAD = "👎 Chưa hài lòng"
THANKS_RATING = "Cảm ơn bạn đã đánh giá. Chúc bạn một ngày tốt lành!"
ASK_REOPEN_REASON = (
    "Rất tiếc vì kết quả chưa làm bạn hài lòng. Vui lòng cho biết lý do; "
    "yêu cầu <code>{code}</code> sẽ được mở lại để cán bộ xem xét."
)
REOPENED_CITIZEN = (
    "Yêu cầu <code>{code}</code> đã được mở lại. Cán bộ phường sẽ xem xét lý do của bạn."
)
ALREADY_REOPENED = (
    "Yêu cầu <code>{code}</code> đã được mở lại một lần. Ghi nhận bạn chưa hài lòng. "
    "Nếu không đồng ý với kết quả, bạn có thể gửi khiếu nại (gõ /new)."
)
ALREADY_RATED = "Bạn đã đánh giá yêu cầu này rồi. Cảm ơn bạn!"
DECLINED_CITIZEN = (
    "ℹ️ Yêu cầu <code>{code}</code> không thuộc thẩm quyền giải quyết của {ward}.\nLý do: {reason}"
)
TRANSFERRED_CITIZEN = (
    "↪️ Yêu cầu <code>{code}</code> đã được chuyển từ {old} sang {new} "
    "để giải quyết đúng thẩm quyền.\nLý do: {reason}"
)
FOLLOW_UP_ADDED = "Đã gửi thông tin bổ sung cho yêu cầu <code>{code}</code> tới cán bộ phường."
BTN_NOT_FOLLOW_UP = "↩️ Không phải bổ sung, đây là câu hỏi mới"
FOLLOW_UP_RETRACTED = "Đã rút lại khỏi yêu cầu; bot trả lời như một câu hỏi mới."
FOLLOW_UP_RETRACTED_GROUP = (
    "↩️ Công dân cho biết tin nhắn bổ sung vừa rồi cho <code>{code}</code> "
    "không phải bổ sung mà là một câu hỏi khác; không cần xử lý tin đó."
)
NO_TICKETS = "Bạn chưa gửi yêu cầu nào. Gõ /new để gửi."
MY_TICKETS = "<b>Yêu cầu của bạn</b> (mới nhất trước):"
MY_TICKETS_HINT = "\nGõ /status MÃ để xem lịch sử xử lý của một yêu cầu."
TICKET_NOT_FOUND = "Không tìm thấy yêu cầu có mã «{code}» trong các yêu cầu của bạn."
CODE_INVALID = "Mã tra cứu gồm 8 ký tự, ví dụ K7MX-3QPA. Vui lòng kiểm tra lại."
HISTORY = "<b>Lịch sử xử lý</b>"
FREE_TEXT_HINT = (
    "Bot chưa hiểu tin nhắn này. Gõ /new để gửi phản ánh, kiến nghị, "
    "/status để xem yêu cầu đã gửi, hoặc /help để xem hướng dẫn."
)
TEXT_TOO_LONG = "Tin nhắn quá dài (tối đa {limit} ký tự). Vui lòng chia nhỏ và gửi lại."
EMPTY_TEXT = "Tin nhắn trống. Vui lòng nhập nội dung."

# Officers' group
CARD = (
    "{icon} <b>{kind}</b> · <code>{code}</code>\n"
    "Trạng thái: <b>{status}</b>{handler}\n"
    "Phường/xã: {ward}\nLĩnh vực: {category}\n"
    "Tiếp nhận: {received}\n{deadline}{overdue}\n"
    "Người gửi: {citizen}\nĐính kèm: {attachments}\n\n{description}"
)
CARD_REPLY_HINT = "\n\n<i>Trả lời (reply) tin nhắn này để gửi câu trả lời tới công dân; bắt đầu bằng #note để ghi chú nội bộ.</i>"
CARD_HANDLER = " · {name}"
CARD_DUE = "Hạn: <b>{due}</b>"
CARD_DEADLINE = "Hạn {label}: <b>{due}</b> ({period})"
CARD_ACCEPTED = "Thụ lý: {on} · "
CARD_OVERDUE = " ⚠️ quá hạn"
CARD_TRUNCATED = "\n…(nội dung dài, xem đầy đủ ở tin nhắn tiếp theo)"
IDENTITY_HIDDEN = "🔒 thông tin người tố cáo được bảo mật"
NO_CONTACT = "(không để lại liên hệ)"
BTN_CLAIM = "✋ Nhận xử lý"
BTN_RESOLVE = "✅ Đã giải quyết"
BTN_TRANSFER = "↪️ Chuyển phường"
BTN_DECLINE = "⛔ Không thuộc thẩm quyền"
BTN_ACCEPT = "📋 Thụ lý"
CLAIMED = "Bạn đã nhận xử lý {code}."
ALREADY_CLAIMED = "Yêu cầu này đang do {name} xử lý."
RESOLVED_DONE = "Đã đánh dấu {code} là đã giải quyết."
ASK_DECLINE_REASON = (
    "Yêu cầu <code>{code}</code>: trả lời (reply) tin nhắn này với lý do "
    "không thuộc thẩm quyền; lý do sẽ được gửi cho công dân."
)
ASK_TRANSFER_WARD = "Chuyển yêu cầu <code>{code}</code> sang phường/xã nào?"
NO_OTHER_WARD = "Không có phường/xã nào khác để chuyển."
BTN_TRANSFER_UP = "⬆️ Chuyển lên cấp trên"
SUPERVISORS = "nhóm cấp trên"
TRANSFER_BY_COMMAND = "\n<i>Phường/xã khác: /transfer {code} tên phường/xã.</i>"
TRANSFER_USAGE = "Cách dùng: /transfer MÃ tên phường/xã (ví dụ: /transfer K7MX-3QPA Ba Đình)."
TRANSFER_CANDIDATES = "\nCó thể là: {names}."
ASK_TRANSFER_REASON = (
    "Chuyển <code>{code}</code> sang {target}: trả lời (reply) tin nhắn này với lý do; "
    "lý do được lưu vào lịch sử và gửi cho công dân."
)
TRANSFER_REASON_ASKED = "Vui lòng trả lời tin nhắn của bot với lý do chuyển."
ESCALATED_IN = "⬆️ Chuyển lên từ {ward}. Lý do: {reason}"
ASSIGNED = "👤 {code} được giao cho {name}."
ASK_ASSIGN = "Giao <code>{code}</code> cho ai? (số yêu cầu đang xử lý trong ngoặc)"
ASSIGN_OPTION = "{name} ({load}){hint}"
ASSIGN_HINT = " · gợi ý"
NO_OFFICERS = "Nhóm này chưa có cán bộ nào đăng ký. Mỗi cán bộ gõ /officer trong nhóm để đăng ký."
OFFICER_REGISTERED = "Đã đăng ký {name} là cán bộ xử lý của nhóm này."
DECLINED_GROUP = "⛔ {code}: đã trả lời công dân là không thuộc thẩm quyền."
TRANSFERRED_GROUP = "↪️ {code} đã được chuyển sang {ward}."
TRANSFERRED_IN = "↪️ Chuyển đến từ {ward}."
DELIVERED = "✅ Đã gửi tới công dân ({code})."
NOT_DELIVERED = "❌ Không gửi được tới công dân ({code}): {reason}."
NOTE_SAVED = "📝 Đã lưu ghi chú nội bộ cho {code} (không gửi cho công dân)."
CITIZEN_FOLLOW_UP = "💬 <b>Công dân bổ sung</b> cho <code>{code}</code>:\n\n{text}"
CITIZEN_FOLLOW_UP_MEDIA = "💬 Công dân gửi thêm tệp cho <code>{code}</code>:"
REOPENED_GROUP = "🔁 <code>{code}</code> được mở lại vì công dân chưa hài lòng.\nLý do: {reason}"
RATED_GROUP = "⭐ Công dân đánh giá <code>{code}</code>: {rating}."
RATING_GOOD = "hài lòng"
RATING_BAD = "chưa hài lòng"
TICKET_CLOSED = "Yêu cầu {code} đã kết thúc ({status}); không thể thực hiện thao tác này."
QUEUE_TITLE = "<b>Hàng đợi {ward}</b>: {total} yêu cầu đang mở (trang {page}/{pages})"
QUEUE_EMPTY = "Không có yêu cầu nào đang mở. 🎉"
QUEUE_LINE = "{mark} <code>{code}</code> · {kind} · hạn {due} · {status}"
BTN_PREV = "◀️ Trước"
BTN_NEXT = "Sau ▶️"
BOUND_RULE = "Đã gắn nhóm này: <b>{rule}</b>. Yêu cầu tương ứng sẽ được gửi về đây."
UNBOUND = "Đã gỡ {count} quy tắc chuyển yêu cầu về nhóm này."
ROUTES_TITLE = "<b>Bảng chuyển yêu cầu</b> (quy tắc cụ thể trước):"
ROUTES_LINE = "• {rule} → nhóm <code>{chat}</code>"
ROUTES_EMPTY = "Chưa có quy tắc nào. Trong nhóm cán bộ, quản trị viên gõ /bind_ward tên phường."
ROLE_NAMES = {
    "denunciation": "Tố cáo (người được giao)",
    "category": "Lĩnh vực",
    "kind": "Loại đơn",
    "ward": "Phường/xã",
    "fallback": "Dự phòng (phường/xã chưa có nhóm)",
    "supervisor": "Cấp trên",
}
ALL_WARDS = "mọi phường/xã"
IN_TOPIC = "chủ đề {topic}"
BIND_CATEGORY_USAGE = "Cách dùng: /bind_category MÃ_LĨNH_VỰC [tên phường]. Mã lĩnh vực: {ids}."
BIND_KIND_USAGE = "Cách dùng: /bind_kind LOẠI [tên phường]. Loại: {ids}."
BIND_DENUNCIATION_CONFLICT = (
    "Nhóm nhận tố cáo phải là nhóm riêng của người được giao giải quyết tố cáo: "
    "không dùng chung với nhóm nhận các yêu cầu khác. Gõ /unbind để gỡ quy tắc cũ trước."
)
BIND_USAGE = "Cách dùng: /bind_ward tên phường/xã (ví dụ: /bind_ward Ba Đình)."
BIND_AMBIGUOUS = "Có nhiều phường/xã khớp «{text}»: {names}. Vui lòng ghi rõ hơn."
UNBOUND_WARD_ADMIN = (
    "⚠️ {ward} chưa có nhóm cán bộ nên yêu cầu <code>{code}</code> đang chờ. "
    "Thêm bot vào nhóm của phường rồi gõ /bind_ward trong nhóm đó."
)
UNROUTED_DENUNCIATION_ADMIN = (
    "⚠️ Tố cáo <code>{code}</code> ({ward}) đang chờ vì chưa có nhóm được giao giải quyết tố cáo. "
    "Tố cáo không bao giờ gửi vào nhóm chung: tạo nhóm riêng cho người được giao, "
    "thêm bot rồi gõ /bind_denunciations trong nhóm đó."
)
TOPIC_REOPENED = "♻️ Chủ đề của yêu cầu này đã bị xóa nên được mở lại; thẻ yêu cầu ở dưới."
DIGEST_TITLE = (
    "☀️ <b>Tình hình ngày {day}</b>: {open} yêu cầu đang mở · {soon} sắp đến hạn "
    "(2 ngày làm việc) · {overdue} quá hạn"
)
DIGEST_OVERDUE = "\n<b>⚠️ Quá hạn</b>"
DIGEST_SOON = "\n<b>⏳ Sắp đến hạn</b>"
DIGEST_MORE = "… và {count} yêu cầu khác (xem /queue)."
DIGEST_CLEAR = "\nKhông có yêu cầu nào quá hạn hay sắp đến hạn. 🎉"
REMINDER_LINE = "• <code>{code}</code> · {kind} · {ward} · hạn {due} · {handler}"
NO_HANDLER = "chưa có người nhận"
ESCALATION_FIRST = "⏰ <b>Yêu cầu quá hạn</b> cần lãnh đạo đôn đốc:\n{line}"
ESCALATION_AGAIN = "⏰ <b>Nhắc lần 2</b>: yêu cầu vẫn quá hạn:\n{line}"
ESCALATED_GROUP = "⏰ <code>{code}</code> đã quá hạn và đã được báo lên cấp trên (lần {level})."
TICKET_USAGE = "Cách dùng: /ticket MÃ (ví dụ: /ticket K7MX-3QPA)."

# Legal clocks: acceptance (thụ lý), complex cases, extensions
ACCEPTED_CITIZEN = (
    "📋 {kind} <code>{code}</code> đã được thụ lý ngày {on}.\n"
    "Hạn {label}: <b>{due}</b> ({period} kể từ ngày thụ lý, theo {basis})."
)
ACCEPTED = "Đã ghi nhận thụ lý {code} ngày {on}; hạn {label}: {due}."
ALREADY_ACCEPTED = "{code} đã được thụ lý ngày {on}."
COMPLEX_CITIZEN = (
    "⏳ {kind} <code>{code}</code> được xác định là vụ việc phức tạp; thời hạn {label} là "
    "{period} kể từ ngày thụ lý.\nHạn mới: <b>{due}</b> (trước đây: {old}).{reason}\nCăn cứ: {basis}."
)
COMPLEX_GROUP = (
    "⏳ <code>{code}</code>: vụ việc phức tạp, hạn {label} mới <b>{due}</b> (trước đây {old}). "
    "Đã báo công dân."
)
EXTENDED_CITIZEN = (
    "⏳ Thời hạn {label} {kind} <code>{code}</code> được gia hạn lần {n}/{max}, thêm {days} {unit}.\n"
    "Hạn mới: <b>{due}</b> (trước đây: {old}).\nLý do: {reason}\nCăn cứ: {basis}."
)
EXTENDED_GROUP = (
    "⏳ <code>{code}</code>: gia hạn {label} lần {n}/{max}, hạn mới <b>{due}</b> "
    "(trước đây {old}). Đã báo công dân."
)
REASON_LINE = "\nLý do: {reason}"
EXTEND_USAGE = (
    "Cách dùng: /extend MÃ lý do gia hạn (ví dụ: /extend K7MX-3QPA Cần xác minh tại nhiều nơi). "
    "Lý do được gửi cho công dân."
)
COMPLEX_USAGE = "Cách dùng: /complex MÃ [lý do] (ví dụ: /complex K7MX-3QPA Nhiều bên liên quan)."
EXTEND_NOT_ALLOWED = "⛔ Hạn {label} của {kind} không được gia hạn (theo {basis})."
EXTEND_USE_COMPLEX = " Nếu vụ việc phức tạp, dùng /complex MÃ lý do."
EXTEND_LIMIT = (
    "⛔ <code>{code}</code> đã được gia hạn {label} {n}/{max} lần, mức tối đa theo {basis}; "
    "không thể gia hạn thêm."
)
COMPLEX_NOT_ALLOWED = "⛔ {kind} không có thời hạn riêng cho vụ việc phức tạp ở bước {label}."
ACCEPT_FIRST = (
    "⛔ <code>{code}</code> chưa được thụ lý. Bấm «Thụ lý» trên thẻ trước, rồi mới xác định "
    "vụ việc phức tạp."
)
ALREADY_COMPLEX = "<code>{code}</code> đã được xác định là vụ việc phức tạp (hạn {label}: {due})."
TRANSFER_NEW_DUE = "\nHạn {label} tại {ward}: <b>{due}</b> ({period} kể từ ngày chuyển đến)."
IDENTITY_FOR_ADMIN = "🔐 <b>Thông tin người gửi</b> (chỉ quản trị viên xem): {identity}"

# Refusals
GROUP_ONLY = "Lệnh này chỉ dùng trong nhóm cán bộ phường/xã đã được gắn với bot."
PRIVATE_ONLY = "Lệnh này chỉ dùng khi nhắn riêng với bot."
ADMINS_ONLY = "Xin lỗi, chỉ quản trị viên mới dùng được lệnh này."
GROUP_NOT_BOUND = (
    "Nhóm này chưa được gắn với phường/xã nào. Quản trị viên gõ /bind_ward tên phường."
)
NOT_THIS_GROUP = "Yêu cầu này không thuộc phường/xã của nhóm này."
STALE_BUTTON = "Nút này không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất."
NOT_YOUR_TICKET = "Yêu cầu này không phải của bạn."
INTERNAL_ERROR = (
    "Xin lỗi, hệ thống gặp sự cố khi xử lý tin nhắn của bạn. Tin nhắn đã được lưu lại; "
    "vui lòng thử lại sau ít phút hoặc gõ /start."
)
DESCRIPTION_PREFILLED = "Nội dung của bạn:\n<i>{text}</i>\n\nGửi thêm chi tiết, ảnh, vị trí nếu có, hoặc bấm «Tiếp tục»."
