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
