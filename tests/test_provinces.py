"""Province tables and name resolution, checked against hand-written lists and `vietnam_provinces`."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_analysis.errors import UsageError, UserDataError
from dvc_analysis.provinces import (
    load_merge,
    load_provinces,
    map_for_date,
    new_code,
    old_codes,
    province_name,
    resolve,
)

# The 63 pre-2025 provinces written the way ministries and provincial portals publish them
# (prefixes, hyphens, old-style tone marks), with their official codes typed from the
# General Statistics Office list (not read from our CSV).
MINISTRY_63 = {
    "TP. Hà Nội": "01", "Tỉnh Hà Giang": "02", "Cao Bằng": "04", "Bắc Kạn": "06",
    "Tuyên Quang": "08", "Lào Cai": "10", "Điện Biên": "11", "Lai Châu": "12", "Sơn La": "14",
    "Yên Bái": "15", "Hoà Bình": "17", "Thái Nguyên": "19", "Lạng Sơn": "20", "Quảng Ninh": "22",
    "Bắc Giang": "24", "Phú Thọ": "25", "Vĩnh Phúc": "26", "Bắc Ninh": "27", "Hải Dương": "30",
    "TP. Hải Phòng": "31", "Hưng Yên": "33", "Thái Bình": "34", "Hà Nam": "35", "Nam Định": "36",
    "Ninh Bình": "37", "Thanh Hoá": "38", "Nghệ An": "40", "Hà Tĩnh": "42", "Quảng Bình": "44",
    "Quảng Trị": "45", "Thừa Thiên - Huế": "46", "TP. Đà Nẵng": "48", "Quảng Nam": "49",
    "Quảng Ngãi": "51", "Bình Định": "52", "Phú Yên": "54", "Khánh Hoà": "56", "Ninh Thuận": "58",
    "Bình Thuận": "60", "Kon Tum": "62", "Gia Lai": "64", "Đăk Lăk": "66", "Đắk Nông": "67",
    "Lâm Đồng": "68", "Bình Phước": "70", "Tây Ninh": "72", "Bình Dương": "74", "Đồng Nai": "75",
    "Bà Rịa - Vũng Tàu": "77", "TP. Hồ Chí Minh": "79", "Long An": "80", "Tiền Giang": "82",
    "Bến Tre": "83", "Trà Vinh": "84", "Vĩnh Long": "86", "Đồng Tháp": "87", "An Giang": "89",
    "Kiên Giang": "91", "TP. Cần Thơ": "92", "Hậu Giang": "93", "Sóc Trăng": "94",
    "Bạc Liêu": "95", "Cà Mau": "96",
}

# The 34 units from 1/7/2025, as written in NQ 202/2025/QH15 style (with kind prefix).
NEW_34 = {
    "Thành phố Hà Nội": "01", "Tỉnh Cao Bằng": "04", "Tỉnh Tuyên Quang": "08",
    "Tỉnh Điện Biên": "11", "Tỉnh Lai Châu": "12", "Tỉnh Sơn La": "14", "Tỉnh Lào Cai": "15",
    "Tỉnh Thái Nguyên": "19", "Tỉnh Lạng Sơn": "20", "Tỉnh Quảng Ninh": "22",
    "Tỉnh Bắc Ninh": "24", "Tỉnh Phú Thọ": "25", "Thành phố Hải Phòng": "31",
    "Tỉnh Hưng Yên": "33", "Tỉnh Ninh Bình": "37", "Tỉnh Thanh Hóa": "38", "Tỉnh Nghệ An": "40",
    "Tỉnh Hà Tĩnh": "42", "Tỉnh Quảng Trị": "44", "Thành phố Huế": "46",
    "Thành phố Đà Nẵng": "48", "Tỉnh Quảng Ngãi": "51", "Tỉnh Gia Lai": "52",
    "Tỉnh Khánh Hòa": "56", "Tỉnh Đắk Lắk": "66", "Tỉnh Lâm Đồng": "68", "Tỉnh Đồng Nai": "75",
    "Thành phố Hồ Chí Minh": "79", "Tỉnh Tây Ninh": "80", "Tỉnh Đồng Tháp": "82",
    "Tỉnh Vĩnh Long": "86", "Tỉnh An Giang": "91", "Thành phố Cần Thơ": "92", "Tỉnh Cà Mau": "96",
}


def _strip(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")


def test_tables_shape_and_types():
    p63, p34 = load_provinces("63"), load_provinces("34")
    assert len(p63) == 63 and p63["code"].is_unique
    assert len(p34) == 34 and p34["code"].is_unique
    for df in (p63, p34):
        assert df["code"].str.fullmatch(r"\d{2}").all()
        assert set(df["kind"]) <= {"tinh", "thanh_pho"}
        assert df["name"].map(lambda s: unicodedata.is_normalized("NFC", s)).all()
    # six socio-economic regions, GSO sizes 14/11/14/5/6/13
    sizes = sorted(p63.groupby("region_en").size().tolist())
    assert sizes == sorted([14, 11, 14, 5, 6, 13])
    assert set(p34["region"]) <= set(p63["region"])


def test_merge_table_covers_all_63_once():
    m = load_merge()
    assert len(m) == 63 and m["old_code"].is_unique
    assert set(m["old_code"]) == set(load_provinces("63")["code"])
    assert set(m["new_code"]) == set(load_provinces("34")["code"])
    # the new code is the code of the old unit hosting the seat: it maps to itself
    for code in load_provinces("34")["code"]:
        assert new_code(code) == code
        assert code in old_codes(code)


def test_domain_facts_of_the_merger():
    assert old_codes("79") == ["74", "77", "79"]
    assert old_codes("80") == ["72", "80"]  # 80 was Long An, is Tây Ninh
    assert old_codes("37") == ["35", "36", "37"]
    assert new_code("26") == "25" and new_code("14") == "14" and new_code("74") == "79"
    assert province_name("80", "63") == "Long An" and province_name("80", "34") == "Tây Ninh"
    assert province_name("24", "63") == "Bắc Giang" and province_name("24", "34") == "Bắc Ninh"
    assert province_name("46", "34") == "Huế"
    assert province_name("79", "34", full=True) == "Thành phố Hồ Chí Minh"
    assert province_name("14", lang="en") == "Son La"


@pytest.mark.parametrize("name,code", sorted(MINISTRY_63.items()))
def test_resolve_ministry_names_63(name, code):
    assert resolve(name) == code
    assert resolve(_strip(name)) == code  # without diacritics
    assert resolve(unicodedata.normalize("NFD", name).upper()) == code


@pytest.mark.parametrize("name,code", sorted(NEW_34.items()))
def test_resolve_new_names_34(name, code):
    assert resolve(name, "34") == code
    assert resolve(_strip(name).lower(), map="34") == code


@pytest.mark.parametrize("name,code", [
    ("TP.HCM", "79"), ("HCM", "79"), ("TP HCM", "79"), ("Ho Chi Minh City", "79"),
    ("TP Hồ Chí Minh", "79"), ("BR-VT", "77"), ("Bà Rịa-Vũng Tàu", "77"), ("Ba Ria - Vung Tau", "77"),
    ("TT-Huế", "46"), ("Thừa Thiên Huế", "46"), ("Huế", "46"), ("Hòa Bình", "17"), ("Đắk Lắk", "66"),
    ("Dak Lak Province", "66"), ("Hanoi", "01"), ("tinh son la", "14"), ("Thành phố Đà Nẵng", "48"),
    ("  Vĩnh   Phúc ", "26"), ("26", "26"), ("Thai Nguyen", "19"),
])
def test_resolve_variants(name, code):
    assert resolve(name) == code


def test_map_by_date_and_merged_names():
    assert map_for_date("2025-06-30") == "63" and map_for_date("2025-07-01") == "34"
    assert resolve("Bắc Ninh", date="2024-12-31") == "27"
    assert resolve("Bắc Ninh", map=None, date="2025-12-31") == "24"
    with pytest.raises(UsageError):
        resolve("Bắc Ninh", map="63", date="2025-12-31")
    with pytest.raises(UserDataError) as e:
        resolve("Bình Dương", "34")
    assert "79" in e.value.vi and "Ho Chi Minh" in e.value.en


def test_unknown_names_list_closest():
    with pytest.raises(UserDataError) as e:
        resolve("Ha Gang")
    assert "Hà Giang" in e.value.vi and "Closest" in e.value.en
    with pytest.raises(UserDataError):
        resolve("")
    with pytest.raises(UserDataError):
        resolve("Atlantis")
    with pytest.raises(UsageError):
        resolve("Sơn La", map="64")


# ---- independent cross-check against the GPL package `vietnam_provinces` (test-only) ----


def _vp():
    return pytest.importorskip("vietnam_provinces", reason="vietnam_provinces not installed (dev extra)")


def test_34_match_vietnam_provinces():
    vp = _vp()
    theirs = {f"{int(p.code):02d}": p for p in vp.Province.iter_all()}
    ours = load_provinces("34").set_index("code")
    assert set(theirs) == set(ours.index)
    for code, p in theirs.items():
        their_name = p.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        assert their_name == ours.loc[code, "name"], code
        their_kind = "thanh_pho" if p.division_type.value == "thành phố trung ương" else "tinh"
        if code == "75":  # Đồng Nai: centrally-run city since 30/4/2026, after the package's data
            assert their_kind == "tinh" and ours.loc[code, "kind"] == "thanh_pho"
            continue
        assert their_kind == ours.loc[code, "kind"], code
        assert resolve(p.name, "34") == code
        assert resolve(p.codename.replace("_", " "), "34") == code  # their ASCII spelling


def test_merge_matches_commune_code_blocks():
    """Commune codes were allotted in blocks by pre-2025 province, in code order. The wards of
    the 34 provinces in `vietnam_provinces`, sorted by code, must therefore run through the new
    provinces in the same order as our old→new table (Hà Nội left out: its 2008 expansion kept
    commune codes inside Hà Tây's and neighbours' blocks)."""
    vp = _vp()
    wards = sorted(vp.Ward.iter_all(), key=lambda w: int(w.code))
    seq = [f"{int(w.province_code):02d}" for w in wards if int(w.province_code) != 1]
    runs = [k for k, _ in itertools.groupby(seq)]
    m = load_merge().sort_values("old_code")
    expected = [k for k, _ in itertools.groupby(m.loc[m["new_code"] != "01", "new_code"])]
    assert runs == expected


def test_aliases_resolve_to_their_code():
    from dvc_analysis.provinces import load_aliases

    for row in load_aliases().itertuples(index=False):
        assert resolve(row.alias, row.map) == row.code


@settings(max_examples=200, deadline=None)
@given(
    item=st.sampled_from(sorted(MINISTRY_63.items())),
    prefix=st.sampled_from(["", "Tỉnh ", "tinh ", "TP. ", "Thành phố ", "T.P "]),
    strip=st.booleans(),
    form=st.sampled_from(["NFC", "NFD"]),
    case=st.sampled_from([str, str.upper, str.lower, str.title]),
    pad=st.sampled_from(["", " ", "  ", "\u00a0"]),
)
def test_resolve_is_stable_under_spelling_noise(item, prefix, strip, form, case, pad):
    name, code = item
    text = prefix + (_strip(name) if strip else name)
    text = pad + case(unicodedata.normalize(form, text)) + pad
    assert resolve(text) == code
