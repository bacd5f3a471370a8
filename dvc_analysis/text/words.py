"""The one vi/en message catalogue: shared words by key, and `tr` for a sentence pair in place."""

from __future__ import annotations

LANGS = ("vi", "en")

# Words and phrases several modules use. Add a key here rather than a second copy elsewhere.
WORDS: dict[str, tuple[str, str]] = {
    "unnamed_province": ("tỉnh không nêu tên", "unnamed province"),
    "no_data": ("Không có số liệu cho hình này.", "No data for this figure."),
    "source": ("Nguồn", "Source"),
    "sources": ("Nguồn", "Sources"),
    "see_table_1": ("xem Bảng 1", "see Table 1"),
    "figures": ("hình", "figures"),
    "tables": ("bảng", "tables"),
    "observations": ("số liệu", "observations"),
    "indicators": ("chỉ tiêu", "indicators"),
    # bounds, severities and units, as sentences and tables write them
    "qualifier_over": ("trên", "over"),
    "qualifier_under": ("dưới", "under"),
    "qualifier_about": ("khoảng", "about"),
    "severity_error": ("lỗi", "error"),
    "severity_warning": ("cảnh báo", "warning"),
    "severity_info": ("lưu ý", "note"),
    "unit_percent": ("%", "%"),
    "unit_count": ("số đếm", "count"),
    "unit_rank": ("thứ hạng", "rank"),
    "unit_score": ("điểm", "score"),
    "unit_money_vnd": ("đồng", "VND"),
    # figures
    "stated": ("tỷ lệ nêu trong nguồn, không có tử số/mẫu số", "rate as stated, no counts"),
    "counts": ("tính từ tử số/mẫu số, khoảng tin cậy Wilson 95%",
               "from counts, Wilson 95% interval"),
    "over": ("giá trị là cận dưới (\u201ctrên\u201d, \u201chơn\u201d)",
             "value is a lower bound (\u201cover\u201d)"),
    "under": ("giá trị là cận trên (\u201cdưới\u201d)", "value is an upper bound (\u201cunder\u201d)"),
    "province_target": ("mục tiêu riêng của tỉnh", "the province's own target"),
    "reached": ("đã đạt", "reached"),
    "to_go": ("còn thiếu", "to go"),
    "per_year": ("/năm", "/year"),
    "observed": ("giá trị quan sát", "observed"),
    "not_on_map": ("không đặt được lên bản đồ", "cannot be placed on the map"),
    "share_of_total": ("% của tổng", "% of total"),
    "kept": ("còn lại", "kept"),
    "lost": ("mất", "lost"),
    "mentions": ("số lần nêu", "mentions"),
    "warnings": ("Lưu ý so sánh", "Comparability notes"),
    "none_mapped": ("Không tỉnh nào có đủ số liệu để tô màu trên bản đồ này.",
                    "No province has enough data to be coloured on this map."),
    "no_data_short": ("không có số liệu", "no data"),
    "estimated": ("ngày ước tính", "date estimated"),
    "target": ("Mục tiêu", "Target"),
    "partial_merge": ("chỉ một phần tỉnh cũ báo cáo", "only some former provinces report"),
    "hoang_sa": ("QĐ. Hoàng Sa\n(Đà Nẵng)", "Hoang Sa Is.\n(Da Nang)"),
    "truong_sa": ("QĐ. Trường Sa\n(Khánh Hòa)", "Truong Sa Is.\n(Khanh Hoa)"),
}


def tr(lang: str, vi: str, en: str) -> str:
    """Pick the Vietnamese or the English text of a pair written side by side.

    Examples
    --------
    >>> tr("en", "hình", "figure")
    'figure'
    """
    return en if lang == "en" else vi


def word(key: str, lang: str = "vi") -> str:
    """A catalogue word in ``lang`` ("vi" or "en").

    Examples
    --------
    >>> word("unnamed_province", "en")
    'unnamed province'
    """
    vi, en = WORDS[key]
    return tr(lang, vi, en)
