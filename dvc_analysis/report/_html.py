"""Render a numbered report document (list of block dicts) to one self-contained HTML file.

Everything is inside the file: CSS inline, figures as base64 PNG (downscaled for the screen),
no scripts, fonts, links or images from elsewhere, so the file opens offline. Web addresses that
occur in cited text are shown without their scheme, so that nothing can be fetched.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

CSS = """
body{font-family:"Times New Roman",Times,"DejaVu Serif",serif;font-size:17px;line-height:1.5;
max-width:52em;margin:2em auto;padding:0 1.2em;color:#111;background:#fff}
h1.title{font-size:1.6em;text-align:center;margin-bottom:.2em}
p.subtitle{text-align:center;font-style:italic;margin:.1em 0}
p.organisation{text-align:center;font-weight:bold;margin:0 0 2em}
h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #999;padding-bottom:.15em}
h3{font-size:1.1em;margin-top:1.3em}
h4{font-size:1em;font-style:italic}
p{text-align:justify}
figure{margin:1.4em 0;text-align:center}
figure img{max-width:100%;height:auto}
figcaption{font-size:.95em;margin-top:.3em}
.label{font-weight:bold}
.source{font-style:italic;font-size:.88em;color:#333}
table{border-collapse:collapse;margin:.4em auto 0;font-size:.85em;width:100%}
th,td{border:1px solid #888;padding:.2em .4em;vertical-align:top}
th{background:#eee}
td.r{text-align:right}
td.c{text-align:center}
.tcap{font-size:.95em;margin:1.4em 0 .2em}
nav.toc{border:1px solid #ccc;padding:.5em 1em;margin:1em 0;font-size:.95em}
nav.toc ul{margin:.2em 0;padding-left:1.2em}
nav.toc a{color:#124;text-decoration:none}
.note{font-style:italic;font-size:.9em}
@media print{body{max-width:none}}
"""

_SCHEME = re.compile(r"(?i)\b(?:https?|ftp)://")


def _text(value: object) -> str:
    """Escape text and drop URL schemes so no address in the file can be fetched."""
    return html.escape(_SCHEME.sub("", str(value)), quote=True)


def _inline(value: str) -> str:
    """Escape, then turn **bold** spans into <strong>."""
    parts = _text(value).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


def png_data_uri(path: str | Path) -> str:
    """Return the PNG at `path` as a data: URI (the 300-dpi file as is: re-encoding a smaller
    copy costs more time than the bytes it saves; the page scales it to the column width)."""
    raw = Path(path).read_bytes()
    return "data:image/png;base64," + base64.b64encode(raw).decode("ascii")


def write_html(blocks: list[dict], path: str | Path, *, lang: str = "vi", meta: dict | None = None) -> Path:
    """Write numbered `blocks` to a self-contained HTML file at `path`; returns the path."""
    meta = meta or {}
    fig_label = "Hình" if lang == "vi" else "Figure"
    tab_label = "Bảng" if lang == "vi" else "Table"
    toc_label = "Mục lục" if lang == "vi" else "Contents"
    out: list[str] = []
    toc: list[tuple[int, str, str]] = []
    body: list[str] = []

    for block in blocks:
        kind = block["kind"]
        if kind == "title":
            if block.get("organisation"):
                body.append(f'<p class="organisation">{_text(block["organisation"].upper())}</p>')
            body.append(f'<h1 class="title">{_text(block["text"])}</h1>')
            body.extend(f'<p class="subtitle">{_text(x)}</p>' for x in block.get("lines", []))
            for key in ("date_line", "author_line"):
                if block.get(key):
                    body.append(f'<p class="subtitle">{_text(block[key])}</p>')
            body.append("<!--toc-->")
        elif kind == "heading":
            level = int(block.get("level", 1))
            number = block.get("number") or ""
            anchor = "sec-" + (number.strip(".").replace(".", "-") or str(len(toc) + 1))
            text = f"{number} {block['text']}".strip()
            toc.append((level, anchor, text))
            tag = f"h{min(level + 1, 4)}"
            body.append(f'<{tag} id="{anchor}">{_text(text)}</{tag}>')
        elif kind == "paragraph":
            body.append(f"<p>{_inline(block['text'])}</p>")
        elif kind == "note":
            body.append(f'<p class="note">{_inline(block["text"])}</p>')
        elif kind == "bullets":
            items = "".join(f"<li>{_inline(x)}</li>" for x in block["items"])
            body.append(f"<ul>{items}</ul>")
        elif kind == "figure":
            uri = png_data_uri(block.get("report_png") or block["png"])
            alt = _text(block["title"])
            caption = f'<span class="label">{fig_label} {block["number"]}.</span> {alt}'
            if block.get("caption"):
                caption += f" <em>{_text(block['caption'])}</em>"
            note = f'<div class="source">{_text(block["source_note"])}</div>' if block.get("source_note") else ""
            body.append(
                f'<figure id="fig-{block["number"]}"><img src="{uri}" alt="{alt}">'
                f"<figcaption>{caption}</figcaption>{note}</figure>"
            )
        elif kind == "table":
            align = block.get("align") or []
            head = "".join(f"<th>{_text(c)}</th>" for c in block["columns"])
            rows = []
            for row in block["rows"]:
                cells = []
                for j, value in enumerate(row):
                    cls = align[j] if j < len(align) and align[j] in ("r", "c") else ""
                    attr = f' class="{cls}"' if cls else ""
                    cells.append(f"<td{attr}>{_text('' if value is None else value)}</td>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
            note = f'<div class="source">{_text(block["source_note"])}</div>' if block.get("source_note") else ""
            cap = (
                f'<div class="tcap" id="tab-{block["number"]}"><span class="label">{tab_label} '
                f'{block["number"]}.</span> {_text(block["title"])}</div>'
            ) if block.get("number") else ""
            body.append(
                f"{cap}<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"
            )
        elif kind == "pagebreak":
            continue
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    toc_html = "".join(
        f'<li style="margin-left:{(lvl - 1) * 1.2}em;list-style:none"><a href="#{a}">{_text(t)}</a></li>'
        for lvl, a, t in toc
        if lvl <= 2
    )
    toc_block = f'<nav class="toc"><strong>{toc_label}</strong><ul>{toc_html}</ul></nav>'
    title = _text(meta.get("title", ""))
    out.append("<!DOCTYPE html>")
    out.append(f'<html lang="{"vi" if lang == "vi" else "en"}"><head><meta charset="utf-8">')
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    out.append(f'<meta name="generator" content="dvc-analysis {_text(meta.get("version", ""))}">')
    out.append(f"<title>{title}</title><style>{CSS}</style></head><body>")
    out.append("\n".join(body).replace("<!--toc-->", toc_block, 1))
    out.append("</body></html>")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")
    return path
