"""User-facing texts of the officers' group: cards, actions, replies and legal clocks
(Vietnamese, HTML where marked)."""

from __future__ import annotations

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
COMMAND_NOT_RELAYED = (
    "⚠️ Tin nhắn bắt đầu bằng «/» được hiểu là lệnh, mà bot không có lệnh này, nên chưa gửi cho "
    "công dân ({code}). Muốn trả lời công dân, vui lòng viết không có «/» ở đầu."
)
NOTE_SAVED = "📝 Đã lưu ghi chú nội bộ cho {code} (không gửi cho công dân)."
CITIZEN = "Công dân"  # who adds to a ticket: its own citizen,
FOLLOWER = "Người theo dõi"  # or someone following it
CITIZEN_FOLLOW_UP = "💬 <b>{who} bổ sung</b> cho <code>{code}</code>:\n\n{text}"
CITIZEN_FOLLOW_UP_MEDIA = "💬 {who} gửi thêm tệp cho <code>{code}</code>:"
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
