"""The words that tell places and problems apart in citizens' reports (folded, as bot.faq.intent
`words` returns them: no diacritics, abbreviations expanded, i for final y)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """Return the words of a list written as text (easier to read and edit than a literal)."""
    return frozenset(text.split())


# fmt: off
# Words nearly every report uses. They still pair with a neighbour ("ngo" in "ngo 12"), but do
# not count alone. Ambiguous ones stay out: den (đèn or đến), cong (cống or công), van (vẫn or
# the Văn of street names).
GENERIC = _words("""
bi da dang co khong cua va la thi rat qua roi nhung cac nhieu duoc voi mot nhu ma khi lai
cung chua nen vi nay o tai de nghi phuong xu li giup lam het ai gi nha ngay hom tuan may
sau truoc ngo pho duong khu to so dan nguoi tinh trang hien luon con di tu ra vao len xuong
cho bao gio lau lan phai muon kiem tra sua ve ay do kia day dem sang chieu toi ca gan canh
hay xin cam on ban ong ba chu anh chi oi kinh gui uy nhan mong som
""")

# Words that end a place name: a name is the run of words after a place word or a house
# number, up to three, stopping at one of these, a number, a problem or another place word.
# Units of time and counts are here so that "20 tiếng" is not house number 20, and words that
# often follow a place in a report ("tổ 19 thành bãi rác", "ngõ 5 vỉa hè bị lấn chiếm").
NOT_NAMES = _words("""
bi da dang khong cua va la thi rat qua roi nhung cac nhieu duoc voi mot nhu ma khi lai cung
chua nen vi nay o tai de nghi xu giup lam het ai gi may luon hien tu ra vao len xuong bao gio
lau phai muon kiem tra sua ve ay do kia day dem sang chieu toi hay xin cam on oi hong nhe nha
ngay hom tuan sau truoc co mat phuong kinh gui uy ban nhan cho trong vuc nguoi tre con dan
tieng phut thang nam lan ho xe cai chiec tang met m km tuoi via he boc mui hoi thoi nghieng
sap bai chat dong
""")
# fmt: on

# Words after which a place is named ("phố Đội Cấn", "gần Big C", "tập thể Ngọc Khánh").
PLACE_WORDS = frozenset(
    {"pho", "duong", "khu", "cau", "tt", "truong", "toa", "thon", "xom", "ap", "doan", "gan"}
    | {"canh", "truoc", "tai", "o", "sieuthi", "chungcu", "congvien", "cho_"}
)
# Kinds of place that carry a number: a report about ngõ 34 is not about ngõ 7.
PLACE_UNITS = frozenset({"ngo", "ngach", "hem", "kiet", "to", "so", "nha", "toa", "thon", "xom"})

# Rewritten before reading a report (padded with spaces): long names of numbered places to
# their short form ("tổ dân phố số 14" is "tổ 14"), and phrases that are about the writing,
# not the incident ("phản ánh", "thường xuyên": Thường of Lý Thường Kiệt is a name); place
# words of two syllables made one; "cho" after a place word is chợ (not "for").
REWRITES: tuple[tuple[str, str], ...] = (
    (" to dan pho so ", " to "),
    (" to dan pho ", " to "),
    (" to so ", " to "),
    (" so nha ", " so "),
    (" khu tap the ", " tt "),
    (" tap the ", " tt "),
    (" phan anh ", " "),
    (" kien nghi ", " "),
    (" thuong xuyen ", " "),
    (" sieu thi ", " sieuthi "),
    (" chung cu ", " chungcu "),
    (" cong vien ", " congvien "),
    (" truoc cho ", " truoc cho_ "),
    (" gan cho ", " gan cho_ "),
    (" canh cho ", " canh cho_ "),
    (" doan cho ", " doan cho_ "),
)

# Problems by the phrases that name them. A phrase right after "khong" does not count ("cống
# bốc mùi nhưng không ngập"); within a longer phrase, a shorter one does not count either
# ("đốt rác" is smoke, not rubbish). Smells and "hỏng" name no problem of their own: many have them.
PROBLEMS: dict[str, str] = {
    **dict.fromkeys(["ngap", "lut", "ung", "lenh lang"], "ngập"),
    **dict.fromkeys(
        ["den duong", "chieu sang", "bong den", "khong sang", "toi om", "om", "thui"], "đèn"
    ),
    **dict.fromkeys(["rac", "do trom", "phe thai", "thu gom", "xa rac"], "rác"),
    **dict.fromkeys(["karaoke", "on", "on ao", "loa", "hat", "nhac"], "ồn"),
    **dict.fromkeys(
        ["o ga", "o voi", "ho sau", "ho lon", "ho to", "ho tren", "sut lun", "lun", "bong troc"],
        "ổ gà",
    ),
    **dict.fromkeys(
        ["mat nuoc", "cat nuoc", "nuoc may", "nuoc sinh hoat", "khong co nuoc"], "mất nước"
    ),
    **dict.fromkeys(["vo ong", "ong nuoc", "duong ong"], "vỡ ống"),
    **dict.fromkeys(["mat dien", "cat dien", "cup dien"], "mất điện"),
    **dict.fromkeys(["dot", "dot rac", "khoi", "bui"], "khói"),
    **dict.fromkeys(["lan chiem", "chiem dung"], "lấn chiếm"),
    **dict.fromkeys(["xay dung", "khong phep", "trai phep", "cong trinh", "xay them"], "xây"),
    **dict.fromkeys(["cay"], "cây"),
    **dict.fromkeys(["tha rong", "ro mom", "cho du"], "chó"),
    **dict.fromkeys(["cong thoat", "thoat nuoc", "tac", "cong ngam", "nap cong"], "cống"),
    **dict.fromkeys(["dua xe"], "đua xe"),
    **dict.fromkeys(["do xe", "chan loi"], "đỗ xe"),
    **dict.fromkeys(["cot dien", "day dien"], "cột điện"),
    **dict.fromkeys(["nuoc thai"], "nước thải"),
    **dict.fromkeys(["trom"], "trộm"),
}
