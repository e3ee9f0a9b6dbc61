"""User-facing texts of the law-dissemination FAQ and its administration (Vietnamese, HTML)."""

from __future__ import annotations

# Law-dissemination FAQ
FAQ_ANSWER = (
    "❓ <b>{question}</b>\n\n{answer}\n\n<i>Căn cứ: {basis}</i>\n"
    "<i>Cập nhật: {reviewed}</i>{changed}{unverified}\n\n<i>{disclaimer}</i>"
)
FAQ_CHANGED = "\n<i>⚠️ Quy định liên quan thay đổi từ {date}.</i>"
FAQ_UNVERIFIED = (
    "\n<i>⚠️ Một số thông tin đang được kiểm tra lại; vui lòng xác nhận với UBND phường/xã.</i>"
)
FAQ_HELPFUL = "👍 Hữu ích"
FAQ_WRONG = "👎 Chưa đúng"
FAQ_ASK_OFFICER = "🙋 Hỏi cán bộ phường"
FAQ_SUGGEST = "Bạn muốn hỏi điều nào dưới đây?"
FAQ_NOT_THESE = "Không phải, hỏi cán bộ phường"
FAQ_NONE = (
    "Xin lỗi, bot chưa có câu trả lời cho câu hỏi này. Bạn có muốn gửi câu hỏi tới cán bộ "
    "phường/xã không? Cán bộ sẽ trả lời qua đây."
)
FAQ_NONE_REPORT = (
    "Nội dung này giống một phản ánh về sự việc ở địa phương. Bạn có muốn gửi phản ánh "
    "tới UBND phường/xã để được xử lý không?"
)
FAQ_SEND_QUESTION = "📨 Gửi câu hỏi cho cán bộ"
FAQ_FILE_REPORT = "📝 Gửi phản ánh"
FAQ_THANKS = "Cảm ơn bạn đã phản hồi!"
FAQ_SORRY = "Cảm ơn bạn đã báo. Bạn có thể gửi câu hỏi cho cán bộ phường/xã để được trả lời cụ thể."
FAQ_TOPICS = "⚖️ <b>Hỏi đáp pháp luật</b>\nChọn chủ đề, hoặc gõ câu hỏi của bạn bất cứ lúc nào."
FAQ_TOPIC = "⚖️ <b>{title}</b>\nChọn câu hỏi:"
FAQ_BACK = "⬅️ Các chủ đề"
FAQ_STALE = "Nội dung hỏi đáp vừa được cập nhật; vui lòng mở lại mục Hỏi đáp pháp luật."

