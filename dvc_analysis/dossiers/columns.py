"""Recognise dossier-export columns and coded values by name, ignoring case, diacritics and spacing.

A column header is matched through `header_key` (folded, letters and digits only), so
``maHoSo``, ``Mã hồ sơ`` and ``MA_HO_SO`` all name the field ``ma_ho_so``. Exports that use other
words are mapped with a two-column CSV (``--columns mapping.csv``: header as written in the file,
field name or national-portal sync name). Coded values (channel, payment, status, yes/no) are
recognised by the same folding; `value_codes` turns the distinct values of a column into codes.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import UserDataError
from ..text.textio import fold

#: field -> (national-portal sync names, Vietnamese / English header wordings seen in exports)
FIELDS: dict[str, tuple[str, ...]] = {
    "ma_ho_so": ("maHoSo", "mã hồ sơ", "số hồ sơ", "mã số hồ sơ", "dossier id", "dossier code"),
    "ma_tthc": ("maTTHC", "mã thủ tục", "mã TTHC", "mã thủ tục hành chính", "procedure code"),
    "ten_tthc": ("tenTTHC", "tên thủ tục", "thủ tục", "tên TTHC", "thủ tục hành chính",
                 "tên thủ tục hành chính", "procedure"),
    "ma_linh_vuc": ("maLinhVuc", "mã lĩnh vực", "field code"),
    "ten_linh_vuc": ("tenLinhVuc", "lĩnh vực", "tên lĩnh vực", "field"),
    "don_vi": ("donViXuLy", "coQuan", "đơn vị xử lý", "cơ quan", "cơ quan giải quyết",
               "cơ quan xử lý", "đơn vị", "đơn vị tiếp nhận", "agency"),
    "ma_tinh": ("maTinh", "mã tỉnh", "tỉnh", "tỉnh/thành phố", "province"),
    "ma_huyen": ("maHuyen", "mã huyện", "huyện", "quận/huyện", "district"),
    "ma_xa": ("maXa", "mã xã", "xã", "xã/phường", "phường/xã", "xã, phường", "commune"),
    "kenh": ("kenhThucHien", "kênh nộp", "hình thức nộp", "kênh thực hiện", "kênh tiếp nhận",
             "hình thức tiếp nhận", "channel"),
    "muc_do": ("mucDo", "mức độ", "mức độ DVC", "level"),
    "ngay_tiep_nhan": ("ngayTiepNhan", "ngày tiếp nhận", "ngày nhận hồ sơ", "received"),
    "ngay_hen_tra": ("ngayHenTra", "ngày hẹn trả", "ngày hẹn trả kết quả", "hạn xử lý",
                     "hạn giải quyết", "due"),
    "ngay_hen_tra_moi": ("ngayHenTraMoi", "ngayGiaHan", "ngày hẹn trả mới", "ngày gia hạn",
                         "hạn sau gia hạn", "hạn gia hạn", "extended due"),
    "ngay_ket_thuc": ("ngayKetThucXuLy", "ngày có kết quả", "ngày hoàn thành",
                      "ngày kết thúc xử lý", "ngày kết thúc", "ngày xử lý xong", "finished"),
    "ngay_tra": ("ngayTra", "ngày trả kết quả", "ngày trả", "returned"),
    "trang_thai": ("trangThai", "statusId", "trạng thái", "tình trạng", "trạng thái hồ sơ",
                   "status"),
    "thanh_toan": ("duocThanhToanTrucTuyen", "thanh toán trực tuyến", "hình thức thanh toán",
                   "đã thanh toán trực tuyến", "paid online"),
    "phi": ("phiLePhi", "phí, lệ phí", "phí lệ phí", "lệ phí", "phí", "số tiền phí, lệ phí",
            "fee"),
    "so_hoa_tp": ("hoSoCoThanhPhanSoHoa", "số hóa thành phần hồ sơ", "số hóa hồ sơ",
                  "số hóa đầu vào", "digitised input"),
    "so_hoa_kq": ("daSoHoaKetQua", "số hóa kết quả", "số hóa đầu ra", "digitised result"),
    "vneid": ("taiKhoanDuocXacThucVoiVNeID", "xác thực VNeID", "tài khoản VNeID"),
    "so_lan_bo_sung": ("soLanBoSung", "số lần bổ sung", "số lần yêu cầu bổ sung", "supplements"),
    "ngay_cho_bo_sung": ("soNgayChoBoSung", "thoiGianChoBoSung", "số ngày chờ bổ sung",
                         "thời gian chờ bổ sung", "thời gian chờ bổ sung (ngày)",
                         "supplement waiting days"),
}
#: headers that are row numbers, never data
IGNORED = ("stt", "tt", "số thứ tự", "no")

DATE_FIELDS = ("ngay_tiep_nhan", "ngay_hen_tra", "ngay_hen_tra_moi", "ngay_ket_thuc", "ngay_tra")
NUMBER_FIELDS = ("phi", "so_lan_bo_sung", "ngay_cho_bo_sung")
CODED_FIELDS = ("kenh", "thanh_toan", "trang_thai", "so_hoa_tp", "so_hoa_kq", "vneid")
TEXT_FIELDS = ("ma_ho_so", "ma_tthc", "ten_tthc", "ma_linh_vuc", "ten_linh_vuc", "don_vi",
               "ma_tinh", "ma_huyen", "ma_xa", "muc_do")

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """Matching key of a header or value: folded, marks dropped, letters and digits only.

    Examples
    --------
    >>> header_key("Mã hồ sơ") == header_key("maHoSo") == "mahoso"
    True
    """
    folded = "".join(ch for ch in fold(str(text)) if unicodedata.category(ch) != "Mn")
    return _NON_ALNUM.sub("", folded)


_ALIASES: dict[str, str] = {}
for _field, _names in FIELDS.items():
    for _name in (_field, *_names):
        _ALIASES.setdefault(header_key(_name), _field)
_ALIASES.update({header_key(n): "_ignore" for n in IGNORED})


def field_of(header: object, mapping: Mapping[str, str] | None = None) -> str | None:
    """The field a header names (``"_ignore"`` for row numbers), or None when unknown."""
    key = header_key(header)
    if mapping and key in mapping:
        return mapping[key]
    return _ALIASES.get(key)


def read_mapping(path: str | Path) -> dict[str, str]:
    """Read a ``--columns`` file: header as written in the export → field.

    Parameters
    ----------
    path
        CSV (UTF-8) with a header line and two columns: the export's header, then the field
        (one of `FIELDS`, or a national-portal sync name such as ``ngayTiepNhan``).

    Returns
    -------
    dict
        header key (see `header_key`) → field.

    Examples
    --------
    A file with the line ``Ngày nộp,ngayTiepNhan`` maps the header "Ngày nộp" to
    ``ngay_tiep_nhan``.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserDataError(f"Không đọc được tệp ánh xạ cột {p.name}: {exc}.",
                            f"Cannot read the column mapping file {p.name}: {exc}.") from None
    out: dict[str, str] = {}
    rows = list(csv.reader(text.splitlines()))
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise UserDataError(
                f"{p.name}, dòng {number}: cần hai cột (tiêu đề trong tệp, tên trường).",
                f"{p.name}, row {number}: two columns needed (header in the file, field name).")
        target = _ALIASES.get(header_key(row[1]))
        if target is None or target == "_ignore":
            raise UserDataError(
                f"{p.name}, dòng {number}, cột 2: '{row[1]}' không phải tên trường đã biết "
                f"({', '.join(FIELDS)}).",
                f"{p.name}, row {number}, column 2: '{row[1]}' is not a known field "
                f"({', '.join(FIELDS)}).")
        out[header_key(row[0])] = target
    return out


