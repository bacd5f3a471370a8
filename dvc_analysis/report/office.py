"""LibreOffice in the background: convert a report to PDF, read page texts, render pages to PNG."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UsageError

TIMEOUT_S = 240


def soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` (``DVC_SOFFICE`` overrides), or None when absent."""
    env = os.environ.get("DVC_SOFFICE", "").strip()
    if env:
        return env if Path(env).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(document: str | Path, out_dir: str | Path | None = None) -> Path:
    """Convert a .docx (or .xlsx) to PDF with LibreOffice; returns the PDF path.

    Parameters
    ----------
    document : str or Path
        The file to convert.
    out_dir : str or Path, optional
        Where the PDF goes (default: beside the document).

    Returns
    -------
    Path

    Raises
    ------
    UsageError
        When LibreOffice is not installed or the conversion fails.

    Examples
    --------
    >>> to_pdf("reports/report.docx")  # doctest: +SKIP
    PosixPath('reports/report.pdf')
    """
    exe = soffice()
    if exe is None:
        raise UsageError(
            "Chưa cài LibreOffice (soffice): cài gói Debian libreoffice-writer-nogui.",
            "LibreOffice (soffice) is not installed: install the Debian package "
            "libreoffice-writer-nogui.",
        )
    document = Path(document).resolve()
    out = Path(out_dir).resolve() if out_dir else document.parent
    out.mkdir(parents=True, exist_ok=True)
    # a private profile, so that a LibreOffice already open for the user does not swallow
    # the conversion and two conversions at once do not share a lock
    with tempfile.TemporaryDirectory(prefix="dvc-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), str(document)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    pdf = out / (document.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise UsageError(
            f"LibreOffice không chuyển được {document.name} sang PDF: {done.stderr.strip()[:300]}",
            f"LibreOffice could not convert {document.name} to PDF: {done.stderr.strip()[:300]}",
        )
    return pdf


def page_texts(pdf: str | Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed, Unicode NFC.

    Poppler's ``pdftotext`` when installed (it keeps Vietnamese letters with their marks
    together), else pypdf."""
    import unicodedata

    exe = shutil.which("pdftotext")
    if exe:
        done = subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              timeout=TIMEOUT_S, check=False)
        if done.returncode == 0:
            pages = done.stdout.decode("utf-8", errors="replace").split("\f")
            if pages and not pages[-1].strip():
                pages = pages[:-1]
            return [unicodedata.normalize("NFC", re.sub(r"\s+", " ", p)).strip() for p in pages]
    from pypdf import PdfReader

    return [unicodedata.normalize("NFC", re.sub(r"\s+", " ", page.extract_text() or "")).strip()
            for page in PdfReader(str(pdf)).pages]


def heading_pages(pdf: str | Path, headings: list[str], first_page: int = 1) -> dict[str, int]:
    """Page number (1-based) of each heading: the first page from `first_page` on, in order,
    whose text contains it. Headings not found are left out."""
    texts = page_texts(pdf)
    pages: dict[str, int] = {}
    start = max(first_page, 1) - 1
    for heading in headings:
        needle = re.sub(r"\s+", " ", heading).strip()
        for i in range(start, len(texts)):
            if needle in texts[i]:
                pages[heading] = i + 1
                start = i  # headings come in document order
                break
    return pages


def render_pages(pdf: str | Path, out_dir: str | Path, dpi: int = 80) -> list[Path]:
    """Render every page of `pdf` to ``<out_dir>/trang-NN.png`` with poppler's pdftoppm."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise UsageError(
            "Chưa cài pdftoppm: cài gói Debian poppler-utils.",
            "pdftoppm is not installed: install the Debian package poppler-utils.",
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([exe, "-r", str(dpi), "-png", str(pdf), str(out / "trang")], check=True,
                   timeout=TIMEOUT_S)
    return sorted(out.glob("trang-*.png"))


def main(argv: list[str] | None = None) -> int:
    """``python -m dvc_analysis.report.office report.docx [out_dir]``: PDF plus one PNG per page."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m dvc_analysis.report.office FILE.docx [OUT_DIR]", file=sys.stderr)
        return 2
    out = Path(args[1]) if len(args) > 1 else Path(args[0]).parent / "pdf"
    pdf = to_pdf(args[0], out)
    pngs = render_pages(pdf, out / "trang")
    print(f"{pdf} ({len(pngs)} trang / pages) -> {out / 'trang'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
