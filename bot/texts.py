"""User-facing texts of the core flow, in one catalog (Vietnamese, HTML where marked).

The officers' group has its own (bot/officer_texts.py); the FAQ's and hot issues' texts sit
beside their code (bot/faq/texts.py, bot/hot/texts.py), as do bulletins'
(bot/bulletin_texts.py); handlers hold none.
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
DRAFT_IN_PROGRESS = (
    "Bạn đang soạn dở một yêu cầu: vui lòng gửi hoặc hủy (/cancel) yêu cầu đó trước."
)
REOPEN_REASON_EXPIRED = (
    "Bot chưa nhận được lý do bạn chưa hài lòng nên yêu cầu <code>{code}</code> chưa được mở "
    "lại. Nếu vẫn chưa hài lòng, bạn bấm lại «👎 Chưa hài lòng» và gửi lý do."
)
UNKNOWN_COMMAND = "Bot chưa hiểu lệnh {command}. Gõ /help để xem các lệnh bạn có thể dùng."
EDIT_NOT_TAKEN = (
    "Bot không nhận được phần sửa của tin nhắn đã gửi. Nếu cần sửa hoặc bổ sung, "
    "vui lòng gửi một tin nhắn mới."
)
TEXT_TOO_LONG = "Tin nhắn quá dài (tối đa {limit} ký tự). Vui lòng chia nhỏ và gửi lại."
EMPTY_TEXT = "Tin nhắn trống. Vui lòng nhập nội dung."

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
