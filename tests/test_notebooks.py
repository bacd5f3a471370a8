"""The teaching notebooks: committed clean, and each runs top to bottom in a fresh kernel."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = [
    "01_du_lieu_va_nguon.ipynb",
    "02_cung_cap_va_su_dung.ipynb",
    "03_thanh_toan_truc_tuyen.ipynb",
    "04_so_hoa_va_muc_tieu.ipynb",
    "05_rao_can_va_khuyen_nghi.ipynb",
    "06_du_lieu_cua_ban.ipynb",
    "07_ho_so_mot_cua.ipynb",
    "08_khao_sat.ipynb",
    "09_khuyen_nghi.ipynb",
]


def _read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def test_the_notebooks_exist():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_without_outputs_and_ends_with_policy_section(name):
    nb = _read(name)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: a code cell was saved with outputs"
            assert cell.execution_count is None, f"{name}: a code cell was saved with a count"
    last = nb.cells[-1]
    assert last.cell_type == "markdown"
    assert "ý nghĩa cho báo cáo chính sách" in last.source.lower()


@pytest.mark.parametrize("name", EXPECTED)
def test_cells_call_the_package_only(name):
    """No analysis written in cells: no loops over rows, no reading files, no sums by hand."""
    code = "\n".join(c.source for c in _read(name).cells if c.cell_type == "code")
    assert "dvc_analysis" in code
    for forbidden in ("read_csv(", "read_excel(", "open(", ".groupby(", ".apply(", ".sum(", ".mean(", "/ "):
        assert forbidden not in code, f"{name}: {forbidden!r} in a cell"


@pytest.mark.parametrize("name", EXPECTED)
def test_runs_top_to_bottom_and_shows_figures(name, tmp_path):
    nbclient = pytest.importorskip("nbclient")
    nb = _read(name)
    client = nbclient.NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        extra_arguments=[f"--HistoryManager.hist_file={tmp_path / 'history.sqlite'}"],
    )
    # kernel "python3": jupyter_client starts it with the interpreter running the tests (.venv)
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    images = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs
        if o.output_type in ("display_data", "execute_result") and "image/png" in o.get("data", {})
    ]
    shows = sum(1 for c in nb.cells if c.cell_type == "code"
                and ("build_figure(" in c.source or "unit_trends(" in c.source))
    assert len(images) == shows, f"{name}: {len(images)} inline images for {shows} figures"
