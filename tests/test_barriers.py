"""Tests for the barrier taxonomy, the hand-coded mentions and the rule-based coder."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis import barriers
from dvc_analysis.barriers import (
    barrier_lever_matrix,
    code_file,
    fold,
    load_barriers,
    load_lever_barrier,
    load_levers,
    load_mentions,
    mentions_by_unit,
    recommendations,
    suggest_codes,
)
from dvc_analysis.errors import UserDataError
from dvc_analysis.textio import read_paragraphs

REPO = Path(__file__).resolve().parents[1]

# Sentences written for these tests (never taken from the sources) and the codes a careful
# reader gives them. Not used to write the patterns: measured before tuning at P 0.96, R 0.96.
HELDOUT = [
    ("Hạ tầng mạng ở các xã vùng cao chưa đồng bộ, sóng điện thoại chập chờn.", {("barrier", "B01")}),
    ("Năm tới tỉnh sẽ đầu tư nâng cấp hạ tầng mạng cho các xã vùng cao.", {("lever", "L03")}),
    ("Về cơ bản, hạ tầng cho dịch vụ công trực tuyến của huyện đã sẵn sàng.", set()),
    ("Nhiều hộ gia đình không có máy tính hay điện thoại thông minh.", {("barrier", "B01")}),
    ("Kỹ năng số của người cao tuổi ở nông thôn còn yếu.", {("barrier", "B02")}),
    ("Nhiều người không biết cách sử dụng tài khoản trên cổng dịch vụ công.", {("barrier", "B02")}),
    ("Huyện tổ chức tập huấn cho người dân về cách nộp hồ sơ qua mạng.", {("lever", "L05")}),
    ("Phần lớn người dân vẫn quen đến trực tiếp bộ phận một cửa.", {("barrier", "B03")}),
    ("Công tác tuyên truyền về dịch vụ công trực tuyến ở cơ sở còn hạn chế.", {("barrier", "B03")}),
    ("Cần tăng cường tuyên truyền lợi ích của dịch vụ công trực tuyến trên đài phát thanh xã.", {("lever", "L04")}),
    ("Nhiều người lo ngại lộ thông tin cá nhân khi nộp hồ sơ qua mạng.", {("barrier", "B04")}),
    ("Vấn đề bảo mật dữ liệu vẫn chưa được người dân tin tưởng.", {("barrier", "B04")}),
    ("Giao diện cổng dịch vụ công khó sử dụng, thao tác còn phức tạp.", {("barrier", "B05")}),
    ("Bản sao điện tử không được chấp nhận nên người dân vẫn phải mang bản giấy đến.", {("barrier", "B06")}),
    ("Quy định về chữ ký số và lưu trữ điện tử còn chưa rõ ràng.", {("barrier", "B07")}),
    ("Đề nghị Bộ ban hành văn bản hướng dẫn về sao y điện tử.", {("lever", "L10")}),
    ("Việc thanh toán trực tuyến phí, lệ phí còn gặp nhiều khó khăn.", {("barrier", "B08")}),
    ("Tỉnh đã bổ sung kênh thanh toán qua ứng dụng ngân hàng.", {("lever", "L13")}),
    ("Dữ liệu giữa các cơ quan chưa được chia sẻ, liên thông.", {("barrier", "B09")}),
    ("Đẩy mạnh chia sẻ dữ liệu với Cơ sở dữ liệu quốc gia về dân cư.", {("lever", "L09")}),
    ("Một số công chức không tiếp nhận hồ sơ nộp trực tuyến.", {("barrier", "B10")}),
    ("Huyện còn thiếu cán bộ chuyên trách công nghệ thông tin.", {("barrier", "B10")}),
    ("Số dịch vụ toàn trình của huyện còn ít.", {("barrier", "B11")}),
    ("Người đứng đầu phải chịu trách nhiệm về tỷ lệ hồ sơ trực tuyến của đơn vị.", {("lever", "L01")}),
    ("Tỉnh giảm lệ phí cho hồ sơ nộp trực tuyến để khuyến khích người dân.", {("lever", "L07")}),
    ("Kết quả được trả qua dịch vụ bưu chính công ích.", {("lever", "L14")}),
    ("Khen thưởng kịp thời cán bộ có sáng kiến hay.", {("lever", "L15")}),
    ("Đoàn viên thanh niên hỗ trợ người dân mở tài khoản định danh.", {("lever", "L06")}),
    ("Tiếp tục rà soát, đơn giản hóa thành phần hồ sơ.", {("lever", "L02")}),
    ("Tỷ lệ hồ sơ trực tuyến của huyện còn thấp.", set()),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99%.", set()),
    ("Phó Giám đốc Sở Thông tin và Truyền thông cho biết như vậy.", set()),
    ("Cán bộ tiếp nhận hồ sơ nhanh chóng, đúng quy định.", set()),
]


# A second set of our own sentences. Before the rules were fixed the coder got about 7 of these
# 12 right; they were then used to fix general gaps (paper still required, filing on behalf,
# missing mechanisms, outages, staff training), so they are regression tests, not held out.
PROBE = [
    ("Người dân vùng sâu không có điều kiện tiếp cận Internet.", {("barrier", "B01")}),
    ("Nhiều thủ tục vẫn yêu cầu người dân nộp bản chính giấy tờ.", {("barrier", "B06")}),
    ("Một số cán bộ còn nộp hồ sơ thay cho người dân để đạt chỉ tiêu.", {("barrier", "B10")}),
    ("Chưa có cơ chế công nhận kết quả điện tử.", {("barrier", "B07")}),
    ("Phần mềm một cửa chưa kết nối với cơ sở dữ liệu hộ tịch.", {("barrier", "B09")}),
    ("Cần xây dựng đội ngũ cán bộ công nghệ thông tin đủ năng lực.", {("lever", "L16")}),
    ("Đường truyền thường xuyên bị gián đoạn.", {("barrier", "B01")}),
    ("Tổ chức các lớp bồi dưỡng kỹ năng số cho cán bộ cấp xã.", {("lever", "L16")}),
    ("Xã đã thành lập tổ công nghệ số cộng đồng ở 100% thôn.", {("lever", "L05")}),
    ("Người dân e ngại vì thủ tục trên mạng rườm rà.", {("barrier", "B05")}),
]


def codes_of(text: str) -> set[tuple[str, str]]:
    # the rules' reading of a sentence (the learnt model's join is tested in test_coding_model)
    coded = suggest_codes(text, learnt=False)
    return set(zip(coded["kind"], coded["code"], strict=True))


# --------------------------------------------------------------------------- taxonomy files
def test_barrier_taxonomy_follows_domain_order():
    table = load_barriers()
    assert list(table.columns) == ["code", "name_vi", "name_en", "description"]
    assert list(table["code"][:10]) == [f"B{i:02d}" for i in range(1, 11)]
    assert table["code"].is_unique
    names = dict(zip(table["code"], table["name_en"].str.lower(), strict=True))
    assert "infrastructure" in names["B01"] and "skill" in names["B02"]
    assert "trust" in names["B04"] and "payment" in names["B08"] and "staff" in names["B10"]
    assert (table[["name_vi", "name_en", "description"]] != "").all().all()


def test_levers_and_links_are_consistent():
    levers, links = load_levers(), load_lever_barrier()
    assert levers["code"].is_unique and levers["code"].str.fullmatch(r"L\d{2}").all()
    assert set(links["lever"]) <= set(levers["code"])
    assert set(links["barrier"]) <= set(load_barriers()["code"])
    assert not links.duplicated().any()
    # every barrier has at least one lever, every lever addresses at least one barrier
    assert set(links["barrier"]) == set(load_barriers()["code"])
    assert set(links["lever"]) == set(levers["code"])


def test_matrix_matches_link_table():
    matrix = barrier_lever_matrix()
    links = load_lever_barrier()
    assert matrix.shape == (len(load_barriers()), len(load_levers()))
    assert int(matrix.to_numpy().sum()) == len(links)
    assert matrix.loc["B01", "L03"] == 1 and matrix.loc["B01", "L15"] == 0


# --------------------------------------------------------------------------- mentions
def test_mentions_schema_and_codes():
    m = load_mentions()
    assert list(m.columns) == ["source_id", "paragraph", "province_code", "unit_name", "kind",
                               "code", "summary", "terms"]
    assert set(m["kind"]) == {"barrier", "lever"}
    assert (m["code"].str[0] == m["kind"].map({"barrier": "B", "lever": "L"})).all()
    assert set(m["code"]) <= set(load_barriers()["code"]) | set(load_levers()["code"])
    assert (m["paragraph"] >= 1).all()
    expected = {"000": "26", "001": "", "002": "14", "003": "74", "004": "19"}
    assert dict(zip(m["source_id"].str[:3], m["province_code"], strict=True)) == expected


def test_mentions_cite_real_paragraphs_without_copying(seeds_dir):
    m = load_mentions()
    texts = {p.stem: read_paragraphs(p) for p in seeds_dir.glob("*.txt")}
    assert set(m["source_id"]) <= set(texts)
    for row in m.itertuples():
        paragraph = texts[row.source_id][row.paragraph - 1].lower()
        for term in row.terms.split(";"):
            assert term and term.lower() in paragraph, (row.source_id, row.paragraph, term)
            assert len(term.split()) <= 10, term  # key words, not sentences
        # the summary is our own wording: no run of 7 words copied from the source
        words = row.summary.lower().split()
        for i in range(len(words) - 6):
            assert " ".join(words[i : i + 7]) not in paragraph, row.summary


def test_mentions_province_codes_match_sources_table():
    from dvc_analysis._resources import data_path

    with data_path("sources.csv").open(encoding="utf-8") as fh:
        sources = pd.read_csv(fh, dtype=str, keep_default_na=False)
    codes = dict(zip(sources["source_id"], sources["province_code"], strict=True))
    m = load_mentions()
    assert all(codes[s] == p for s, p in zip(m["source_id"], m["province_code"], strict=True))


def test_mentions_by_unit_keeps_zero_cells():
    m = load_mentions()
    table = mentions_by_unit(m)
    assert list(table.columns) == list(load_barriers()["code"])
    assert int(table.to_numpy().sum()) == int((m["kind"] == "barrier").sum())
    assert (table == 0).any().any()  # empty cells are kept, not dropped
    assert table["B08"].sum() == 0  # no source reports a payment barrier: the column stays
    phu_yen = [u for u in table.index if "Phù Yên" in u]
    assert len(phu_yen) == 1 and table.loc[phu_yen[0], "B10"] >= 1
    # units that only report levers still get a row
    assert len(table) == len(set(zip(m["province_code"], m["unit_name"], m["source_id"].str[:3],
                                     strict=True)))


def test_mentions_by_unit_levers_and_english():
    table = mentions_by_unit(kind="lever", lang="en")
    assert list(table.columns) == list(load_levers()["code"])
    assert any("Vinh Phuc" in u or "Vĩnh Phúc" in u for u in table.index)


def test_recommendations_link_barriers_to_levers():
    m = load_mentions()
    rec = recommendations(m)
    links = set(zip(load_lever_barrier()["lever"], load_lever_barrier()["barrier"], strict=True))
    # every reported barrier of every unit is in the table
    assert set(rec["barrier"]) == set(m.loc[m["kind"] == "barrier", "code"])
    for row in rec.itertuples():
        assert (row.lever, row.barrier) in links
        for cite in row.barrier_cited.split("; "):
            source, para = re.fullmatch(r"(\d{3}) ¶(\d+)", cite).groups()
            hit = m[(m["source_id"].str[:3] == source) & (m["paragraph"] == int(para))
                    & (m["code"] == row.barrier)]
            assert len(hit) >= 1
        if row.lever_cited:
            for cite in row.lever_cited.split("; "):
                source, para = re.fullmatch(r"(\d{3}) ¶(\d+)", cite).groups()
                hit = m[(m["source_id"].str[:3] == source) & (m["paragraph"] == int(para))
                        & (m["code"] == row.lever)]
                assert len(hit) >= 1
    sources = set(m["source_id"])
    for cell in pd.concat([rec["barrier_sources"], rec["lever_sources"]]):
        assert not cell or set(cell.split(";")) <= sources
    # Bình Dương reports the legal gap on e-copies and itself proposes e-certification
    bd = rec[(rec["province_code"] == "74") & (rec["barrier"] == "B07") & (rec["lever"] == "L10")]
    assert len(bd) == 1 and bool(bd["lever_same_source"].iloc[0])


def test_helpers_reject_tables_without_required_columns():
    with pytest.raises(UserDataError):
        mentions_by_unit(pd.DataFrame({"code": ["B01"]}))


# --------------------------------------------------------------------------- coder
def test_fold_keeps_positions():
    text = "Đẩy mạnh số hóa HỒ SƠ"
    assert fold(text) == "day manh so hoa ho so"
    assert len(fold(text)) == len(text)


def test_barrier_lever_and_success_are_told_apart():
    assert codes_of("Hạ tầng công nghệ ở nhiều xã chưa đồng bộ.") == {("barrier", "B01")}
    assert codes_of("Tỉnh cần đầu tư nâng cấp hạ tầng công nghệ cho các xã.") == {("lever", "L03")}
    # a barrier said to be overcome is an achievement, never a barrier
    assert codes_of("Hạ tầng công nghệ của các xã đã sẵn sàng.") == {("achievement", "B01")}


def test_same_topic_both_ways():
    assert ("barrier", "B03") in codes_of("Việc tuyên truyền đến người dân chưa thường xuyên.")
    assert codes_of("Đẩy mạnh tuyên truyền đến người dân.") == {("lever", "L04")}
    assert ("barrier", "B09") in codes_of("Các hệ thống chưa liên thông với nhau.")
    assert codes_of("Đề nghị liên thông hệ thống thuế với hệ thống của huyện.") == {("lever", "L09")}


def test_outcomes_alone_are_not_barriers():
    assert codes_of("Tỷ lệ nộp hồ sơ trực tuyến ở cấp xã còn thấp.") == set()


def test_diacritic_insensitive_and_matched_terms_as_written():
    plain = codes_of("Ha tang cong nghe o nhieu xa chua dong bo.")
    assert plain == {("barrier", "B01")}
    coded = suggest_codes("Người dân còn lạ lẫm với dịch vụ công trực tuyến.")
    assert list(coded["code"]) == ["B03"]
    assert coded["matched"].iloc[0] == "lạ lẫm"
    decomposed = "Nguo\u031bi da\u0302n co\u0300n la\u0323 la\u0302\u0303m vo\u031bi DVC."
    assert list(suggest_codes(decomposed)["code"]) == ["B03"]


def test_rows_are_per_sentence_and_code():
    text = "Hạ tầng còn yếu. Cần đầu tư hạ tầng.\n\nNgười dân lo ngại lộ thông tin cá nhân."
    coded = suggest_codes(text)
    assert list(coded.columns) == ["paragraph", "sentence", "kind", "code", "matched", "cue", "confidence"]
    assert coded["confidence"].between(0, 1).all()
    assert list(zip(coded["paragraph"], coded["code"], strict=True)) == [(1, "B01"), (1, "L03"), (2, "B04")]
    assert coded["sentence"].iloc[1] == "Cần đầu tư hạ tầng."
    assert not coded.duplicated(["paragraph", "sentence", "code"]).any()


def test_number_points_do_not_split_sentences():
    coded = suggest_codes("Huyện có 1.542 thủ tục, nhưng hạ tầng mạng còn yếu.")
    assert len(coded) == 1 and coded["sentence"].iloc[0].startswith("Huyện có 1.542")


def test_empty_text_gives_empty_table():
    coded = suggest_codes("")
    assert coded.empty and list(coded.columns) == barriers.COLUMNS


def test_fold_collisions_do_not_fire():
    # "Truyền thông" (ministry) vs "truyền thống"; "Giám đốc" vs "giảm"; "cán bộ" vs "cần"
    assert codes_of("Phó Giám đốc Sở Thông tin và Truyền thông phát biểu.") == set()
    assert codes_of("Cán bộ tiếp nhận hồ sơ nhanh chóng.") == set()


def test_heldout_precision_recall():
    tp = fp = fn = 0
    for sentence, expected in HELDOUT:
        got = codes_of(sentence)
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
    assert tp / (tp + fp) >= 0.85 and tp / (tp + fn) >= 0.85


@pytest.mark.parametrize(("sentence", "expected"), PROBE)
def test_probe_sentence(sentence, expected):
    assert codes_of(sentence) == expected


def test_every_code_has_rules():
    coded = {rule.code for rule in barriers.rules()}
    assert coded == set(load_barriers()["code"]) | set(load_levers()["code"])


# --------------------------------------------------------------------------- files
def test_code_file_txt_md_docx(tmp_path):
    text = "Hạ tầng mạng ở các xã vùng cao chưa đồng bộ.\nCần tăng cường tuyên truyền về dịch vụ công."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text("# Báo cáo\n\n" + text, encoding="utf-8")
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "a.docx")
    for name, first in (("a.txt", 1), ("a.md", 2), ("a.docx", 1)):
        coded = code_file(tmp_path / name)
        assert list(coded["code"]) == ["B01", "L04"], name
        assert list(coded["paragraph"]) == [first, first + 1], name


def test_bad_files_raise_user_data_error(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "english.txt").write_text(
        "Online public services remain underused because broadband is patchy and people\n"
        "prefer to queue at the one-stop desk. The province will invest in infrastructure.\n",
        encoding="utf-8",
    )
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    for name in ("missing.txt", "empty.txt", "blank.txt", "binary.txt", "english.txt", "table.csv"):
        with pytest.raises(UserDataError) as info:
            code_file(tmp_path / name)
        assert info.value.vi and info.value.en and "\n" not in str(info.value)
    with pytest.raises(UserDataError) as info:
        code_file(tmp_path / "english.txt")
    assert "Vietnamese" in info.value.en


def test_language_check():
    assert barriers.is_vietnamese("Hạ tầng còn yếu.")
    assert barriers.is_vietnamese("Ha tang mang o cac xa con yeu, nguoi dan kho nop ho so truc tuyen.")
    assert not barriers.is_vietnamese("Les services publics en ligne sont très utilisés à la préfecture.")
    assert not barriers.is_vietnamese("Online services are used by few people in rural districts.")
    assert not barriers.is_vietnamese("1.542 / 1.868 — 82,5%")


def test_unaccented_vietnamese_file_is_accepted(tmp_path):
    path = tmp_path / "khongdau.txt"
    path.write_text("Ha tang mang o cac xa vung cao chua dong bo, nguoi dan kho nop ho so truc tuyen.",
                    encoding="utf-8")
    assert "B01" in set(code_file(path)["code"])


# --------------------------------------------------------------------------- evaluation
def test_evaluation_on_sources_meets_targets(seeds_dir):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from eval_barriers import evaluate
    finally:
        sys.path.pop(0)
    table = evaluate(seeds_dir)
    overall = table.set_index("code").loc["ALL"]
    assert overall["gold"] == len(load_mentions()[["source_id", "paragraph", "kind", "code"]]
                                  .drop_duplicates())
    # in-sample (the older rules were written from these five texts); accuracy on unseen texts
    # is measured on the held-out corpus (tests/test_corpus_eval.py)
    assert overall["recall"] >= 0.75
    assert overall["precision"] >= 0.65


# --------------------------------------------------------------------------- reading words as written
@pytest.mark.parametrize(("sentence", "absent"), [
    ("Trên 7.600 hồ sơ bị quá hạn trong quý I.", ("barrier", "B04")),  # "hồ sơ bị", not "sợ bị"
    ("Thành phố yêu cầu không thu hồ sơ giấy đối với 25 dịch vụ thiết yếu.", ("barrier", "B06")),
    ("Tại hội thảo “Người cao tuổi còn hạn chế kỹ năng số” các đại biểu đã thảo luận.", ("barrier", "B02")),
    ("Người dân chưa biết cách nộp nên cán bộ phải hướng dẫn.", ("barrier", "B10")),
    # "cannot be altered" is a safeguard of the system, not a trouble in using it
    ("Hồ sơ lưu trên hệ thống điện tử không thể bị sửa đổi hay làm giả.", ("barrier", "B05")),
])
def test_marked_words_and_names_are_not_misread(sentence, absent):
    assert absent not in codes_of(sentence)


def test_marked_text_and_unmarked_text_and_both_tone_placements_agree():
    marked = codes_of("Số hóa dữ liệu còn chậm, hạ tầng mạng còn yếu.")
    assert marked == {("barrier", "B09"), ("barrier", "B01")}
    assert codes_of("Số hoá dữ liệu còn chậm, hạ tầng mạng còn yếu.") == marked
    assert codes_of("So hoa du lieu con cham, ha tang mang con yeu.") == marked


def test_phrases_of_another_code_keep_their_predicate():
    # "chưa kết nối" belongs to data sharing: the software named before it is not also a usability barrier
    assert codes_of("Phần mềm một cửa chưa kết nối với cơ sở dữ liệu hộ tịch.") == {("barrier", "B09")}
    assert ("barrier", "B10") in codes_of("Cán bộ một cửa còn kiêm nhiệm nhiều việc.")
    assert ("barrier", "B05") in codes_of("Cổng dịch vụ công thường xuyên bị nghẽn khi nộp hồ sơ.")


# one sentence per way of saying each barrier, written for this test (none from the corpus), plus
# sentences that name a topic without a problem: each barrier sentence gets its code and no other
_PROBES = pd.read_csv(Path(__file__).parent / "fixtures" / "barrier_probes.csv", dtype=str,
                      keep_default_na=False)


@pytest.mark.parametrize(("code", "sentence"), list(_PROBES.itertuples(index=False, name=None)))
def test_each_barrier_said_in_other_words(code, sentence):
    barriers = {c for kind, c in codes_of(sentence) if kind == "barrier"}
    assert barriers == ({code} if code else set())


_LEVER_PROBES = pd.read_csv(Path(__file__).parent / "fixtures" / "lever_probes.csv", dtype=str,
                            keep_default_na=False)


@pytest.mark.parametrize(("code", "sentence"), list(_LEVER_PROBES.itertuples(index=False, name=None)))
def test_each_lever_said_in_other_words(code, sentence):
    coded = codes_of(sentence)
    assert ("lever", code) in coded
    assert not {c for kind, c in coded if kind == "barrier"}


def test_a_congested_network_is_read_as_the_portal_giving_way():
    # hand coders read "nghẽn mạng" at peak hours as the portal under load (B05) more often than as
    # the user's line (B01); the coder suggests both and leaves the choice to the reviewer
    codes = codes_of("Vào giờ cao điểm cổng đăng ký bị nghẽn mạng nên nhiều người phải thử lại nhiều lần.")
    assert ("barrier", "B05") in codes

