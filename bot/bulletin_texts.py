"""User-facing texts of bulletins, subscriptions and reception schedules (Vietnamese, HTML)."""

from __future__ import annotations

# Menu
MENU_SUBSCRIBE = "📰 Nhận bản tin"
MENU_SCHEDULE = "🗓 Lịch tiếp công dân"

# Subscriptions
SUBS_OVERVIEW = (
    "📰 <b>Bản tin phổ biến pháp luật</b>\n"
    "Phường/xã và tỉnh/thành gửi bản tin về chính sách, pháp luật mới, lịch tiếp dân và "
    "đối thoại. Chọn phường/xã và chủ đề bạn muốn nhận.\n\n{current}"
)
SUBS_NONE = "Bạn chưa đăng ký nhận bản tin nào."
SUBS_CURRENT = "Bạn đang nhận:\n{lines}"
SUBS_WARD_LINE = "• {name}"
SUBS_TOPIC_LINE = "• Chủ đề: {title}"
SUBS_BY_WARD = "🏘 Theo phường/xã"
SUBS_BY_TOPIC = "⚖️ Theo chủ đề pháp luật"
SUBS_STOP_ALL = "🔕 Ngừng nhận tất cả"
SUBS_BACK = "⬅️ Quay lại"
SUBS_PREV = "◀️ Trước"
SUBS_NEXT = "Sau ▶️"
SUBS_PICK_WARD = (
    "🏘 Chọn phường/xã để bật ✅ hoặc tắt (trang {page}/{pages}).\n"
    "Có thể gõ nhanh: /subscribe Tên phường"
)
SUBS_PICK_TOPIC = "⚖️ Chọn chủ đề để bật ✅ hoặc tắt:"
SUBS_ON = "✅ Đã đăng ký: {name}"
SUBS_OFF = "Đã hủy đăng ký: {name}"
SUBS_STOPPED = (
    "🔕 Bạn đã ngừng nhận mọi bản tin. Muốn nhận lại, bấm «Nhận bản tin» trong menu "
    "hoặc gõ /subscribe."
)
SUBS_NOTHING = "Bạn chưa đăng ký nhận bản tin nào. Gõ /subscribe để đăng ký."
SUBS_WARD_UNKNOWN = "Chưa tìm thấy phường/xã «{text}». Vui lòng gõ lại hoặc chọn trong danh sách."
SUBS_WARD_CHOOSE = "Bạn muốn nhận bản tin của phường/xã nào?"
SUBS_AGAIN = "⚙️ Chọn bản tin"
BULLETIN_STOP = "🔕 Ngừng nhận bản tin"

# Composing (admins)
COMPOSE_TARGET = "📢 <b>Soạn bản tin</b>\nBản tin gửi tới ai? (/cancel để hủy)"
COMPOSE_BY_WARD = "🏘 Một phường/xã"
COMPOSE_BY_PROVINCE = "🏙 Cả tỉnh/thành phố"
COMPOSE_BY_TOPIC = "⚖️ Một chủ đề pháp luật"
COMPOSE_ASK_WARD = "Gõ tên phường/xã (có dấu hoặc không dấu):"
COMPOSE_WARD_CHOOSE = "Có phải một trong các phường/xã sau?"
COMPOSE_WARD_UNKNOWN = "Chưa tìm thấy phường/xã «{text}». Vui lòng gõ lại."
COMPOSE_PICK_PROVINCE = "Chọn tỉnh/thành phố:"
COMPOSE_PICK_TOPIC = "Chọn chủ đề pháp luật (gửi tới người đăng ký chủ đề đó):"
COMPOSE_ASK_CONTENT = (
    "Gửi tới: <b>{label}</b>.\nGửi nội dung bản tin: một tin nhắn văn bản (tối đa {text} ký tự), "
    "hoặc một ảnh kèm chú thích (tối đa {caption} ký tự)."
)
COMPOSE_NEED_TEXT = "Bản tin cần có nội dung chữ (với ảnh: viết vào phần chú thích)."
COMPOSE_ONLY_PHOTO = "Bản tin chỉ nhận văn bản hoặc một ảnh kèm chú thích."
COMPOSE_TOO_LONG = (
    "Nội dung dài {length} ký tự, quá giới hạn {limit}. Vui lòng rút gọn rồi gửi lại."
)
COMPOSE_ASK_LINK = "Thêm đường link? Gửi link (bắt đầu bằng http:// hoặc https://) hoặc bấm nút."
COMPOSE_NO_LINK = "Không có link"
COMPOSE_BAD_LINK = "Link cần bắt đầu bằng http:// hoặc https:// và không có dấu cách."
COMPOSE_PREVIEW = (
    "👆 <b>Xem trước</b> bản tin như người nhận sẽ thấy.\n"
    "Gửi tới: <b>{label}</b>\nSố người nhận hiện tại: <b>{count}</b>"
)
COMPOSE_SEND = "✅ Gửi bản tin"
COMPOSE_DISCARD = "❌ Hủy"
COMPOSE_DISCARDED = "Đã hủy bản tin; chưa gửi cho ai."
COMPOSE_NOBODY = "Chưa có ai đăng ký nhận tin {label}; bản tin chưa được gửi."
COMPOSE_EXPECT_BUTTON = "Vui lòng bấm một nút ở tin nhắn trên (hoặc /cancel để hủy)."
COMPOSE_STARTED = "Đang gửi"

