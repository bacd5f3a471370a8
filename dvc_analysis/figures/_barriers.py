"""Heat map of barriers mentioned per reporting unit."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from . import theme
from ._common import _empty_figure, _frame, _full_source_ids, _s, _unit_label
from ._composition import maps_text_color
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 8. barrier heat map


@themed
def barrier_heatmap(
    mentions: pd.DataFrame,
    barriers: pd.DataFrame,
    *,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """Units × barriers: how often each source names each barrier. Empty cells are drawn (a
    barrier a source does not mention is information too)."""
    import numpy as np

    title = ("Rào cản được nêu trong từng nguồn" if lang == "vi"
             else "Barriers named by each source")
    m = mentions[mentions["kind"].astype(str) == "barrier"].copy() if mentions is not None else None
    if m is None or m.empty or barriers is None:
        return _empty_figure(title, "", lang)
    full_ids = _full_source_ids(sorted(set(m["source_id"].astype(str))), sources)
    m["unit"] = [
        f"[{_s(r['source_id']).split('_')[0]}] " + _unit_label(r, lang, 60).replace("\n", " ")
        for _, r in m.iterrows()
    ]
    units = sorted(dict.fromkeys(m["unit"]))
    codes = list(barriers["code"].astype(str))
    names = [(_s(r["name_en"]) if lang == "en" else _s(r["name_vi"])) for _, r in
             barriers.iterrows()]
    grid = np.zeros((len(units), len(codes)), dtype=int)
    for _, r in m.iterrows():
        if r["code"] in codes:
            grid[units.index(r["unit"]), codes.index(r["code"])] += 1
    subtitle = ("Số đoạn văn nêu mỗi rào cản (mã hóa thủ công theo phân loại 10+1 nhóm); ô trống: "
                "nguồn không nêu — không có nghĩa là rào cản không tồn tại" if lang == "vi" else
                "Paragraphs naming each barrier (hand-coded, 10+1 groups); empty cell: the source "
                "does not mention it — not evidence that the barrier is absent")
    fig, axes = _frame(title, subtitle, full_ids, lang, sources=sources,
                       body_height=1.45 + 0.36 * len(units))
    ax = axes[0, 0]
    from matplotlib.patches import Rectangle

    cmap = __import__("matplotlib").colormaps["Blues"]
    top = max(int(grid.max()), 1)
    for i in range(len(units)):
        for j in range(len(codes)):
            v = grid[i, j]
            if v:
                face = cmap(0.3 + 0.7 * v / top)
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=face,
                                       edgecolor="white", lw=1.0,
                                       gid=f"cell-{i}-{codes[j]}"))
                ax.text(j, i, str(v), ha="center", va="center", fontsize=theme.SIZE_SMALL,
                        color=maps_text_color(face))
            else:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white",
                                       edgecolor="#D0D0D0", lw=0.6, gid=f"empty-{i}-{codes[j]}"))
    ax.set_xlim(-0.5, len(codes) - 0.5)
    ax.set_ylim(len(units) - 0.5, -0.5)
    ax.set_xticks(range(len(codes)),
                  [textwrap.shorten(f"{c} {n}", 34, placeholder="…")
                   for c, n in zip(codes, names, strict=True)],
                  rotation=50, fontsize=theme.SIZE_NOTE, ha="left", va="bottom",
                  rotation_mode="anchor")
    ax.set_yticks(range(len(units)), [textwrap.fill(u, 34) for u in units],
                  fontsize=theme.SIZE_NOTE)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_aspect("auto")
    fig._dvc_meta["n_cells"] = int((grid > 0).sum())
    fig._dvc_meta["n_mentions"] = int(grid.sum())
    return fig
