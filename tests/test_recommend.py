"""Recommendations: hand-built golden cases on the bundled evidence, and properties of the ranking.

The golden cases were reasoned from the source texts and the lever tables before looking at the
ranking; each states why the expected levers should lead.
"""

from __future__ import annotations

import re
import types

import pandas as pd
import pytest

from dvc_analysis import analyse
from dvc_analysis.analysis.lever_knowledge import load_knowledge
from dvc_analysis.analysis.recommend import (
    DEFAULT_WEIGHTS,
    check_weights,
    recommend,
    sensitivity,
)
from dvc_analysis.analysis.recommend_text import (
    THIN_VI,
    key_recommendations,
    method_paragraph,
    ranked_table,
    workbook_sheet,
)
from dvc_analysis.errors import UsageError, UserDataError
from dvc_analysis.intake.levers import (
    EVIDENCE_SHEET,
    LEVER_SHEET,
    read_lever_file,
    write_lever_template,
)

UNNAMED, THAI_NGUYEN, PHU_YEN = "?001", "19", "14"


@pytest.fixture(scope="module")
def results():
    # read by attribute only, as the views read the frozen Results; a namespace lets the
    # property tests swap one table at a time
    return types.SimpleNamespace(**analyse().as_dict())


@pytest.fixture(scope="module")
def rec(results):
    return recommend(results)


def _unit(rec, key):
    return rec[rec["unit_key"] == key].set_index("lever")


def _ns(results, **changes):
    return types.SimpleNamespace(**{**vars(results), **changes})


# ------------------------------------------------------------------------------ golden cases


def test_unnamed_province_2024_payment_chain_and_use_gap(rec):
    """Source 001 (a province it does not name), 2024.

    Gaps: in the payment chain, only 183 of the 309 fee-bearing services that received dossiers
    had any online payment (59,2 %, ¶4), the weakest step of the chain; 860 of the 1.385
    integrated services received a dossier (¶3); 43,4 % of fee dossiers were paid online against
    the 50 % target for 2024 (quoted in 003 ¶13). Barriers it names (¶5): access and
    infrastructure (twice), too little help for citizens (B10), security worries (B04).

    Expected: hands-on help at the desks (L06: open accounts, file and pay on the spot) is the
    one lever that answers the weakest payment step AND two of the three barriers named (B01,
    B10), so it ranks first, on the 183/309 step. Leadership targets (L01) answer the use gap
    and have figures after the lever in 003 ¶13, so they are in the top three. Online payment
    (L13) answers the payment step too but no source names a payment barrier: it is listed on
    that gap alone, without barriers, and ranks above fee incentives (L07), whose only gap is
    the smaller shortfall to the 2024 payment target.
    """
    u = _unit(rec, UNNAMED)
    assert u["rank"].idxmin() == "L06"
    l06 = u.loc["L06"]
    assert l06["gap_indicator"] == "payment_dvctt_online_share"
    assert l06["gap_value"].startswith("183/309")
    assert set(l06["barriers"].split(";")) == {"B01", "B10"}
    assert {"001 ¶4", "001 ¶5"} <= set(l06["evidence"].split("; "))
    assert u.loc["L01", "rank"] <= 3
    assert u.loc["L13", "gap_indicator"] == "payment_dvctt_online_share"
    assert u.loc["L13", "barriers"] == ""
    assert u.loc["L13", "rank"] < u.loc["L07", "rank"]
    assert "183" in u.loc["L06", "text_vi"] and "[001 ¶4]" in u.loc["L06", "text_vi"]


def test_thai_nguyen_2022_high_provision_low_use_awareness(rec):
    """Source 004, Thái Nguyên, early 2022.

    Gap: every eligible procedure is offered at level 4 (¶3), yet only 158 of 1.292 online
    services received a dossier (12,22 %, ¶5), against 55,8 % in the unnamed province (001 ¶3);
    47,75 % of dossiers were online against the province's own 55 % target (¶11). Barriers:
    people keep the habit of coming in person or do not know the services (B03, ¶8, ¶9, ¶10),
    weak digital skills (B02, ¶9), no device (B01, ¶9).

    Expected: the three leading levers answer the use gap and the awareness barrier: targets
    and accountability (L01, which the source itself reports in ¶11), guidance and skills
    (L05: B02 and B03 are four of the five mentions) and communication (L04). L04 and L05 are
    only proposed in the sources, so their sentences say the evidence is too thin to set a
    priority. Hands-on help (L06, reported in ¶13) follows right after.
    """
    u = _unit(rec, THAI_NGUYEN)
    top3 = set(u.index[u["rank"] <= 3])
    assert top3 == {"L01", "L04", "L05"}
    assert (u.loc[list(top3), "gap_indicator"] == "dvctt_with_dossiers").all()
    assert all("004 ¶5" in e for e in u.loc[list(top3), "evidence"])
    assert all("B03" in b for b in u.loc[list(top3), "barriers"])
    for lever in ("L04", "L05"):
        assert u.loc[lever, "thin_evidence"]
        assert THIN_VI in u.loc[lever, "text_vi"]
    assert not u.loc["L01", "thin_evidence"]
    assert "[004 ¶11]" in u.loc["L01", "text_vi"]  # the province's own target and lever
    assert u.loc["L06", "rank"] == 4


