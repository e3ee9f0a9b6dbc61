"""User-facing texts of hot issues: similar reports, followers, merges (Vietnamese, HTML)."""

from __future__ import annotations

# Hot issues (nắm tình hình nhân dân): similar reports, followers, merges
SIMILAR_FOUND = (
    "🔎 Phường đã nhận phản ánh giống nội dung của bạn:\n{lines}\n\n"
    "Bạn có thể <b>theo dõi</b> yêu cầu đó (nhận mọi thông báo và câu trả lời của phường) "
    "thay vì gửi trùng, hoặc vẫn gửi yêu cầu mới."
)
SIMILAR_LINE = "• <code>{code}</code> · {status} · <i>{excerpt}</i>"
BTN_FOLLOW = "👁 Theo dõi {code}"
BTN_SEND_NEW = "📝 Vẫn gửi yêu cầu mới"
FOLLOWING = (
    "👁 Bạn đang theo dõi yêu cầu <code>{code}</code> ({status}). Bạn sẽ nhận mọi thông báo và "
    "câu trả lời của phường về yêu cầu này; trả lời tin nhắn này để bổ sung thông tin. "
    "Gõ /status để xem các yêu cầu của bạn."
)
FOLLOWED_TICKETS = "\n<b>Yêu cầu bạn theo dõi</b>:"
FOLLOWER_VIEW = "👁 Bạn đang theo dõi yêu cầu này."
RESOLVED_FOLLOWER = "✅ Yêu cầu <code>{code}</code> mà bạn theo dõi đã được giải quyết."
REOPENED_FOLLOWER = (
    "🔁 Yêu cầu <code>{code}</code> mà bạn theo dõi được mở lại vì người gửi chưa hài lòng."
)
DELIVERED_FOLLOWERS = "✅ Đã gửi tới công dân và {count} người theo dõi ({code})."
HOT_ALERT = (
    "🔥 <b>Vấn đề nóng</b> ở {ward}: <b>{count}</b> phản ánh tương tự{followers}.\n"
    "{lines}{more}\n\n"
    "<i>Nếu là cùng một sự việc, gộp lại để trả lời mọi người một lần: "
    "/merge MÃ_GIỮ MÃ_GỘP…</i>"
)
HOT_LINE = "• <code>{code}</code> · {day} · {status} · <i>{excerpt}</i>"
MOVED = "đã chuyển nhóm khác"
HOT_MORE = "\n… và {count} yêu cầu khác."
HOT_FOLLOWERS = " (thêm {count} người dân theo dõi)"
HOT_GREW = (
    "🔥 Vấn đề nóng ở {ward} nay đã có <b>{count}</b> phản ánh tương tự (xem tin báo ở trên)."
)
BTN_MERGE_ALL = "🔗 Gộp tất cả vào {code}"
MERGE_USAGE = (
    "Cách dùng: /merge MÃ_GIỮ MÃ_GỘP [MÃ_GỘP…] (ví dụ: /merge K7MX-3QPA B2CD-4EFG): "
    "các yêu cầu trùng được gộp vào yêu cầu MÃ_GIỮ, và người gửi chúng sẽ nhận câu trả lời của nó."
)
MERGE_DONE = (
    "🔗 Đã gộp {codes} vào <code>{code}</code>. Câu trả lời cho <code>{code}</code> sẽ tới "
    "cả {people} người dân."
)
MERGE_REFUSED = "Không gộp được <code>{code}</code>: {reason}."
MERGE_NOT_HERE = "không có yêu cầu này trong nhóm"
MERGE_CLOSED = "yêu cầu đã kết thúc"
MERGE_OTHER_KIND = "khác loại với yêu cầu giữ lại"
MERGE_KIND = "chỉ gộp được phản ánh, kiến nghị và câu hỏi"
MERGE_SAME = "đó là yêu cầu giữ lại"
MERGE_NOTHING = "Không còn yêu cầu nào để gộp."
MERGED_CITIZEN = (
    "🔗 Yêu cầu <code>{code}</code> của bạn cùng sự việc với yêu cầu <code>{into}</code> nên "
    "đã được gộp vào đó. Bạn sẽ nhận mọi thông báo và câu trả lời của phường về "
    "<code>{into}</code>."
)
MERGED_LAST_ANSWER = "💬 <b>{ward} đã trả lời</b> về yêu cầu <code>{code}</code>:\n\n{text}"
