"""One analysis, many views: every figure of a filtered report cites only the sources of its
Bảng 1, one observation reads the same in figures, text, tables and workbook, and the output
folder holds only what the last run wrote."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis.analysis.results import analyse
from dvc_analysis.report import build_report

docx = pytest.importorskip("docx")

ID = re.compile(r"\[([^\[\]\s]+)\]")


def _user_csv(path: Path) -> Path:
    pd.DataFrame(
        {
            "province": ["Hà Nội", "Đà Nẵng", "Cần Thơ"],
            "indicator": ["dossier_online_share"] * 3,
            "period_start": ["2024-01-01"] * 3,
            "period_end": ["2024-12-31"] * 3,
            "numerator": [600, 300, 457],
            "denominator": [1000, 1000, 1000],
            "source": ["báo cáo tỉnh"] * 3,
        }
    ).to_csv(path, index=False)
    return path


SELECTIONS = {
    "provinces": lambda tmp: {"provinces": ["14"]},
    "only": lambda tmp: {"data_files": [_user_csv(tmp / "mine.csv")], "only": True},
    "data": lambda tmp: {"data_files": [_user_csv(tmp / "mine.csv")], "provinces": ["01", "14"]},
}


@pytest.fixture(scope="module", params=sorted(SELECTIONS))
def filtered(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    out = tmp / "out"
    out.mkdir()
    # an earlier run's file (listed in its manifest) and a file the tool never wrote
    (out / "figures").mkdir()
    (out / "figures" / "99_old.png").write_bytes(b"old")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / ".dvc-analysis-manifest.json").write_text(
        json.dumps({"files": ["figures/99_old.png", "../outside.txt"]}), encoding="utf-8")
    (tmp / "outside.txt").write_text("not in --out", encoding="utf-8")
    kwargs = SELECTIONS[request.param](tmp)
    messages: list[str] = []
    summary = build_report(out, progress=messages.append, **kwargs)
    return request.param, out, summary, messages, kwargs


def _table1(document) -> set[str]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Mã")
    return {c.text.strip().strip("[]") for c in table.columns[0].cells[1:]}


def _image_ids(out: Path) -> dict[str, set[str]]:
    """Source ids in the note drawn inside each figure (SVG text of its source_note group)."""
    found = {}
    for svg in (out / "figures").glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        m = re.search(r'<g id="source_note">(.*?)</g>', text, re.S)
        note = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", m.group(1))) if m else ""
        found[svg.stem] = set(ID.findall(note))
    return found


def test_every_figure_cites_only_the_sources_of_table_1(filtered):
    name, out, summary, _, _ = filtered
    document = docx.Document(str(out / "report.docx"))
    listed = _table1(document)
    assert listed, "the report lists its sources"
    images = _image_ids(out)
    assert len(images) == summary["figures"] > 0
    for stem, ids in images.items():
        assert ids, f"{stem}: no source in the figure's note"
        assert ids <= listed, f"{name}: {stem} cites {sorted(ids - listed)}, not in Bảng 1 {sorted(listed)}"
    paragraphs = [p.text for p in document.paragraphs]
    captions = 0
    for i, text in enumerate(paragraphs):
        if re.match(r"^(Hình|Figure) \d+\. ", text):
            ids = set(ID.findall(paragraphs[i + 1]))
            assert ids and ids <= listed, (name, text, paragraphs[i + 1], sorted(listed))
            captions += 1
    assert captions == summary["figures"]


def test_province_filter_limits_barriers_to_its_sources(filtered):
    name, out, _, _, kwargs = filtered
    if name != "provinces":
        pytest.skip("checked on the --provinces report")
    results = analyse(**kwargs)
    short = {s.split("_")[0] for s in results.obs["source_id"]}
    assert set(results.mentions["source_id"].map(lambda s: str(s).split("_")[0])) <= short
    assert len(results.mentions) > 0, "the province's own source codes barriers"
    # figure files carry the report's number: hinh_NN_rao_can
    heat = next((ids for stem, ids in _image_ids(out).items() if stem.endswith("_rao_can")), None)
    assert heat is not None and heat <= short
    assert _table1(docx.Document(str(out / "report.docx"))) == short


def test_stale_files_of_an_earlier_run_go_and_others_stay(filtered):
    _, out, summary, _, _ = filtered
    assert not (out / "figures" / "99_old.png").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out.parent / "outside.txt").exists()  # outside --out: never touched
    manifest = json.loads((out / ".dvc-analysis-manifest.json").read_text(encoding="utf-8"))
    written = {Path(p).relative_to(out).as_posix() for p in summary["outputs"]}
    assert set(manifest["files"]) == written
    assert summary["removed"] == ["figures/99_old.png"]


def test_progress_is_a_few_stage_lines_with_counts(filtered):
    _, _, summary, messages, _ = filtered
    assert 3 <= len(messages) <= 8, messages
    assert f"hình: {summary['figures']}" in messages
    assert not any("đã ghi" in m for m in messages)


# ---------------------------------------------------------------------------------------------
# one display string per observation


def _value_cells(document) -> list[str]:
    """The value column of every table of values in the report."""
    cells = []
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if "Giá trị" in head:
            j = head.index("Giá trị")
            cells += [row.cells[j].text for row in table.rows[1:]]
    return cells


def _bare(text: str) -> str:
    """A shown value without bound words/signs and without the counts in brackets."""
    text = re.sub(r"\s*\(.*\)$", "", text.strip())
    return re.sub(r"^(trên|dưới|khoảng|over|under|about|>|<|≈)\s*", "", text)


def test_one_display_string_per_observation(filtered):
    name, out, _, _, kwargs = filtered
    results = analyse(**kwargs)
    shown = results.display["value_vi"]
    strings = set(shown[shown != ""])
    # workbook (CSV copy of its sheet): the display column is the record's string, row by row
    workbook = pd.read_csv(out / "tables" / "observations.csv", dtype=str, keep_default_na=False)
    assert (workbook["value_display"] == workbook["obs_id"].map(shown)).all()
    # report tables: every value cell is the display string of an observation
    document = docx.Document(str(out / "report.docx"))
    cells = [_bare(c) for c in _value_cells(document) if c.strip() and "hạng" not in c]
    assert cells, name
    assert set(cells) <= strings, sorted(set(cells) - strings)
    # figures: every value label drawn next to a dot is the display string of an observation
    labels = []
    for svg in (out / "figures").glob("0[2-5]_*.svg"):
        body = svg.read_text(encoding="utf-8")
        labels += [html.unescape(t).split("·")[0]
                   for t in re.findall(r"<text[^>]*>([^<]*·[^<]*)</text>", body)]
    labels = [_bare(x) for x in labels if re.match(r"^[<>≈]?\d", x.strip())]
    if any((out / "figures").glob("0[2-5]_*.svg")):
        assert labels, name
    assert set(labels) <= strings, sorted(set(labels) - strings)


def test_a_computed_rate_reads_the_same_in_figure_text_and_workbook():
    """1.542/1.868-style rows: computed once, one decimal, in every view."""
    from dvc_analysis.analysis.display import COMPUTED_DECIMALS, value_string
    from dvc_analysis.figures._dots import dot_plot
    from dvc_analysis.report import findings

    results = analyse()
    rated = results.rated
    computed = rated[rated["value"].isna() & rated["rate"].notna()]
    assert len(computed) > 0
    for row in computed.to_dict("records"):
        text = results.value_text(row["obs_id"])
        assert re.search(rf",\d{{{COMPUTED_DECIMALS}}}%$", text), text
        assert findings.value_text(row, "percent").startswith(text)
        assert value_string(row, "percent") == text
    ind = "dossier_online_share"
    fig = dot_plot(results.obs, ind, targets=results.targets, indicators=results.indicators,
                   sources=results.sources, results=results)
    # value labels ("46,4% · quý 1/2022"); block labels ("Cấp tỉnh · 2024") carry no number
    drawn = {t.get_text().split("·")[0].strip() for t in fig.findobj(
        lambda a: hasattr(a, "get_text") and "·" in a.get_text())
        if re.search(r"\d", t.get_text().split("·")[0])}
    rows = results.comparison(ind)
    expected = {results.value_text(o) for o in rows.loc[rows["latest"], "obs_id"]}
    assert {_bare(d) for d in drawn} & expected
    assert {_bare(d) for d in drawn} <= set(results.display["value_vi"])


def test_views_read_the_results_and_load_nothing(tmp_path, monkeypatch):
    """Once analysed, drawing the standard set and writing the tables reads no data file."""
    from dvc_analysis import _resources
    from dvc_analysis.evidence import load, taxonomy
    from dvc_analysis.figures import build_standard
    from dvc_analysis.report import report_tables

    results = analyse(provinces=["14"])

    def refuse(*args, **kwargs):
        raise AssertionError("a view loaded data instead of reading the analysis results")

    for name in ("load_observations", "load_indicators", "load_sources", "load_targets"):
        monkeypatch.setattr(load, name, refuse)
    for name in ("load_mentions", "load_barriers", "load_levers"):
        monkeypatch.setattr(taxonomy, name, refuse)
    monkeypatch.setattr(_resources, "read_table", refuse)
    figs = build_standard(tmp_path, results, formats=("svg",), jobs=1)
    assert figs
    cited = {i.split("_")[0] for f in figs for i in f["source_ids"]}
    assert cited <= {s.split("_")[0] for s in results.source_ids}
    assert report_tables(results)