# The bulletin itself
BULLETIN_HEADER = "📢 <b>Bản tin phổ biến pháp luật</b> · {label}"
BULLETIN_LINK = "🔗 Xem thêm: {link}"
TARGET_PROVINCE = "toàn {province}"
TARGET_TOPIC = "chủ đề {title}"

# Progress (admins)
PROGRESS = (
    "⏳ <b>Bản tin #{id}</b> · {label}\n"
    "Đã xử lý {done}/{total} ({percent}%): gửi được {sent}, không gửi được {failed}, "
    "đã chặn bot {blocked}."
)
PROGRESS_DONE = (
    "✅ <b>Bản tin #{id}</b> · {label}: đã gửi xong.\n"
    "Gửi được: {sent}\nKhông gửi được: {failed}\nĐã chặn bot (đã hủy đăng ký): {blocked}\n"
    "Thời gian gửi: {duration}"
)

# Reception schedule
SCHEDULE_TITLE = "🗓 <b>Lịch tiếp công dân · {ward}</b>"
SCHEDULE_UPDATED = "<i>Cập nhật {date}</i>"
SCHEDULE_SESSIONS = "<b>Đối thoại sắp tới</b>"
SCHEDULE_SESSION_LINE = "• {when} · {place}: {subject}"
SCHEDULE_NONE = (
    "{ward} chưa công bố lịch tiếp công dân trên bot. Bạn có thể hỏi trực tiếp tại "
    "Bộ phận tiếp công dân của UBND trong giờ hành chính."
)
SCHEDULE_PICK = "🗓 Xem lịch tiếp công dân của phường/xã nào?"
SCHEDULE_NO_WARDS = (
    "Chưa phường/xã nào công bố lịch tiếp công dân trên bot. Bạn có thể gõ, ví dụ: "
    "«lịch tiếp dân phường Ba Đình»."
)
SCHEDULE_TYPE_HINT = "Hoặc gõ: «lịch tiếp dân phường …»"
SCHEDULE_SET_USAGE = (
    "Cách dùng (mỗi lệnh một tin nhắn):\n"
    "<code>/schedule_set Tên phường\nNội dung lịch tiếp công dân…</code>\n"
    "Gõ «xóa» thay cho nội dung để gỡ lịch."
)
SESSIONS_SET_USAGE = (
    "Cách dùng (mỗi buổi một dòng):\n"
    "<code>/sessions_set Tên phường\n20/07/2026 08:00 | Địa điểm | Nội dung đối thoại</code>\n"
    "Danh sách mới thay danh sách cũ; gõ «xóa» để gỡ hết."
)
SCHEDULE_WARD_UNKNOWN = "Chưa xác định được phường/xã «{text}». Vui lòng ghi đúng tên ở dòng đầu."
SCHEDULE_INVALID = "❌ Chưa lưu gì. Vui lòng sửa:\n{errors}"
SESSION_BAD_LINE = "Dòng {line}: cần «ngày giờ | địa điểm | nội dung», ví dụ 20/07/2026 08:00 | …"
SESSION_BAD_TIME = "Dòng {line}: «{text}» không phải ngày giờ dạng 20/07/2026 08:00."
SESSION_PAST = "Dòng {line}: {text} đã qua."
SESSIONS_TOO_MANY = "Tối đa {limit} buổi đối thoại mỗi phường/xã."
SCHEDULE_SAVED = "✅ Đã công bố. Công dân sẽ thấy:"
SCHEDULE_REMOVED = "✅ Đã gỡ lịch tiếp công dân của {ward}."
SESSIONS_REMOVED = "✅ Đã gỡ các buổi đối thoại của {ward}."
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
