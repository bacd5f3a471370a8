"""The command line as a user meets it: exit codes, one-sentence errors, outputs written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dvc_analysis", *args], capture_output=True, text=True, cwd=cwd
    )


def test_help_is_bilingual():
    done = run("--help")
    assert done.returncode == 0
    assert "dịch vụ công trực tuyến" in done.stdout
    assert "online public services" in done.stdout
    for command in ("report", "audit", "validate", "extract", "barriers", "template"):
        assert command in done.stdout


def test_no_command_prints_usage_and_exits_2():
    done = run()
    assert done.returncode == 2
    assert "usage" in (done.stdout + done.stderr).lower()


@pytest.mark.parametrize("args", [("frobnicate",), ("report", "--no-such-option"), ("report", "--lang", "fr")])
def test_usage_errors_exit_2(args):
    done = run(*args)
    assert done.returncode == 2
    assert "usage" in done.stderr.lower()
    assert "Traceback" not in done.stderr


def test_unwritable_out_is_one_sentence_exit_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = run("report", "--out", str(blocker / "sub"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "--out" in done.stderr


@pytest.mark.parametrize("command", ["extract", "barriers", "validate"])
def test_missing_input_file_is_one_sentence_exit_1(tmp_path, command):
    done = run(command, str(tmp_path / "khong-co.txt"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "khong-co.txt" in done.stderr


def test_extract_without_figures_writes_empty_csv(tmp_path):
    text = tmp_path / "khong-so.txt"
    text.write_text("Người dân được hướng dẫn nộp hồ sơ trên cổng dịch vụ công.\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    done = run("extract", str(text), "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 and "evidence" in lines[0]


def test_report_writes_outputs_and_summary(tmp_path):
    out = tmp_path / "r"
    done = run("report", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("Xong / done"), lines[-1]
    for name in ("report.html", "report.docx", "README.txt"):
        assert (out / name).is_file(), name
    pngs = list((out / "figures").glob("*.png"))
    assert pngs, "no figures written"
    # stdout: one summary naming the output folder; stderr: one progress line per stage
    assert lines == [lines[-1]] and str(out.resolve()) in lines[-1]
    progress = done.stderr.strip().splitlines()
    assert 3 <= len(progress) < len(pngs), progress
    assert f"· hình: {len(pngs)}" in progress

    quiet = run("report", "--out", str(tmp_path / "q"), "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0
    assert quiet.stdout.strip() == ""
    assert quiet.stderr.strip() == ""


def test_audit_honours_provinces_like_the_report(tmp_path):
    import pandas as pd

    from dvc_analysis.analysis.results import analyse
    from dvc_analysis.evidence.load import load_observations

    every, some = tmp_path / "all.csv", tmp_path / "14.csv"
    assert run("audit", "--quiet", "--out", str(every)).returncode in (0, 1)
    assert run("audit", "--quiet", "--provinces", "14", "--out", str(some)).returncode in (0, 1)
    found_all, found_14 = pd.read_csv(every), pd.read_csv(some)
    selected = set(analyse(provinces=["14"]).obs["obs_id"].astype(str))
    assert selected < set(load_observations()["obs_id"].astype(str))
    assert 0 < len(found_14) < len(found_all)
    for ids in found_14["obs_ids"].dropna().astype(str):
        assert set(ids.split(";")) <= selected, ids
