"""The report's Vietnamese wording, in the shape ward reports are written (HTML for Telegram)."""

from __future__ import annotations

from bot.kinds import Kind

TITLE = "<b>BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN VÀ HỎI ĐÁP PHÁP LUẬT QUA DÂN VẬN BOT</b>"
HEADER = "Phạm vi: {scope}. Kỳ báo cáo: {period}{dates}; kết quả xử lý tính đến hết ngày {cut}."
DATES = " (từ ngày {first} đến ngày {last})"
SECTION_TICKETS = "<b>1. Tiếp nhận, xử lý đơn</b>"
NO_TICKETS = "Trong kỳ, Dân Vận Bot không tiếp nhận đơn nào."
RECEIVED = "Trong kỳ, qua Dân Vận Bot đã tiếp nhận {n} đơn, trong đó {kinds}."
OUTCOME = (
    "Đã giải quyết {resolved}/{n} đơn (đạt {pct}); trả lại, không thuộc thẩm quyền {declined} "
    "đơn; chuyển phường/xã khác hoặc cấp trên {transferred} đơn; đang xử lý {open} đơn."
)
TIMELINESS = (
    "Số đơn kết thúc xử lý đúng hạn {on_time}, quá hạn {late}; "
    "{overdue_open} đơn chưa xử lý xong đã quá hạn."
)
DELAYS = (
    "Thời gian trả lời công dân lần đầu trung bình {reply} ngày làm việc; "
    "thời gian giải quyết trung bình {resolve} ngày làm việc."
)
SATISFACTION = "Có {rated} công dân đánh giá kết quả, trong đó {satisfied} hài lòng ({pct})."
NO_RATINGS = "Chưa có công dân nào đánh giá kết quả giải quyết."
BY_WARD = "<b>Theo phường/xã:</b>"
BY_CATEGORY = "<b>Theo lĩnh vực:</b>"
GROUP_LINE = "• {name}: tiếp nhận {n}, đã giải quyết {resolved}/{n} ({pct}), quá hạn {late}"
MORE_GROUPS = "• … và {count} mục khác (xem tệp Excel)."
SECTION_REACH = "<b>2. Tuyên truyền, phổ biến pháp luật</b>"
FAQ_ANSWERED = "Mục hỏi đáp pháp luật đã trả lời {answered} lượt câu hỏi của {citizens} công dân."
FAQ_TOPICS = "Các chủ đề được hỏi nhiều nhất: {topics}."
FAQ_UNANSWERED = "Có {count} câu hỏi chưa có câu trả lời phù hợp"
FAQ_EXAMPLES = ", ví dụ: {examples}"
FAQ_SCOPE = "(Số liệu hỏi đáp là của toàn hệ thống: câu hỏi không gắn với phường/xã.)"
BULLETINS = "Đã gửi {sent} bản tin tuyên truyền tới {recipients} lượt người nhận."
NO_BULLETINS = "Trong kỳ chưa gửi bản tin tuyên truyền nào."
NOT_APPLICABLE = "—"

# The order and names ward reports use: "khiếu nại 5 đơn, tố cáo 03 đơn, phản ánh, kiến nghị …".
KIND_ORDER = (Kind.COMPLAINT, Kind.DENUNCIATION, Kind.FEEDBACK, Kind.MEDIATION, Kind.QUESTION)
KIND_NAMES = {
    Kind.COMPLAINT: "khiếu nại",
    Kind.DENUNCIATION: "tố cáo",
    Kind.FEEDBACK: "phản ánh, kiến nghị",
    Kind.MEDIATION: "đề nghị hòa giải",
    Kind.QUESTION: "câu hỏi",
}

# Chat
CAPTION_CHART = "Tiếp nhận và đã giải quyết theo tháng, {period} ({scope})"
CAPTION_WORKBOOK = "Số liệu chi tiết: tổng hợp, theo phường/xã, theo lĩnh vực, danh sách đơn."
USAGE = (
    "Cách dùng: /report [kỳ]. Ví dụ: /report quý (quý này đến hôm nay), /report quý trước, "
    "/report quý 3 2026, /report 6 tháng, /report 9 tháng 2025, /report năm, /report năm trước, "
    "/report tháng 5, /report 01/01/2026 31/03/2026."
)
UNBOUND_GROUP = (
    "Nhóm này chưa được gắn với phường/xã hay loại đơn nào, nên chưa có số liệu để báo cáo."
)
TOO_MANY_ROWS = "… còn {count} đơn nữa: dùng lệnh danvan report --format xlsx để có đủ danh sách."