def recognise(headers: Iterable[object], mapping: Mapping[str, str] | None = None) -> dict[str, int]:
    """Field → position of the first header naming it (later duplicates are ignored)."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        f = field_of(h, mapping)
        if f and f != "_ignore" and f not in found:
            found[f] = i
    return found


# --------------------------------------------------------------------------- coded values

#: channel codes of the sync format: 1 in person, 2 online, 3 public postal service
CHANNEL = {1: "trực tiếp", 2: "trực tuyến", 3: "bưu chính công ích"}
#: payment codes: 0 not online, 1 national portal, 2 provincial gateway, 9 online (where not said)
PAYMENT = {0: "không", 1: "Cổng DVC quốc gia", 2: "cổng thanh toán của tỉnh", 9: "trực tuyến"}
#: status categories the rules use
STATUS = ("pending", "done", "refused", "withdrawn", "other")

_CHANNEL_WORDS = (("truc tuyen", 2), ("online", 2), ("qua mang", 2), ("dich vu cong", 2),
                  ("buu", 3), ("postal", 3), ("truc tiep", 1), ("tai quay", 1), ("quay", 1),
                  ("in person", 1), ("direct", 1))
_PAYMENT_WORDS = (("quoc gia", 1), ("dvcqg", 1), ("national", 1), ("cong thanh toan", 2),
                  ("cua tinh", 2), ("province", 2), ("khong", 0), ("chua", 0), ("no", 0),
                  ("co", 9), ("yes", 9), ("da thanh toan", 9), ("truc tuyen", 9))
_STATUS_WORDS = (("rut", "withdrawn"), ("huy", "withdrawn"), ("withdrawn", "withdrawn"),
                 ("tu choi", "refused"), ("khong giai quyet", "refused"),
                 ("tra lai", "refused"), ("refused", "refused"),
                 ("dang", "pending"), ("cho", "pending"), ("moi tiep nhan", "pending"),
                 ("pending", "pending"),
                 ("hoan thanh", "done"), ("da xu ly", "done"), ("da giai quyet", "done"),
                 ("da tra", "done"), ("co ket qua", "done"), ("done", "done"))
_YES = {"1", "co", "x", "true", "yes", "y", "da so hoa", "da", "co so hoa"}
_NO = {"0", "khong", "false", "no", "n", "chua", "chua so hoa", "khong so hoa"}


def _words(value: object) -> str:
    folded = "".join(ch for ch in fold(str(value)) if unicodedata.category(ch) != "Mn")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def _number_code(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def code_of(field: str, value: object) -> int | str | None:
    """Code of one value of a coded field; None when the value is not recognised.

    Examples
    --------
    >>> code_of("kenh", "Bưu chính công ích"), code_of("thanh_toan", "có")
    (3, 9)
    """
    words = _words(value)
    number = _number_code(str(value).strip())
    if field == "kenh":
        if number in CHANNEL:
            return number
        return next((code for w, code in _CHANNEL_WORDS if w in words), None) if words else None
    if field == "thanh_toan":
        if not words:
            return 0
        if number in (0, 1, 2):
            return number
        return next((code for w, code in _PAYMENT_WORDS if re.search(rf"\b{w}\b", words)), None)
    if field == "trang_thai":
        if not words:
            return "other"
        return next((cat for w, cat in _STATUS_WORDS if re.search(rf"\b{w}\b", words)), "other")
    if not words or words in _NO:
        return 0
    if words in _YES:
        return 1
    return None if number is None else int(number > 0)


def value_codes(field: str, values: Iterable[object]) -> dict[str, int | str | None]:
    """Map each distinct raw value (as text) of a coded field to its code (None: unknown)."""
    return {str(v): code_of(field, v) for v in values}
