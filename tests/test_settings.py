"""Report settings: the TOML file, the command-line overrides and the date line of the title page."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dvc_analysis.cli import main
from dvc_analysis.errors import UsageError
from dvc_analysis.report import settings as st


def test_example_file_is_written_by_the_cli_and_reads_back(tmp_path, capsys):
    path = tmp_path / "bao_cao.toml"
    assert main(["report", "--init-config", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("#") >= 10  # commented for the reader
    loaded = st.load_settings(path)
    assert loaded.organisation == "Văn phòng Tỉnh ủy"
    assert loaded.place == "Sơn La"
    assert loaded.date is None  # commented out in the example: the build date is used
    # never overwrites a file the user may have edited
    assert main(["report", "--init-config", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        st.ReportSettings().title = "x"  # type: ignore[misc]


def test_file_values_and_command_line_overrides(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[report]\ntitle = "Báo cáo DVCTT"\nauthor = "Lê Thị B"\nplace = "Thái Nguyên"\n'
        'date = 2026-02-03\nsections = ["key_messages", "supply", "citation"]\n'
        'provinces = ["19", "Sơn La"]\n',
        encoding="utf-8",
    )
    base = st.load_settings(path)
    assert base.date == dt.date(2026, 2, 3)
    assert base.sections == ("key_messages", "supply", "citation")
    assert base.provinces == ("19", "Sơn La")
    merged = st.merge(base, {"title": "Khác", "author": None, "date": "05/03/2026"})
    assert merged.title == "Khác" and merged.author == "Lê Thị B"
    assert merged.date == dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('[report]\ntitel = "x"\n', "titel"),
        ('[report]\nsections = ["supply", "nope"]\n', "nope"),
        ('[report]\ndate = "30.11.2026"\n', "30.11.2026"),
        ("[report\n", "TOML"),
    ],
)
def test_bad_files_name_the_file_and_the_problem_in_both_languages(tmp_path, body, words):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        st.load_settings(path)
    assert str(path) in err.value.vi and str(path) in err.value.en
    assert words in err.value.vi + err.value.en


def test_date_line_in_the_administrative_form():
    s = st.ReportSettings(place="Sơn La", date=dt.date(2026, 2, 5))
    assert st.date_line(s) == "Sơn La, ngày 05 tháng 02 năm 2026"
    s = st.ReportSettings(place="Hà Nội", date=dt.date(2026, 11, 30))
    assert st.date_line(s) == "Hà Nội, ngày 30 tháng 11 năm 2026"
    assert st.date_line(s, "en") == "Hà Nội, 30 November 2026"
    assert st.date_line(st.ReportSettings(date=dt.date(2026, 11, 30))) == "Ngày 30 tháng 11 năm 2026"
