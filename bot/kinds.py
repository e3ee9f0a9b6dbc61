"""Ticket kinds, as the law distinguishes them."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a citizen sends; each kind has its own legal clock."""

    FEEDBACK = "phan_anh"  # phản ánh, kiến nghị
    COMPLAINT = "khieu_nai"  # khiếu nại
    DENUNCIATION = "to_cao"  # tố cáo
    MEDIATION = "hoa_giai"  # đề nghị hòa giải
    QUESTION = "cau_hoi"  # câu hỏi

    @property
    def label(self) -> str:
        """Return the Vietnamese name shown to people."""
        return _LABELS[self]

    @property
    def needs_identity(self) -> bool:
        """Tell whether the law asks for full name, address and contact."""
        return self in (Kind.COMPLAINT, Kind.DENUNCIATION)


_LABELS = {
    Kind.FEEDBACK: "Phản ánh, kiến nghị",
    Kind.COMPLAINT: "Khiếu nại",
    Kind.DENUNCIATION: "Tố cáo",
    Kind.MEDIATION: "Đề nghị hòa giải",
    Kind.QUESTION: "Câu hỏi",
}
