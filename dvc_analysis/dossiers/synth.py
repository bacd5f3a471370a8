"""Synthetic one-stop-system exports (GIẢ LẬP — not real data) for tests, benchmarks and notebooks.

Every dossier id starts with ``GL-`` (giả lập, synthetic), CSV and XLSX files carry a title line
saying so above the header, and Parquet files carry ``synthetic=true`` in their metadata. The
distributions are chosen to look like a mid-sized province after July 2025, not measured:

* units: 18 provincial agencies and 75 communes (a province of about that size); communes handle
  about 60% of dossiers, and volumes within each group follow a Zipf law (exponent 1.1);
* procedures: 120, Zipf-distributed volumes (exponent 1.1), in 12 fields; 60% carry no fee,
  fees of the others are log-normal around 50.000 đ; legal time limits of 1–30 days;
* channel: each unit has its own online propensity (Beta(4, 3), mean 57%) scaled per procedure
  (log-normal factor, σ 0.5) and rising about 1.2 points a month; 2% of dossiers by post;
* receipt times on working days 7:30–17:00 (10% on weekends), uniform over the months asked;
* processing time: time limit × log-normal ratio (median 0.6, σ 0.5, worse in some units), so
  about 15% finish late; 8% get one supplement request and 2% two (waiting 1–10 days), 1% an
  extension, 1.5% are withdrawn, 1% refused, 2% have no due date; dossiers not finished by the
  end of the last month stay pending;
* payment: fee-bearing dossiers filed online are paid online with probability 0.7 (80% on the
  national portal, 20% on the province's gateway), those filed at the desk with 0.1;
* digitisation: incoming dossiers 90% (online) / 60% (desk), results 85%;
* a share `bad` (default 0.1%) of rows carry a deliberate fault (unreadable date, due date before
  receipt, unknown channel) so that rejection is exercised.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError

PROVINCE = "14"
FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Đăng ký kinh doanh", "Tư pháp",
          "Giao thông vận tải", "Lao động", "Y tế", "Giáo dục", "Văn hóa", "Tài nguyên nước")
AGENCIES = ("Sở Tư pháp", "Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng",
            "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Công Thương",
            "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo",
            "Sở Ngoại vụ", "Công an tỉnh", "Ban Quản lý các khu công nghiệp",
            "Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh", "Thanh tra tỉnh", "Văn phòng UBND tỉnh")
N_COMMUNES = 75
N_PROCEDURES = 120
COLUMNS = ("maHoSo", "maTinh", "maXa", "donViXuLy", "maTTHC", "tenTTHC", "maLinhVuc", "tenLinhVuc",
           "kenhThucHien", "mucDo", "ngayTiepNhan", "ngayHenTra", "ngayHenTraMoi", "ngayKetThucXuLy",
           "trangThai", "duocThanhToanTrucTuyen", "phiLePhi", "hoSoCoThanhPhanSoHoa", "daSoHoaKetQua",
           "soLanBoSung", "soNgayChoBoSung")
TITLE = "DỮ LIỆU GIẢ LẬP (synthetic) - không phải số liệu thật của tỉnh nào"
CHUNK = 1_000_000


def _zipf(n: int, s: float):
    import numpy as np

    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _chunk(rng, n: int, offset: int, start, months: int, bad: float):
    """One block of `n` synthetic dossiers as a pyarrow Table."""
    import numpy as np
    import pyarrow as pa

    g = np.random.default_rng(rng.integers(1 << 62))
    # units: communes take ~60% of dossiers, Zipf within each group
    commune = g.random(n) < 0.6
    agency_i = g.choice(len(AGENCIES), n, p=_zipf(len(AGENCIES), 1.1))
    commune_i = g.choice(N_COMMUNES, n, p=_zipf(N_COMMUNES, 1.1))
    unit_i = np.where(commune, len(AGENCIES) + commune_i, agency_i)
    unit_rng = np.random.default_rng(7)  # unit traits are the same in every chunk and seed
    online_p = unit_rng.beta(4, 3, len(AGENCIES) + N_COMMUNES)
    slowness = unit_rng.lognormal(0, 0.25, len(AGENCIES) + N_COMMUNES)
    proc_rng = np.random.default_rng(11)
    proc_field = proc_rng.integers(0, len(FIELDS), N_PROCEDURES)
    proc_fee = np.where(proc_rng.random(N_PROCEDURES) < 0.6, 0,
                        np.round(proc_rng.lognormal(np.log(50_000), 0.8, N_PROCEDURES), -3))
    proc_days = proc_rng.choice([1, 3, 5, 7, 10, 15, 20, 30], N_PROCEDURES,
                                p=[.1, .2, .2, .15, .15, .1, .05, .05])
    proc_full = proc_rng.random(N_PROCEDURES) < 0.5
    proc = g.choice(N_PROCEDURES, n, p=_zipf(N_PROCEDURES, 1.1))
    # receipt time: a day in the span (weekends thinned), a working hour
    t0 = np.datetime64(start, "s")
    end = np.datetime64(start, "M") + np.timedelta64(months, "M")
    span_days = int((end.astype("datetime64[D]") - np.datetime64(start, "D")).astype(int))
    day = g.integers(0, span_days, n)
    weekday = (np.datetime64(start, "D") + day).astype("datetime64[D]").view("int64") % 7
    weekend = (weekday == 2) | (weekday == 3)  # 1970-01-01 was a Thursday: 2 Sat, 3 Sun
    day = np.where(weekend & (g.random(n) < 0.9), np.maximum(day - (weekday - 1), 0), day)
    # channel: 2 online with the unit's propensity, 3 post for 2%, else 1 at the desk
    u = g.random(n)
    proc_online = np.clip(proc_rng.lognormal(0, 0.5, N_PROCEDURES), 0.2, 1.6)
    drift = 0.012 * (day / 30.44 - months / 2)  # online filing grows about 1.2 points a month
    p_online = np.clip(online_p[unit_i] * proc_online[proc] + drift, 0.02, 0.98)
    channel = np.where(u < 0.02, 3, np.where(g.random(n) < p_online, 2, 1))
    recv = t0 + (day * 86400 + g.integers(27_000, 61_200, n)).astype("timedelta64[s]")
    days = proc_days[proc] * 1.4  # working days → calendar days
    due = recv + (days * 86400).astype("timedelta64[s]")
    due = due.astype("datetime64[D]").astype("datetime64[s]") + np.timedelta64(61_200, "s")
    s = g.random(n)
    nsup = np.where(s < 0.08, 1, np.where(s < 0.10, 2, 0))
    wait = np.where(nsup > 0, g.integers(1, 11, n), 0)
    ratio = g.lognormal(np.log(0.6), 0.5, n) * slowness[unit_i]
    fin = recv + ((days * ratio + wait) * 86400).astype("timedelta64[s]")
    ext = np.where(g.random(n) < 0.01, due + np.timedelta64(7 * 86400, "s"), np.datetime64("NaT"))
    status = np.full(n, "Đã trả kết quả", dtype=object)
    r = g.random(n)
    status[r < 0.025] = "Từ chối giải quyết"
    status[r < 0.015] = "Công dân rút hồ sơ"
    fin = np.where(r < 0.015, recv + (g.integers(1, 5, n) * 86400).astype("timedelta64[s]"), fin)
    pending = fin > end.astype("datetime64[s]")
    status[pending] = "Đang xử lý"
    fin = np.where(pending, np.datetime64("NaT"), fin)
    due = np.where(g.random(n) < 0.02, np.datetime64("NaT"), due)
    fee = proc_fee[proc]
    paid_p = np.where(channel == 2, 0.7, 0.1)
    paid = np.where((fee > 0) & (g.random(n) < paid_p), np.where(g.random(n) < 0.8, 1, 2), 0)
    dig_in = (g.random(n) < np.where(channel == 2, 0.9, 0.6)).astype("int8")
    dig_out = ((g.random(n) < 0.85) & ~pending).astype("int8")
    ids = np.char.add("GL-", np.arange(offset, offset + n).astype(str))
    communes = np.array([f"{i + 1:05d}" for i in range(N_COMMUNES)])
    units = np.array(list(AGENCIES) + [f"UBND xã {i + 1:02d} (giả lập)" for i in range(N_COMMUNES)])
    table = pa.table({
        "maHoSo": ids, "maTinh": np.full(n, PROVINCE), "maXa": communes[commune_i],
        "donViXuLy": units[unit_i], "maTTHC": np.char.add("GL.", proc.astype(str)),
        "tenTTHC": np.char.add("Thủ tục giả lập số ", (proc + 1).astype(str)),
        "maLinhVuc": np.char.add("LV", proc_field[proc].astype(str)),
        "tenLinhVuc": np.array(FIELDS)[proc_field[proc]],
        "kenhThucHien": channel.astype("int8"),
        "mucDo": np.where(proc_full[proc], "toàn trình", "một phần"),
        "ngayTiepNhan": recv, "ngayHenTra": due, "ngayHenTraMoi": ext, "ngayKetThucXuLy": fin,
        "trangThai": status.astype(str), "duocThanhToanTrucTuyen": paid.astype("int8"),
        "phiLePhi": fee.astype("int64"), "hoSoCoThanhPhanSoHoa": dig_in, "daSoHoaKetQua": dig_out,
        "soLanBoSung": nsup.astype("int8"), "soNgayChoBoSung": wait.astype("int16"),
    })
    if bad > 0:
        table = _spoil(table, g, bad)
    return table


def _spoil(table, g, bad: float):
    """Turn a share `bad` of rows into faulty ones (reason cycling over three kinds)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    n = table.num_rows
    hit = np.flatnonzero(g.random(n) < bad)
    if not len(hit):
        return table
    kind = np.arange(len(hit)) % 3
    recv = table["ngayTiepNhan"].to_numpy().copy()
    due = table["ngayHenTra"].to_numpy().copy()
    chan = table["kenhThucHien"].to_numpy().copy()
    due[hit[kind == 1]] = recv[hit[kind == 1]] - np.timedelta64(3 * 86400, "s")
    chan[hit[kind == 2]] = 7
    recv[hit[kind == 0]] = np.datetime64("NaT")
    table = table.set_column(table.schema.get_field_index("ngayTiepNhan"), "ngayTiepNhan",
                             pa.array(recv, type=pa.timestamp("s")))
    table = table.set_column(table.schema.get_field_index("ngayHenTra"), "ngayHenTra",
                             pa.array(due, type=pa.timestamp("s")))
    return table.set_column(table.schema.get_field_index("kenhThucHien"), "kenhThucHien",
                            pc.cast(pa.array(chan), pa.int8()))