def test_phu_yen_fields_without_online_services(rec):
    """Source 002, Phù Yên district (Sơn La), 2017–2019.

    Gap: only 59 of the 343 procedures were at level 3 or 4 at the end of 2018 (¶26); nine of
    the fourteen fields of its catalogue (taxes 65 procedures, education 30, ...) do not appear
    in its list of level-3 services. Barriers: most services stop at levels 1–2 (B11, ¶29); tax,
    insurance and health need interconnection with agencies outside the district (B09, ¶31);
    the police and inspection wait for guidance, and a pilot was halted pending instructions
    (B07, ¶26, ¶31).

    Expected: expanding online services (L12) first — it answers B11 and the coverage gap and
    has figures after the lever in 000 ¶4, 000 ¶5 and 002 ¶27; then connecting systems (L09,
    B09) and rules for electronic documents (L10, B07). L10 has no reported result, only
    proposals and a contrary finding in 003 ¶10, which its sentence reports.
    """
    u = _unit(rec, PHU_YEN)
    assert list(u.sort_values("rank").index[:3]) == ["L12", "L09", "L10"]
    assert (u.loc[["L12", "L09", "L10"], "gap_value"] == "59/343 (17,2%)").all()
    assert "002 ¶26" in u.loc["L12", "evidence"]
    assert {"000 ¶4", "000 ¶5", "002 ¶27"} <= set(u.loc["L12", "evidence"].split("; "))
    assert u.loc["L12", "confidence"] == "high"
    assert "Thuế (65 thủ tục)" in u.loc["L12", "text_vi"]
    assert "B09" in u.loc["L09", "barriers"] and "B07" in u.loc["L10", "barriers"]
    assert THIN_VI in u.loc["L10", "text_vi"] and "[003 ¶10]" in u.loc["L10", "text_vi"]
    assert u.loc["L12", "unit"] == "huyện Phù Yên (Sơn La)"


# ------------------------------------------------------------------------------ properties


def test_ranks_are_one_to_n_with_non_increasing_scores(rec):
    for _, g in rec.groupby("unit_key"):
        g = g.sort_values("rank")
        assert list(g["rank"]) == list(range(1, len(g) + 1))
        assert (g["score"].diff().dropna() <= 1e-12).all()


def test_score_is_the_weighted_sum_of_its_parts(rec):
    w = check_weights(None)
    parts = sum(w[p] * rec[f"part_{p}"] for p in DEFAULT_WEIGHTS)
    assert (rec["score"] - parts).abs().max() < 1e-12
    for p in DEFAULT_WEIGHTS:
        assert rec[f"part_{p}"].between(0, 1).all()


def test_every_row_cites_a_source_and_rests_on_a_gap_or_barrier(rec):
    cite = re.compile(r"\d{3} ¶\d+")
    assert rec["evidence"].map(lambda e: bool(cite.search(e))).all()
    assert ((rec["gap_cited"] != "") | (rec["barriers_cited"] != "")).all()
    assert rec["text_vi"].map(lambda t: bool(cite.search(t))).all()
    assert rec["text_en"].map(lambda t: bool(cite.search(t))).all()


def test_thin_evidence_is_said_in_both_languages(rec):
    thin = rec["confidence"] == "low"
    assert thin.any() and (~thin).any()
    assert rec.loc[thin, "text_vi"].str.contains(THIN_VI).all()
    assert not rec.loc[~thin, "text_vi"].str.contains(THIN_VI).any()
    assert rec.loc[thin, "text_en"].str.contains("too thin").all()


