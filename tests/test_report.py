"""The report built from the bundled data: Word, HTML, Excel/CSV outputs and generated findings.

The report is built once per test session (module-scoped fixture); expected counts come from
the package's own DataFrames (figures registry, analysis functions), never typed by hand.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis import findings as fnd
from dvc_analysis import fmt
from dvc_analysis.report import SECTIONS, build_report, number_blocks, prepare

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    messages: list[str] = []
    summary = build_report(out, progress=messages.append)
    return out, summary, messages


@pytest.fixture(scope="module")
def ctx():
    return prepare()


@pytest.fixture(scope="module")
def document(built):
    out, _, _ = built
    return docx.Document(str(out / "report.docx"))


def _figure_pngs(out: Path) -> list[Path]:
    return sorted((out / "figures").glob("*.png"))


# ---------------------------------------------------------------------------------------------
# outputs


def test_all_outputs_written_and_progress_by_stage(built):
    out, summary, messages = built
    for name in ("report.html", "report.docx", "README.txt", "tables/dvc_tables.xlsx"):
        assert (out / name).is_file(), name
    outputs = [Path(p) for p in summary["outputs"]]
    # one short line per stage, with its counts, rather than one per file
    assert 3 <= len(messages) < len(outputs)
    assert any(m == f"hình: {summary['figures']}" for m in messages), messages
    assert any(m == f"bảng: {summary['tables']}" for m in messages), messages
    assert len(set(outputs)) == len(outputs)
    for path in outputs:
        assert path.is_file() and path.stat().st_size > 0, path
    assert summary["figures"] == len(_figure_pngs(out)) > 0
    for png in _figure_pngs(out):
        for ext in (".svg", ".pdf"):
            assert png.with_suffix(ext).is_file()
    assert summary["seconds"] > 0


def test_readme_names_inputs_version_and_files(built):
    import dvc_analysis

    out, summary, _ = built
    text = (out / "README.txt").read_text(encoding="utf-8")
    assert dvc_analysis.__version__ in text
    assert "observations.csv" in text
    for path in summary["outputs"]:
        if Path(path).name != "README.txt":
            assert Path(path).relative_to(out).as_posix() in text


# ---------------------------------------------------------------------------------------------
# Word


def test_docx_page_setup_font_and_page_numbers(built, document):
    out, _, _ = built
    section = document.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.05
    assert abs(section.page_height.cm - 29.7) < 0.05
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 13
    with zipfile.ZipFile(out / "report.docx") as z:
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in f and "fldChar" in f for f in footers)


def _placed(out: Path) -> int:
    """Figures the report shows (files named after their number there, hinh_NN_...)."""
    return len(list((out / "figures").glob("hinh_*.png")))


def test_docx_has_numbered_section_headings_in_order(document):
    # numbered sections only (the list of abbreviations before them carries no number)
    level1 = [p.text for p in document.paragraphs
              if p.style.name == "Heading 1" and re.match(r"^\d+\.", p.text)]
    expected = [vi for _, vi, _ in SECTIONS]
    assert [re.sub(r"^\d+\.\s*", "", h) for h in level1] == expected
    assert [h.split(".")[0] for h in level1] == [str(i) for i in range(1, len(expected) + 1)]
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    numbered = [h for h in level2 if re.match(r"^\d+\.\d+\.\s", h)]
    assert numbered, "sub-sections carry numbers like 2.1."


def test_docx_one_image_and_one_caption_per_figure_with_source_note(built, document):
    out, summary, _ = built
    n = _placed(out)
    assert 0 < n <= summary["figures"]
    assert len(document.inline_shapes) == n
    paragraphs = document.paragraphs
    captions = [i for i, p in enumerate(paragraphs) if re.match(r"^Hình \d+\. ", p.text)]
    assert len(captions) == n
    assert [int(re.match(r"^Hình (\d+)\.", paragraphs[i].text).group(1)) for i in captions] == list(
        range(1, n + 1)
    )
    for i in captions:
        # the picture sits right above its caption, the source note right below
        assert paragraphs[i - 1]._p.xpath(".//w:drawing"), paragraphs[i].text
        assert "Nguồn" in paragraphs[i + 1].text, paragraphs[i].text
    assert all(len(paragraphs[i].text.split(". ", 1)[1]) > 3 for i in captions)


def _svg_title_and_sources(svg: Path) -> tuple[str, list[str]]:
    """Title and the source ids of the note drawn in a figure (SVG keeps text as text)."""
    text = svg.read_text(encoding="utf-8")

    def group(gid: str) -> str:
        m = re.search(rf'<g id="{gid}">(.*?)</g>', text, re.S)
        return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", m.group(1))) if m else ""

    return group("title"), sorted(set(re.findall(r"\[(\d{3})\]", group("source_note"))))


def test_docx_figure_notes_cite_the_sources_of_the_figure_and_the_sources_table(built, document):
    """The long note is drawn in the image; under the caption a short citation names the same
    source ids and points to the table of sources."""
    out, summary, _ = built
    in_image = dict(_svg_title_and_sources(p) for p in (out / "figures").glob("*.svg"))
    paragraphs = [p.text for p in document.paragraphs]
    table_no = next(
        int(m.group(1)) for t in paragraphs
        if (m := re.match(r"^Bảng (\d+)\. Các nguồn", t))
    )
    sources_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Mã")
    listed = {c.text.strip("[]") for c in sources_table.columns[0].cells[1:]}
    notes = 0
    for i, text in enumerate(paragraphs):
        m = re.match(r"^Hình \d+\. (.*)$", text)
        if not m:
            continue
        note = paragraphs[i + 1]
        ids = re.findall(r"\[(\d{3})\]", note)
        assert ids and ids == sorted(in_image[m.group(1)]), (text, note)
        assert set(ids) <= listed
        assert note.endswith(f" — xem Bảng {table_no}."), note
        assert len(note) < 80, note  # a citation, not the long note again
        notes += 1
    assert notes == _placed(out)


def test_docx_figures_fit_the_text_width(document):
    for shape in document.inline_shapes:
        assert shape.width.cm <= 16.01
        assert shape.height.cm <= 19.01


def test_docx_tables_have_numbered_captions(document):
    captions = [p.text for p in document.paragraphs if re.match(r"^Bảng \d+\. ", p.text)]
    # every table but the list of abbreviations is numbered
    listed = [t for t in document.tables if t.rows[0].cells[0].text != "Chữ viết tắt"]
    assert len(captions) == len(listed) > 0
    assert [int(c.split()[1].rstrip(".")) for c in captions] == list(range(1, len(captions) + 1))


def test_docx_vietnamese_text_intact(document):
    text = "\n".join(p.text for p in document.paragraphs)
    for word in ("Tóm tắt", "Thanh toán trực tuyến", "Số hóa và tái sử dụng dữ liệu", "điểm phần trăm"):
        assert word in text
    assert "\ufffd" not in text


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_is_self_contained(built):
    out, summary, _ = built
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    assert "<link" not in html and "<script" not in html and "@import" not in html
    srcs = re.findall(r"""src\s*=\s*["']([^"']*)""", html)
    assert srcs and all(s.startswith("data:image/") for s in srcs)
    assert not re.search(r"url\((?!['\"]?data:)", html)
    assert html.count("<img ") == _placed(out)
    assert len(re.findall(r"Hình \d+\.", html)) >= _placed(out)
    for _, vi, _ in SECTIONS:
        assert vi in html


# ---------------------------------------------------------------------------------------------
# Excel and CSV


def test_workbook_sheets_and_row_counts_match_the_package(built, ctx):
    from dvc_analysis.audit import audit
    from dvc_analysis.barriers import recommendations
    from dvc_analysis.indicators import compare, gaps_to_targets, pipelines
    from dvc_analysis.load import load_indicators, load_observations, load_targets
    from dvc_analysis.report._xlsx import SHEET_NAMES

    out, _, _ = built
    path = out / "tables" / "dvc_tables.xlsx"
    # sheets under their visible (Vietnamese) names, looked up by the tables' names
    visible = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    sheets = {name: visible[vi] for name, (vi, _) in SHEET_NAMES.items() if vi in visible}
    obs = load_observations()
    inds = load_indicators()
    expected = {
        "observations": len(obs),
        "comparisons": sum(len(compare(obs, i, admin_level=None, indicators=inds)) for i in obs["indicator"].unique()),
        "gaps_to_targets": len(gaps_to_targets(obs, load_targets())),
        "pipelines": len(pipelines(obs)),
        "audit": len(audit(obs)),
        "barriers_levers": len(recommendations()),
    }
    for name, rows in expected.items():
        assert name in sheets, name
        assert len(sheets[name]) == rows, name
        csv = pd.read_csv(out / "tables" / f"{name}.csv", encoding="utf-8-sig")
        assert len(csv) == rows, name
    contents = sheets["contents"]
    listed = dict(zip(contents.iloc[:, 0], contents.iloc[:, 2], strict=True))
    for name, df in visible.items():
        if name != SHEET_NAMES["contents"][0]:
            assert listed[name] == len(df)


# ---------------------------------------------------------------------------------------------
# generated findings


def test_summary_sentences_cite_source_and_use_vietnamese_numbers(built, document, ctx):
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs)
                 if p.style.name == "Heading 1" and p.text.endswith("Tóm tắt các phát hiện"))
    end = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and i > start)
    bullets = [p.text for p in paragraphs[start:end] if p.style.name == "List Bullet"]
    assert len(bullets) >= 5
    assert all("nguồn" in b.lower() for b in bullets[:-2])  # audit and barrier lines excepted
    # a stated percentage appears formatted the Vietnamese way
    row = ctx["obs"][(ctx["obs"]["indicator"] == "dossier_online_share") & ctx["obs"]["value"].notna()].iloc[0]
    assert fmt.fmt_percent(row["value"]) in " ".join(p.text for p in paragraphs)
    assert not re.search(r"\d\.\d+%", " ".join(bullets)), "English decimal point in a percentage"