# FAQ administration
FAQ_RELOADED = (
    "✅ Đã nạp lại hỏi đáp từ thư mục nội dung: phiên bản v{version} ({entries} mục).\n{diff}"
)
FAQ_DIFF = "Thêm: {added} · Sửa: {changed} · Xóa: {removed}"
FAQ_DIFF_IDS = "\n{label}: {ids}"
FAQ_INVALID = "❌ Nội dung hỏi đáp chưa hợp lệ, chưa thay đổi gì:\n{errors}"
FAQ_PREVIEW = (
    "📋 <b>Xem trước</b> tệp {name}:\n{diff}\n\nBấm «Áp dụng» để xuất bản thành phiên bản mới."
)
FAQ_APPLY = "✅ Áp dụng"
FAQ_DISCARD = "❌ Bỏ qua"
FAQ_APPLIED = "✅ Đã xuất bản phiên bản v{version} ({entries} mục)."
FAQ_DISCARDED = "Đã bỏ tệp tải lên; hỏi đáp không thay đổi."
FAQ_NOTHING_HELD = "Không có tệp nào đang chờ áp dụng."
FAQ_PREVIEW_STALE = (
    "Bản xem trước này đã cũ: FAQ đã thay đổi hoặc có tệp khác được gửi sau đó, nên không có gì "
    "được áp dụng. Vui lòng gửi lại tệp để xem trước lần nữa."
)
FAQ_UPLOAD_TYPES = (
    "Chỉ nhận tệp .yaml (một chủ đề) hoặc .xlsx "
    "(cột: id, topic, question, alternates, answer, legal_basis, reviewed)."
)
FAQ_UPLOAD_TOO_BIG = "Tệp quá lớn (tối đa {limit} KB)."
FAQ_HISTORY = "<b>Các phiên bản hỏi đáp</b> (mới nhất trước):"
FAQ_HISTORY_LINE = "{mark} v{id} · {at} · {entries} mục · {source}"
FAQ_ROLLBACK_USAGE = "Cách dùng: /faq_rollback SỐ_PHIÊN_BẢN (xem /faq_history)."
FAQ_NO_VERSION = "Không có phiên bản v{version}."
FAQ_ROLLED_BACK = "↩️ Đã khôi phục nội dung v{old} thành phiên bản mới v{version}."
FAQ_DRAFT_OFFER = (
    "💡 Cán bộ vừa trả lời câu hỏi <code>{code}</code>. "
    "Tạo bản nháp mục hỏi đáp từ câu trả lời này?"
)
FAQ_DRAFT_BUTTON = "📝 Tạo bản nháp hỏi đáp"
FAQ_DRAFT_CREATED = (
    "📝 Bản nháp #{id} (chưa xuất bản). Sửa, bổ sung căn cứ pháp lý rồi gửi lại tệp .yaml "
    "để xuất bản:\n<pre>{yaml}</pre>"
)
FAQ_DRAFT_EXISTS = (
    "📝 Câu trả lời này đã có bản nháp #{id} (chưa xuất bản). Sửa, bổ sung căn cứ pháp lý rồi "
    "gửi lại tệp .yaml để xuất bản:\n<pre>{yaml}</pre>"
)

# What is wrong with a FAQ file (plain text: escaped where shown in HTML). Read by admins in the
# chat and by `danvan faq check`; the field names stay as written in the files.
BAD_NO_FILES = "thư mục không có tệp hỏi đáp nào (*.yaml)"
BAD_UNREADABLE = "không đọc được tệp: {reason}"
BAD_NOT_UTF8 = "tệp không phải văn bản UTF-8"
BAD_YAML = "lỗi cú pháp YAML: {problem}"
BAD_ALIASES = "không dùng neo và bí danh YAML (& và *): hãy viết đầy đủ từng mục"
BAD_TOP = "tệp cần có các trường topic, title và entries"
BAD_TOPIC = "trường 'topic' phải là mã không dấu, ví dụ cu-tru"
BAD_TITLE = "thiếu trường 'title'"
BAD_ENTRIES = "trường 'entries' phải là danh sách có ít nhất một mục"
BAD_ENTRY = "mỗi mục phải gồm các trường id, question, answer…"
BAD_ENTRY_LABEL = "mục {id}"
BAD_UNKNOWN_FIELD = "không có trường '{field}'"
BAD_ID = "id phải có dạng '{topic}/<mã-không-dấu>' (a-z, 0-9, dấu gạch ngang; tối đa 40 ký tự)"
BAD_ANSWER_LONG = "câu trả lời dài {length} ký tự; một tin nhắn chỉ chứa được {limit}"
BAD_MISSING = "thiếu hoặc để trống trường '{field}'"
BAD_LIST = "trường '{field}' phải là danh sách các dòng chữ"
BAD_EMPTY_LIST = "trường '{field}' không được để trống"
BAD_DATE = "trường '{field}' phải là ngày dạng 2026-11-22"
BAD_DUPLICATE = "id '{id}' bị trùng"
BAD_DISCLAIMER = "cần có dòng 'disclaimer: <nội dung>'"
BAD_FILE_TYPE = "chỉ nhận tệp .yaml và .xlsx"
BAD_SHEET = "không đọc được bảng tính (tệp hỏng hoặc không phải .xlsx): {reason}"
BAD_SHEET_EMPTY = "bảng tính trống"
BAD_COLUMNS = "thiếu cột {missing} (cần đủ các cột {needed})"
BAD_NO_ENTRIES = "tệp không có mục hỏi đáp nào"