def test_no_causal_wording(rec):
    causal = ["nhờ ", "dẫn đến", "làm tăng", "giúp tăng", "chứng minh", "thanks to", "led to",
              "caused", "proves", "resulted in"]
    for text in list(rec["text_vi"]) + list(rec["text_en"]):
        low = text.lower()
        assert not [w for w in causal if w in low], text


def test_shuffling_rows_changes_nothing(results, rec):
    shuffled = _ns(
        results,
        obs=results.obs.sample(frac=1, random_state=1),
        gaps=results.gaps.sample(frac=1, random_state=2),
        pipelines=results.pipelines.sample(frac=1, random_state=3),
        mentions=results.mentions.sample(frac=1, random_state=4),
        targets=results.targets.sample(frac=1, random_state=5),
    )
    again = recommend(shuffled)
    cols = ["unit", "rank", "lever", "score", "gap_indicator", "evidence", "text_vi", "text_en"]
    pd.testing.assert_frame_equal(again[cols].reset_index(drop=True), rec[cols].reset_index(drop=True))


def test_renaming_a_unit_changes_only_its_name(results, rec):
    old, new = "huyện Phù Yên", "huyện Thử Nghiệm"

    def rename(df):
        df = df.copy()
        df["unit_name"] = df["unit_name"].replace(old, new)
        return df

    renamed = recommend(_ns(results, obs=rename(results.obs), gaps=rename(results.gaps),
                            pipelines=rename(results.pipelines), mentions=rename(results.mentions)))
    cols = ["unit_key", "rank", "lever", "score", "evidence", "barriers", "confidence"]
    pd.testing.assert_frame_equal(renamed[cols].reset_index(drop=True), rec[cols].reset_index(drop=True))
    assert set(renamed.loc[renamed["unit_key"] == PHU_YEN, "unit"]) == {"huyện Thử Nghiệm (Sơn La)"}
    # the gaps now speak of the new name; the lever evidence table keeps naming the real district
    clauses = [c for cs in renamed.loc[renamed["unit_key"] == PHU_YEN, "gap_clauses_vi"] for c in cs]
    assert clauses and all(old not in c for c in clauses) and any(new in c for c in clauses)


def _single_source_barriers(mentions):
    b = mentions[mentions["kind"] == "barrier"].copy()
    b["key"] = [c if c else "?" + s[:3] for c, s in zip(b["province_code"], b["source_id"], strict=True)]
    counts = b.groupby(["key", "code"])["source_id"].nunique()
    return [(k, c) for (k, c), n in counts.items() if n == 1]


def test_removing_the_only_source_of_a_barrier_removes_what_rests_on_it_alone(results, rec):
    cases = _single_source_barriers(results.mentions)
    assert len(cases) >= 10
    checked = 0
    for key, code in cases[:6]:
        m = results.mentions
        keys = [c if c else "?" + s[:3] for c, s in zip(m["province_code"], m["source_id"], strict=True)]
        drop = (m["kind"] == "barrier") & (m["code"] == code) & (pd.Series(keys, index=m.index) == key)
        after = recommend(_ns(results, mentions=m[~drop]))
        before = rec[rec["unit_key"] == key]
        alone = before[(before["gap_indicator"] == "") & (before["barriers"] == code)]
        kept = before[~before.index.isin(alone.index)]
        now = set(after.loc[after["unit_key"] == key, "lever"])
        assert not (set(alone["lever"]) & now), (key, code)
        assert set(kept["lever"]) <= now, (key, code)
        checked += len(alone)
    assert checked > 0  # at least one case had a recommendation resting on the barrier alone


def test_focus_and_weights(results, rec):
    only = recommend(results, focus=["Thái Nguyên"])
    assert set(only["unit_key"]) == {THAI_NGUYEN}
    assert list(only["lever"]) == list(rec.loc[rec["unit_key"] == THAI_NGUYEN, "lever"])
    gap_only = recommend(results, weights={"gap": 1, "barrier": 0, "evidence": 0, "feasibility": 0})
    for _, g in gap_only.groupby("unit_key"):
        assert (g.sort_values("rank")["part_gap"].diff().dropna() <= 1e-12).all()
    with pytest.raises(UsageError):
        recommend(results, weights={"cost": 1})
    with pytest.raises(UsageError):
        recommend(results, focus="Atlantis")