def _one(**kw):
    base = {
        "obs_id": "x", "source_id": "003_4d6fe64c7387cd52", "paragraph": 1, "province_code": "74",
        "unit_name": "", "admin_level": "province", "indicator": "dossier_online_share",
        "component": "", "period_start": pd.Timestamp("2024-01-01"), "period_end": pd.Timestamp("2024-12-31"),
        "period_label": "", "numerator": float("nan"), "denominator": float("nan"), "value": 50.0,
        "qualifier": "exact", "evidence": "50%",
    }
    base.update(kw)
    return base


def test_higher_only_within_one_comparable_set_with_both_periods():
    from dvc_analysis.indicators import compare
    from dvc_analysis.load import load_indicators

    inds = load_indicators()
    same = pd.DataFrame([_one(obs_id="a", value=60.0), _one(obs_id="b", province_code="19", value=40.0,
                                                             source_id="004_166ba126f8e735a3")])
    s = fnd.comparison_sentence(compare(same, "dossier_online_share", indicators=inds), inds)
    assert "cao hơn" in s and "60%" in s and "40%" in s and s.count("năm 2024") == 2
    other_year = same.copy()
    other_year.loc[1, ["period_start", "period_end"]] = [pd.Timestamp("2022-01-01"), pd.Timestamp("2022-12-31")]
    s = fnd.comparison_sentence(compare(other_year, "dossier_online_share", indicators=inds), inds)
    assert "cao hơn" not in s and "năm 2024" in s and "năm 2022" in s and "không xếp hạng" in s
    # two indicator ids are never ranked against each other
    mixed = compare(same, "dossier_online_share", indicators=inds)
    mixed.loc[1, "indicator"] = "dvctt_with_dossiers"
    assert fnd.comparison_sentence(mixed, inds) is None


