"""The one vi/en message catalogue: shared words by key, `tr` for a sentence pair in place, and
the words for component codes, reporting-unit names and target documents."""

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


# ---------------------------------------------------------------------------------------------
# the part of a total an observation counts (its `component` code), unit names, target documents

COMPONENTS = {
    "toan_trinh": ("toàn trình", "fully online"),
    "mot_phan": ("một phần", "partly online"),
    "muc_do_1_2": ("mức độ 1, 2", "levels 1–2"),
    "muc_do_3": ("mức độ 3", "level 3"),
    "muc_do_4": ("mức độ 4", "level 4"),
    "muc_do_3_4": ("mức độ 3, 4", "levels 3–4"),
    "cap_tinh": ("cấp tỉnh", "provincial"),
    "cap_huyen": ("cấp huyện", "district"),
    "cap_xa": ("cấp xã", "commune"),
    "bo_phan_mot_cua_huyen": ("bộ phận một cửa huyện", "district one-stop desk"),
    "co_quan_huyen": ("cơ quan cấp huyện", "district agencies"),
    "thanh_toan_truc_tuyen": ("thanh toán trực tuyến", "paid online"),
    "thanh_toan_truc_tiep_khac": ("trực tiếp, hình thức khác", "in person, other"),
    "da_giai_quyet": ("đã giải quyết", "resolved"),
    "dang_giai_quyet": ("đang giải quyết", "in progress"),
    "dung_han": ("đúng hạn", "on time"),
    "truoc_han": ("trước hạn", "early"),
    "tiep_nhan_moi": ("tiếp nhận mới", "newly received"),
    "ton_ky_truoc": ("tồn kỳ trước", "carried over"),
    "lien_thong_de_nghi": ("liên thông theo đề nghị", "joint procedures on request"),
    "thap_nhat": ("đơn vị thấp nhất", "lowest unit"),
    "cao_nhat": ("đơn vị cao nhất", "highest unit"),
}


def component_label(code: str, lang: str = "vi") -> str:
    """The component in words; a component written in words already (e.g. a field name such
    as "Tư pháp - Hộ tịch") is returned as it is.

    Examples
    --------
    >>> component_label("dung_han"), component_label("muc_do_1_2", "en")
    ('đúng hạn', 'levels 1–2')
    """
    pair = COMPONENTS.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


# reporting units named in the bundled sources, in English; other names go by the rules below
UNIT_NAMES_EN = {
    "cấp tỉnh (sở, ngành qua Trung tâm Phục vụ HCC tỉnh)":
        "provincial tier (departments, through the provincial public administration service centre)",
    "cấp huyện (9 huyện, thành phố)": "district tier (9 districts and the city)",
    "Ban Quản lý các KCN": "Industrial Zones Authority",
    "Sở Công Thương": "Department of Industry and Trade",
    "một số sở, ban ngành": "some departments and agencies",
}
_TIER_WORDS = (("huyện ", " district"), ("xã ", " commune"), ("thành phố ", " city"),
               ("thị xã ", " town"), ("phường ", " ward"))


def unit_name(name: str, lang: str = "vi") -> str:
    """A reporting unit's name in the language: Vietnamese as recorded, English from
    :data:`UNIT_NAMES_EN` or by moving the tier word ("huyện Phù Yên" -> "Phù Yên district");
    other names (proper names of agencies) stay as written.

    Examples
    --------
    >>> unit_name("huyện Phù Yên", "en")
    'Phù Yên district'
    """
    if lang != "en" or not name:
        return name
    if name in UNIT_NAMES_EN:
        return UNIT_NAMES_EN[name]
    for vi, en in _TIER_WORDS:
        if name.lower().startswith(vi) and len(name) > len(vi):
            return name[len(vi):] + en
    return name


# target documents as the data name them -> English; Vietnamese numbers of legal documents
# (03/NQ-CP, 942/QĐ-TTg) are names and stay
_DOC_RULES_EN = (
    (r"^Nghị quyết\s+", "Resolution "),
    (r"^Quyết định\s+", "Decision "),
    (r"^Nghị định\s+", "Decree "),
    (r"^Chỉ thị\s+", "Directive "),
    (r"^Công văn\s+", "Official letter "),
    (r",\s*Phụ lục\s+", ", Annex "),
    (r"^Kế hoạch năm (\d{4}) của Ủy ban Quốc gia về chuyển đổi số",
     r"\1 plan of the National Committee on Digital Transformation"),
    (r"^Chỉ tiêu năm (\d{4}) Chính phủ giao", r"\1 target set by the Government"),
    (r"^Mục tiêu năm (\d{4}) của tỉnh ([^,(]+?)(\s*\(|,|$)", r"\2 province's target for \1\3"),
    (r"\(Tỉnh ủy, UBND tỉnh\)", "(provincial Party Committee and People's Committee)"),
    (r"\(văn bản chưa xác định\)", "(document not identified)"),
    (r",\s*theo nguồn\s+(\d{3})", r", per source \1"),
)


def document_label(document: str, lang: str = "vi") -> str:
    """A target's document in the language: as recorded in Vietnamese; in English, the kind of
    document and the descriptive words translated, its number kept.

    Examples
    --------
    >>> document_label("Nghị quyết 03/NQ-CP (2025), Phụ lục I", "en")
    'Resolution 03/NQ-CP (2025), Annex I'
    >>> document_label("Mục tiêu năm 2022 của tỉnh Thái Nguyên, theo nguồn 004", "en")
    "Thai Nguyen province's target for 2022, per source 004"
    """
    import re

    if lang != "en" or not document:
        return document
    text = document
    for pattern, repl in _DOC_RULES_EN:
        text = re.sub(pattern, repl, text)
    # province names in English text are written without diacritics, as elsewhere in English
    return re.sub(r"^(.+?) province's", lambda m: _fold(m.group(1)) + " province's", text)


def _fold(text: str) -> str:
    import unicodedata

    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