def test_sensitivity_matches_recommend_and_flags_stable_leaders(results, rec):
    s = sensitivity(results)
    merged = s.merge(rec[["unit_key", "lever", "rank"]], on=["unit_key", "lever"])
    assert len(merged) == len(rec)
    assert (merged["rank_default"] == merged["rank"]).all()
    assert (s["best_rank"] <= s["worst_rank"]).all()
    assert (s.loc[s["stays_on_top"], "worst_rank"] <= 3).all()
    # L12 leads in Phù Yên under every scheme: largest gap, barrier B11 and the best evidence
    phu = s[(s["unit_key"] == PHU_YEN) & (s["lever"] == "L12")].iloc[0]
    assert phu["worst_rank"] == 1


# ------------------------------------------------------------------------------ report parts


def test_report_parts(rec):
    keys = key_recommendations(rec, n=5)
    assert 3 <= len(keys) <= 5
    assert all(re.search(r"\d{3} ¶\d+", k) for k in keys)
    table = ranked_table(rec)
    assert len(table) == len(rec) and "Hạng" in table.columns
    sheet = workbook_sheet(rec, lang="en")
    assert "Recommendation (Vietnamese)" in sheet.columns
    for lang, phrase in (("vi", "không ước lượng tác động"), ("en", "does not estimate an effect")):
        assert phrase in method_paragraph(lang=lang)
    assert "0,50" in method_paragraph(weights={"gap": 2, "barrier": 1, "evidence": 1, "feasibility": 0})


def test_english_sentences_are_english(rec):
    assert not rec["text_en"].str.contains("Đề nghị|Cơ sở đề xuất|chưa đủ bằng chứng").any()
    assert rec["text_en"].str.contains("should").all()


# ------------------------------------------------------------------------------ user levers


def test_lever_template_round_trip_and_row_level_rejections(tmp_path):
    import openpyxl

    path = write_lever_template(tmp_path / "giai_phap.xlsx")
    ok = read_lever_file(path)
    assert len(ok.levers) == 1 and len(ok.evidence) == 1 and ok.rejected.empty
    wb = openpyxl.load_workbook(path)
    wb[LEVER_SHEET].append(["L04", "trùng mã", "", "UBND", "", "tỉnh", "ngắn", "dossier_online_share"])
    wb[LEVER_SHEET].append(["U09", "thời hạn sai", "", "UBND", "", "tỉnh", "sớm", "dossier_online_share"])
    wb[EVIDENCE_SHEET].append(["U77", "báo cáo", "2", "", "", "", "nhận định", "", "", "", "", "tóm tắt"])
    wb.save(path)
    out = read_lever_file(path)
    assert len(out.levers) == 1 and len(out.evidence) == 1  # the valid example rows are kept
    where = list(zip(out.rejected["sheet"], out.rejected["row"], out.rejected["column"], strict=True))
    assert where == [(LEVER_SHEET, 3, "mã"), (LEVER_SHEET, 4, "thời hạn"), (EVIDENCE_SHEET, 3, "giải pháp")]
    assert out.rejected["reason_vi"].str.len().gt(0).all() and out.rejected["reason_en"].str.len().gt(0).all()
    assert out.rejected["file"].eq("giai_phap.xlsx").all()
    with pytest.raises(UserDataError) as err:
        load_knowledge(path)
    assert len(err.value.problems) == 3