def _text_table(table):
    """Dates as dd/mm/yyyy hh:mm text (as desk exports show them) for CSV / XLSX."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cols = {}
    for name in table.column_names:
        col = table[name]
        if pa.types.is_timestamp(col.type):
            col = pc.strftime(col, format="%d/%m/%Y %H:%M")
        cols[name] = col
    return pa.table(cols)


def synth(rows: int, seed: int = 0, out: str | Path | None = None, *, start: str = "2025-07-01",
          months: int = 12, bad: float = 0.001):
    """Generate `rows` synthetic dossiers; write them to `out` (.parquet, .csv, .xlsx) or return them.

    Parameters
    ----------
    rows
        Number of dossiers.
    seed
        Random seed (the same seed gives the same file).
    out
        Target file; None returns a pyarrow Table instead.
    start, months
        First day and length of the receipt span.
    bad
        Share of deliberately faulty rows.

    Returns
    -------
    pathlib.Path or pyarrow.Table

    Examples
    --------
    >>> table = synth(1000, seed=1)
    >>> table.num_rows, str(table["maHoSo"][0])[:3]
    (1000, 'GL-')
    """
    import numpy as np
    import pyarrow as pa

    if rows < 1:
        raise UsageError("--rows phải ≥ 1.", "--rows must be at least 1.")
    rng = np.random.default_rng(seed)
    blocks = ((i, min(CHUNK, rows - i)) for i in range(0, rows, CHUNK))
    if out is None:
        return pa.concat_tables([_chunk(rng, n, i, start, months, bad) for i, n in blocks])
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".csv", ".xlsx"):
        raise UsageError("--out phải là .parquet, .csv hoặc .xlsx.", "--out must be .parquet, .csv or .xlsx.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        writer = None
        for i, n in blocks:
            table = _chunk(rng, n, i, start, months, bad)
            if writer is None:
                schema = table.schema.with_metadata({"synthetic": "true", "title": TITLE})
                writer = pq.ParquetWriter(str(path), schema, compression="zstd")
            writer.write_table(table.replace_schema_metadata(schema.metadata))
        writer.close()
    elif suffix == ".csv":
        import pyarrow.csv as pcsv

        with open(path, "wb") as handle:
            handle.write((TITLE + "\n").encode("utf-8"))
            for k, (i, n) in enumerate(blocks):
                pcsv.write_csv(_text_table(_chunk(rng, n, i, start, months, bad)), handle,
                               pcsv.WriteOptions(include_header=k == 0))
    else:
        _write_xlsx(path, [_chunk(rng, n, i, start, months, bad) for i, n in blocks])
    return path


def _write_xlsx(path: Path, tables) -> None:
    import xlsxwriter

    from .._safeio import XLSX_TEXT_OPTIONS

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, **XLSX_TEXT_OPTIONS})
    sheet = book.add_worksheet("Hồ sơ")
    sheet.write_row(0, 0, [TITLE])
    headers = ("Mã hồ sơ", "Mã tỉnh", "Mã xã", "Đơn vị xử lý", "Mã thủ tục", "Tên thủ tục",
               "Mã lĩnh vực", "Lĩnh vực", "Kênh nộp", "Mức độ", "Ngày tiếp nhận", "Ngày hẹn trả",
               "Ngày gia hạn", "Ngày có kết quả", "Trạng thái", "Thanh toán trực tuyến",
               "Phí, lệ phí", "Số hóa thành phần hồ sơ", "Số hóa kết quả", "Số lần bổ sung",
               "Số ngày chờ bổ sung")
    sheet.write_row(2, 0, headers)
    channel = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính công ích", 7: "Fax"}
    paid = {0: "Không", 1: "Cổng DVC quốc gia", 2: "Cổng thanh toán của tỉnh"}
    r = 3
    for table in tables:
        text = _text_table(table).to_pydict()
        n = table.num_rows
        for k in range(n):
            row = [text[c][k] for c in COLUMNS]
            row[8] = channel.get(row[8], str(row[8]))
            row[15] = paid.get(row[15], str(row[15]))
            row[17] = "Có" if row[17] else "Không"
            row[18] = "Có" if row[18] else "Không"
            sheet.write_row(r, 0, ["" if v is None else v for v in row])
            r += 1
    book.close()
