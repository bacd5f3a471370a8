"""Heat map of barriers mentioned per reporting unit."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from . import theme
from ._common import _empty_figure, _frame, _full_source_ids, _s, _unit_label
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
    import pandas as pd
    import seaborn as sns
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    # seaborn draws the counted cells: masked grid, annotations in a contrasting colour.
    blues = __import__("matplotlib").colormaps["Blues"]
    top = max(int(grid.max()), 1)
    sns.heatmap(pd.DataFrame(grid, index=units, columns=codes), mask=grid == 0, ax=ax,
                cmap=ListedColormap(blues(np.linspace(0.3, 1.0, 256))), vmin=0, vmax=top,
                annot=True, fmt="d", annot_kws={"fontsize": theme.SIZE_SMALL},
                linewidths=1.0, linecolor="white", cbar=False)
    ax.collections[-1].set_gid("barrier-cells")
    # Empty cells as outlined squares, above the mesh's white grid: "not mentioned" is shown.
    for i in range(len(units)):
        for j in range(len(codes)):
            if not grid[i, j]:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor="white", edgecolor="#D0D0D0",
                                       lw=0.6, zorder=2, gid=f"empty-{i}-{codes[j]}"))
    ax.set_xlim(0, len(codes))
    ax.set_ylim(len(units), 0)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks(np.arange(len(codes)) + 0.5,
                  [textwrap.shorten(f"{c} {n}", 34, placeholder="…")
                   for c, n in zip(codes, names, strict=True)],
                  rotation=50, fontsize=theme.SIZE_NOTE, ha="left", va="bottom",
                  rotation_mode="anchor")
    ax.set_yticks(np.arange(len(units)) + 0.5, [textwrap.fill(u, 34) for u in units],
                  fontsize=theme.SIZE_NOTE, rotation=0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_aspect("auto")
    fig._dvc_meta["n_cells"] = int((grid > 0).sum())
    fig._dvc_meta["n_mentions"] = int(grid.sum())
    return fig