def test_user_lever_enters_the_ranking_with_its_evidence(tmp_path, results):
    import openpyxl

    path = write_lever_template(tmp_path / "giai_phap.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[EVIDENCE_SHEET]
    ws.delete_rows(2)
    ws.append(["U01", "Báo cáo huyện X 2023", "4", "", "Sơn La", "huyện X", "chỉ có số sau",
               "dossier_online_share", "", "35%", "năm 2023", "Tỷ lệ hồ sơ trực tuyến của huyện sau khi có điểm lưu động"])
    wb.save(path)
    k = load_knowledge(path)
    rec = recommend(results, knowledge=k)
    u01 = rec[rec["lever"] == "U01"]
    # U01 addresses B01 and B02: every unit whose sources name one of them gets it
    assert set(u01["unit_key"]) >= {THAI_NGUYEN, PHU_YEN, UNNAMED}
    assert u01["evidence"].str.contains("Báo cáo huyện X 2023 ¶4").all()
    assert u01["text_vi"].str.contains("điểm một cửa lưu động").all()
    assert (u01["confidence"] == "medium").all()


def test_data_template_carries_the_lever_sheets_and_each_reader_takes_its_own(tmp_path):
    import openpyxl

    from dvc_analysis.intake.template import write_template
    from dvc_analysis.intake.userfile import read_user_file

    path = write_template(tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(path)
    assert {LEVER_SHEET, EVIDENCE_SHEET} <= set(wb.sheetnames)
    assert wb[LEVER_SHEET].max_row == 1  # headers only: no example row to be taken for data
    wb["Dữ liệu"].append(["Sơn La", "", "dossier_online_share", "01/01/2023", "31/12/2023", "", "", "35%",
                          "báo cáo huyện", ""])
    wb[LEVER_SHEET].append(["U01", "Một cửa lưu động", "", "UBND cấp xã", "", "tỉnh", "ngắn",
                            "dossier_online_share", "B01"])
    wb.save(path)
    obs, rejected, _ = read_user_file(path)
    assert len(obs) == 1 and rejected.empty  # the lever sheets are not read as figures
    lev = read_lever_file(path)
    assert list(lev.levers["code"]) == ["U01"] and lev.rejected.empty


# ------------------------------------------------------------------------------ optional inputs


def test_survey_prevalence_raises_the_barrier_part(results, rec):
    """No source names a payment barrier for the unnamed province; a survey in which 60 % of
    respondents cite payment trouble (B08) lifts the barrier part of online payment (L13)."""
    survey = pd.DataFrame({"unit_key": [UNNAMED], "barrier": ["B08"], "prevalence": [60.0]})
    with_survey = recommend(_ns(results, survey_barriers=survey))
    before = _unit(rec, UNNAMED).loc["L13"]
    after = _unit(with_survey, UNNAMED).loc["L13"]
    assert before["part_barrier"] == 0 and after["part_barrier"] == pytest.approx(0.6)
    assert after["rank"] < before["rank"]
    # the survey module's table: rows by group are ignored, the all-respondents row counts
    prev = pd.DataFrame({"province_code": ["", ""], "group": ["", "gioi_tinh"], "group_value": ["", "nu"],
                         "code": ["B08", "B08"], "prevalence": [25.0, 90.0]})
    from_module = recommend(_ns(results, survey_barriers=prev))
    l13 = from_module.loc[from_module["lever"] == "L13", "part_barrier"]
    assert len(l13) and (l13 - 0.25).abs().max() < 1e-9


def test_dossier_hotspots_name_where_to_start(results):
    hot = pd.DataFrame({"province_code": ["19", "19", "19", "19"],
                        "name": ["Đăng ký khai tử", "Cấp giấy phép xây dựng", "Chứng thực bản sao", "Khác"],
                        "dossiers_offline": [120, 300, 950, 10]})
    out = recommend(_ns(results, dossier_hotspots=hot), focus="19")
    first = out[out["rank"] == 1].iloc[0]
    assert "Chứng thực bản sao (950), Cấp giấy phép xây dựng (300), Đăng ký khai tử (120)" in first["text_vi"]
    assert "Khác" not in first["text_vi"]


def test_without_gaps_or_barriers_there_is_nothing_to_recommend(results):
    empty = _ns(results, gaps=results.gaps.head(0), pipelines=results.pipelines.head(0),
                mentions=results.mentions.head(0), obs=results.obs.head(0))
    out = recommend(empty)
    assert out.empty
    assert key_recommendations(out) == [] and ranked_table(out).empty


def test_sentences_and_evidence_summaries_copy_no_source_wording(results, seeds_dir):
    """No run of eight words from a source paragraph appears in a generated sentence or in the
    hand-written summaries of the evidence table (figures and names are short, sentences are not)."""
    from dvc_analysis.text.textio import read_paragraphs

    # names of things (indicators, fields, institutions) may repeat the sources' words: cut them out
    names = list(results.indicators["name_vi"]) + list(results.obs["component"].dropna()) + list(
        results.pipelines["stage_vi"]) + [
        "Trung tâm Phục vụ hành chính công", "Cơ sở dữ liệu quốc gia về dân cư", "bộ phận một cửa"]
    names = sorted({n.lower() for n in names if len(n.split()) > 1}, key=len, reverse=True)

    def runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
        text = text.lower()
        for name in names:
            text = text.replace(name, " | ")
        out = set()
        for part in text.split("|"):
            words = re.findall(r"\w+", part)
            out |= {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
        return out

    source = set()
    for path in seeds_dir.glob("*.txt"):
        for para in read_paragraphs(path):
            source |= runs(para)
    k = load_knowledge()
    ours = list(recommend(results)["text_vi"]) + list(k.evidence["summary_vi"]) + list(k.templates["action_vi"])
    copied = [t for t in ours if runs(t) & source]
    assert not copied, copied[:2]


def _filled_template(tmp_path, bad_lever: bool = False):
    import openpyxl

    from dvc_analysis.intake.template import write_template

    path = write_template(tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Dữ liệu"].append(["Thái Nguyên", "", "dossier_online_share", "01/01/2023", "31/12/2023", "", "",
                          "52%", "báo cáo tỉnh 2023", ""])
    wb[LEVER_SHEET].append(["U01", "Một cửa lưu động", "Mobile one-stop desks", "UBND cấp xã",
                            "commune People's Committees", "tỉnh", "sớm" if bad_lever else "ngắn",
                            "dossier_online_share", "B03"])
    wb.save(path)
    return path


def test_report_results_use_the_levers_of_the_data_file(tmp_path):
    rec = analyse([_filled_template(tmp_path)]).recommendations
    u01 = rec[rec["lever"] == "U01"]
    # U01 answers B03 (named for Thái Nguyên and Phù Yên) and the online-filing share, which is
    # short of target in Vĩnh Phúc and Bình Dương too; the unnamed province has neither
    assert set(u01["unit_key"]) == {THAI_NGUYEN, PHU_YEN, "26", "74"}
    assert u01["text_vi"].str.contains("Đề nghị UBND tỉnh giao UBND cấp xã thực hiện giải pháp").all()
    assert (u01["confidence"] == "low").all()
    with pytest.raises(UserDataError) as err:
        analyse([_filled_template(tmp_path / "bad", bad_lever=True)])
    assert err.value.problems.iloc[0]["column"] == "thời hạn"


def test_cli_validate_checks_the_lever_sheets(tmp_path, capsys):
    from dvc_analysis.cli import main

    assert main(["validate", str(_filled_template(tmp_path))]) == 0
    assert main(["validate", str(_filled_template(tmp_path / "bad", bad_lever=True))]) == 1
    out = capsys.readouterr().out
    assert "thời hạn" in out and "horizon must be" in out
    assert (tmp_path / "bad" / "mau.levers.rejected.csv").exists()


def test_a_units_ranking_does_not_depend_on_the_other_provinces_in_view(rec):
    alone = analyse(provinces=["Thái Nguyên"]).recommendations
    together = rec[rec["unit_key"] == THAI_NGUYEN]
    cols = ["lever", "rank", "part_gap", "part_barrier", "part_evidence", "part_feasibility"]
    # the use gap is compared with the best peer in view; alone there is no peer, the gap stays
    pd.testing.assert_frame_equal(alone[cols].reset_index(drop=True), together[cols].reset_index(drop=True))


def test_with_recommendations_keeps_a_frozen_results_frozen(results, rec):
    import dataclasses

    fields = ["lang", "obs", "gaps", "pipelines", "mentions", "indicators", "comparisons_province",
              "targets", "recommendations"]
    Frozen = dataclasses.make_dataclass("Frozen", fields, frozen=True)
    before = Frozen(**{f: getattr(results, f) for f in fields})
    from dvc_analysis.analysis.recommend import with_recommendations

    after = with_recommendations(before)
    assert type(after) is Frozen and after is not before
    assert list(after.recommendations["lever"]) == list(rec["lever"])


def test_dossier_engine_run_feeds_the_hot_spots(results, repo_root):
    """A real dossier-engine run on the bundled test export: its procedures with most dossiers
    filed in person appear in the recommendations of the province the export belongs to."""
    pytest.importorskip("duckdb")
    from dvc_analysis.analysis.recommend import dossier_hotspots
    from dvc_analysis.dossiers.compute import run

    computation = run([repo_root / "tests" / "fixtures" / "dossiers" / "ho_so_mau.csv"], by="thutuc")
    hot = dossier_hotspots(computation)
    assert len(hot) and (hot["dossiers_offline"] >= 0).all()
    out = recommend(_ns(results, dossier_hotspots=hot))
    code = hot["province_code"].iloc[0]
    top_name = hot["name"].iloc[0]
    mine = out[(out["unit_key"] == code) & (out["gap_indicator"] != "")]
    assert len(mine) and mine["text_vi"].str.contains(top_name, regex=False).all()
