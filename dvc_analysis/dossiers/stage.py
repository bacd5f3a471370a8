"""Turn opened exports into one typed, checked dossier table (SQL generated per file and engine).

Each file gets a SELECT that reads its fields with the right parser for their stored type
(timestamps kept, text dates read as ISO or day-first, coded values looked up from the file's
own distinct values); the union of these is checked once: every row gets ``reason`` NULL (used)
or the code of the first problem found (`REASONS`), so accepted + rejected = rows read.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import columns
from .read import Source

#: grouping keys: --by value → (key field, label field); the first present key field is used
BY = {
    "donvi": (("don_vi",), None, "agency"),
    "xa": (("ma_xa",), None, "commune"),
    "linhvuc": (("ma_linh_vuc", "ten_linh_vuc"), "ten_linh_vuc", "province"),
    "thutuc": (("ma_tthc", "ten_tthc"), "ten_tthc", "province"),
    "tinh": (("ma_tinh",), None, "province"),
}
#: period index of a timestamp x: months, quarters or years since year 0 (same SQL in both engines)
PERIOD_SQL = {
    "month": "(year({x}) * 12 + month({x}) - 1)",
    "quarter": "(year({x}) * 4 + quarter({x}) - 1)",
    "year": "year({x})",
}
#: reason code → (Vietnamese, English, field it concerns)
REASONS = {
    "recv_missing": ("thiếu ngày tiếp nhận", "the receipt date is missing", "ngay_tiep_nhan"),
    "recv_bad": ("không đọc được ngày tiếp nhận (cần yyyy-mm-dd hoặc dd/mm/yyyy [hh:mm])",
                 "unreadable receipt date (yyyy-mm-dd or dd/mm/yyyy [hh:mm] expected)",
                 "ngay_tiep_nhan"),
    "due_bad": ("không đọc được ngày hẹn trả", "unreadable due date", "ngay_hen_tra"),
    "ext_bad": ("không đọc được ngày hẹn trả mới (gia hạn)", "unreadable extended due date",
                "ngay_hen_tra_moi"),
    "fin_bad": ("không đọc được ngày có kết quả", "unreadable finish date", "ngay_ket_thuc"),
    "due_before_recv": ("ngày hẹn trả trước ngày tiếp nhận", "the due date is before the receipt date",
                        "ngay_hen_tra"),
    "fin_before_recv": ("ngày có kết quả trước ngày tiếp nhận",
                        "the finish date is before the receipt date", "ngay_ket_thuc"),
    "channel_unknown": ("kênh nộp không rõ (cần 1/2/3 hoặc Trực tiếp/Trực tuyến/Bưu chính công ích)",
                        "unknown channel (1/2/3 or in person/online/postal expected)", "kenh"),
    "payment_unknown": ("giá trị thanh toán trực tuyến không rõ (0/1/2 hoặc có/không)",
                        "unknown online-payment value (0/1/2 or yes/no expected)", "thanh_toan"),
    "fee_bad": ("phí, lệ phí không phải số không âm", "the fee is not a non-negative number", "phi"),
    "digin_bad": ("giá trị số hóa thành phần không rõ (có/không)",
                  "unknown digitised-input value (yes/no expected)", "so_hoa_tp"),
    "digout_bad": ("giá trị số hóa kết quả không rõ (có/không)",
                   "unknown digitised-result value (yes/no expected)", "so_hoa_kq"),
    "nsup_bad": ("số lần bổ sung không phải số nguyên không âm",
                 "the number of supplement requests is not a whole number ≥ 0", "so_lan_bo_sung"),
    "wait_bad": ("số ngày chờ bổ sung không phải số không âm",
                 "the supplement waiting days are not a number ≥ 0", "ngay_cho_bo_sung"),
    "done_no_date": ("trạng thái đã giải quyết nhưng thiếu ngày có kết quả",
                     "resolved status but no finish date", "ngay_ket_thuc"),
}
MAX_CODES = 5000
#: columns of the checked table the rules and the counts read (besides ids of rejected rows)
KEPT = ("src", "rownum", "unit", "unit_label", "ma_tinh", "reason", "due_s", "ext_s", "fin_s",
        "rp", "dp", "xp", "fp", "kenh", "paid", "fee", "status", "dig_in", "dig_out", "nsup", "wait_s")


def _q(name: str, engine) -> str:
    mark = engine.dialect.quote
    return mark + name.replace(mark, mark * 2) + mark


def _number_text(value) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def _lit(value) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return "NULL" if value is None else str(value)


def _coded(src: Source, field: str, kinds: dict[str, str], engine) -> tuple[str, str]:
    """(code expression, raw text expression) of a coded field of one file."""
    col = src.column_of(field)
    empty = columns.code_of(field, "")
    if col is None:
        return "NULL", "NULL"
    if kinds.get(col) == "number":
        # numbers are compared as numbers: no text conversion of every row
        text = _q(col, engine)
        values = [r[0] for r in engine.rows(
            f"SELECT DISTINCT {text} FROM {src.view} WHERE {text} IS NOT NULL LIMIT {MAX_CODES}")]
        pairs = [(v, columns.code_of(field, _number_text(v))) for v in values]
    else:
        text = f"NULLIF(TRIM(CAST({_q(col, engine)} AS STRING)), '')"
        values = [r[0] for r in engine.rows(
            f"SELECT DISTINCT {text} FROM {src.view} WHERE {text} IS NOT NULL LIMIT {MAX_CODES}")]
        pairs = list(columns.value_codes(field, values).items())
    whens = " ".join(f"WHEN {_lit(v)} THEN {_lit(code)}" for v, code in pairs if code is not None)
    if not whens:
        return f"(CASE WHEN {text} IS NULL THEN {_lit(empty)} ELSE NULL END)", text
    return f"(CASE WHEN {text} IS NULL THEN {_lit(empty)} ELSE CASE {text} {whens} END END)", text


def _select(src: Source, index: int, by: str, engine, province: str | None) -> str:
    """The per-file SELECT: typed fields plus the raw text needed to explain a rejection."""
    d = engine.dialect
    kinds = engine.schema(src.view)
    parts = [f"{index} AS src", "CAST(__row AS BIGINT) AS rownum"]

    def text(field):
        col = src.column_of(field)
        return "CAST(NULL AS STRING)" if col is None else f"NULLIF(TRIM(CAST({_q(col, engine)} AS STRING)), '')"

    parts.append(f"{text('ma_ho_so')} AS ma_ho_so")
    keys, label, _level = BY[by]
    key = next((k for k in keys if src.column_of(k)), keys[0])
    parts.append(f"COALESCE({text(key)}, '(không rõ)') AS unit")
    lab = label if label and src.column_of(label) else key
    parts.append(f"COALESCE({text(lab)}, {text(key)}, '(không rõ)') AS unit_label")
    parts.append(f"{_lit(province)} AS ma_tinh" if province else f"{text('ma_tinh')} AS ma_tinh")
    for field, alias in (("ngay_tiep_nhan", "recv"), ("ngay_hen_tra", "due"),
                         ("ngay_hen_tra_moi", "ext"), ("ngay_ket_thuc", "fin")):
        col = src.column_of(field)
        if col is None:
            parts += [f"CAST(NULL AS TIMESTAMP) AS {alias}", f"CAST(NULL AS STRING) AS raw_{alias}"]
        elif kinds.get(col) == "timestamp":
            parts += [f"CAST({_q(col, engine)} AS TIMESTAMP) AS {alias}", f"CAST(NULL AS STRING) AS raw_{alias}"]
        else:
            parts += [f"{d.parse_ts.format(x=text(field))} AS {alias}", f"{text(field)} AS raw_{alias}"]
    for field, alias in (("kenh", "kenh"), ("thanh_toan", "paid"), ("trang_thai", "status"),
                         ("so_hoa_tp", "dig_in"), ("so_hoa_kq", "dig_out")):
        code, raw = _coded(src, field, kinds, engine)
        parts += [f"{code} AS {alias}", f"CAST({raw} AS STRING) AS raw_{alias}"
                  if raw != "NULL" and kinds.get(src.column_of(field)) != "number"
                  else f"{raw} AS raw_{alias}" if raw != "NULL"
                  else f"CAST(NULL AS STRING) AS raw_{alias}"]
    for field, alias, parse in (("phi", "fee", d.digits_to_double),
                                ("so_lan_bo_sung", "nsup", d.decimal_to_double),
                                ("ngay_cho_bo_sung", "wait", d.decimal_to_double)):
        col = src.column_of(field)
        if col is None:
            parts += [f"CAST(NULL AS DOUBLE) AS {alias}", f"CAST(NULL AS STRING) AS raw_{alias}"]
        elif kinds.get(col) == "number":
            parts += [f"CAST({_q(col, engine)} AS DOUBLE) AS {alias}",
                      f"CAST(NULL AS STRING) AS raw_{alias}"]
        else:
            parts += [f"{parse.format(x=text(field))} AS {alias}", f"{text(field)} AS raw_{alias}"]
    return f"SELECT {', '.join(parts)} FROM {src.view}"


def _checked(union: str, period: str, engine, present: set[str]) -> str:
    """Reason of rejection and derived seconds / period indices over the union of files."""
    ep = engine.dialect.epoch
    per = PERIOD_SQL[period]
    checks = [
        ("recv_missing", "recv IS NULL AND raw_recv IS NULL"),
        ("recv_bad", "recv IS NULL"),
        ("due_bad", "due IS NULL AND raw_due IS NOT NULL"),
        ("ext_bad", "ext IS NULL AND raw_ext IS NOT NULL"),
        ("fin_bad", "fin IS NULL AND raw_fin IS NOT NULL"),
        ("due_before_recv", "CAST(due AS DATE) < CAST(recv AS DATE)"),
        ("fin_before_recv", "CAST(fin AS DATE) < CAST(recv AS DATE)"),
    ]
    if "kenh" in present:
        checks.append(("channel_unknown", "kenh IS NULL"))
    if "thanh_toan" in present:
        checks.append(("payment_unknown", "paid IS NULL"))
    if "phi" in present:
        checks.append(("fee_bad", "(fee IS NULL AND raw_fee IS NOT NULL) OR fee < 0"))
    if "so_hoa_tp" in present:
        checks.append(("digin_bad", "dig_in IS NULL"))
    if "so_hoa_kq" in present:
        checks.append(("digout_bad", "dig_out IS NULL"))
    if "so_lan_bo_sung" in present:
        checks.append(("nsup_bad", "(nsup IS NULL AND raw_nsup IS NOT NULL) OR nsup < 0 "
                                   "OR nsup <> FLOOR(nsup)"))
    if "ngay_cho_bo_sung" in present:
        checks.append(("wait_bad", "(wait IS NULL AND raw_wait IS NOT NULL) OR wait < 0"))
    if "trang_thai" in present and "ngay_ket_thuc" in present:
        checks.append(("done_no_date", "fin IS NULL AND status IN ('done', 'refused')"))
    reason = "CASE " + " ".join(f"WHEN {cond} THEN '{code}'" for code, cond in checks) + " END"
    raw_of = {"recv": "raw_recv", "due": "raw_due", "ext": "raw_ext", "fin": "raw_fin",
              "channel": "raw_kenh", "payment": "raw_paid", "fee": "raw_fee", "digin": "raw_dig_in",
              "digout": "raw_dig_out", "nsup": "raw_nsup", "wait": "raw_wait", "done": "raw_status"}
    value = "CASE " + " ".join(
        f"WHEN {cond} THEN CAST({raw_of[code.split('_')[0]]} AS STRING)" for code, cond in checks) + " END"
    due_s = f"({ep.format(x='due')} + CASE WHEN {ep.format(x='due')} % 86400 = 0 THEN 86399 ELSE 0 END)"
    ext_s = f"({ep.format(x='ext')} + CASE WHEN {ep.format(x='ext')} % 86400 = 0 THEN 86399 ELSE 0 END)"
    return (
        f"SELECT src, rownum, ma_ho_so, unit, NULLIF(unit_label, unit) AS unit_label, ma_tinh, "
        f"{reason} AS reason, {value} AS bad_value, "
        f"{ep.format(x='recv')} AS recv_s, {due_s} AS due_s, {ext_s} AS ext_s, "
        f"{ep.format(x='fin')} AS fin_s, "
        f"{per.format(x='recv')} AS rp, {per.format(x='due')} AS dp, {per.format(x='ext')} AS xp, "
        f"{per.format(x='fin')} AS fp, "
        f"kenh, paid, COALESCE(fee, 0) AS fee, COALESCE(status, 'other') AS status, "
        f"COALESCE(dig_in, 0) AS dig_in, COALESCE(dig_out, 0) AS dig_out, "
        f"CAST(COALESCE(nsup, 0) AS BIGINT) AS nsup, "
        f"CAST(COALESCE(wait, 0) * 86400 AS BIGINT) AS wait_s "
        f"FROM ({union}) AS u"
    )


def stage(sources: Sequence[Source], engine, *, by: str, period: str,
          province: str | None = None) -> set[str]:
    """Create the engine view ``dossiers`` (all rows, with ``reason``); return the fields present.

    A field counts as present only when every file has it: indicators needing a field that some
    file lacks are reported as missing rather than computed from part of the data.
    """
    present = set(columns.FIELDS)
    for src in sources:
        present &= {f for f, _ in src.fields}
    if province:
        present.add("ma_tinh")
    union = " UNION ALL ".join(_select(s, i, by, engine, province) for i, s in enumerate(sources))
    engine.view("dossiers", _checked(union, period, engine, present))
    return present