def test_findings_in_the_bundled_report_never_rank_across_periods(ctx):
    for sentence in fnd.key_findings(ctx):
        if "cao hơn" in sentence:
            labels = re.findall(r"\(([^()]*?); nguồn \[", sentence)
            assert len(labels) == 2, sentence


def test_english_report_headings():
    """lang="en": the document model has the English section headings and no Vietnamese units."""
    from dvc_analysis.report import document as build_document
    from dvc_analysis.report import report_tables

    ctx_en = prepare(lang="en")
    heads = [en for _, _, en in SECTIONS]
    tables = report_tables(ctx_en)
    blocks = number_blocks(build_document(ctx_en, [], tables, {"version": "x"}))
    level1 = [b["text"] for b in blocks
              if b["kind"] == "heading" and b["level"] == 1 and b.get("numbered", True)]
    assert level1 == heads
    text = " ".join(b.get("text", "") + " ".join(b.get("items", [])) for b in blocks)
    assert "điểm phần trăm" not in text


# ---------------------------------------------------------------------------------------------
# inputs


def test_provinces_filter_keeps_only_those_codes(ctx):
    c = prepare(provinces=["74"])
    assert set(c["obs"]["province_code"]) == {"74"}
    assert len(c["obs"]) == int((ctx["obs"]["province_code"] == "74").sum()) < len(ctx["obs"])


def test_only_needs_user_data():
    from dvc_analysis.errors import UsageError

    with pytest.raises(UsageError):
        prepare(only=True)


def test_user_file_is_merged_or_used_alone(tmp_path, ctx):
    path = tmp_path / "mine.csv"
    pd.DataFrame(
        {
            "province": ["Hà Nội", "Đà Nẵng"],
            "indicator": ["dossier_online_share", "dossier_online_share"],
            "period_start": ["2024-01-01", "2024-01-01"],
            "period_end": ["2024-12-31", "2024-12-31"],
            "numerator": [600, 300],
            "denominator": [1000, 1000],
            "source": ["báo cáo tỉnh", "báo cáo tỉnh"],
        }
    ).to_csv(path, index=False)
    merged = prepare(data_files=[path])
    assert len(merged["obs"]) == len(ctx["obs"]) + 2
    alone = prepare(data_files=[path], only=True)
    assert len(alone["obs"]) == 2
    sentence = fnd.comparison_sentence(alone["comparisons_province"]["dossier_online_share"], alone["indicators"])
    assert "cao hơn" in sentence and "Hà Nội" in sentence and "Đà Nẵng" in sentence
