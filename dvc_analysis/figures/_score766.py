"""Chart of the Decision 766 service-index scores."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def plot_score766(table: pd.DataFrame, *, lang: str = "vi", top: int | None = None,
                  source: str | None = None):
    """Units ranked by total score; each bar split into the groups, with the points missing to
    each group's maximum drawn as a pale extension of the same colour. Returns a Figure."""
    from . import theme

    return theme.themed(_plot)(table, lang=lang, top=top, source=source)


def _plot(table, *, lang, top, source):
    import matplotlib.patches as mpatches

    from ..text.fmt import fmt_number, period_label
    from . import theme

    en = lang == "en"
    totals = (table.drop_duplicates("unit_name").set_index("unit_name")["total"]
              .sort_values(ascending=False, kind="stable"))
    if top is not None:
        totals = totals.head(top)
    units = list(totals.index)
    groups = (table[["group", "group_name_vi", "group_name_en", "max_points"]]
              .drop_duplicates("group"))
    colors = dict(zip(groups["group"], theme.PALETTE, strict=False))
    start, end = table["period_start"].iloc[0], table["period_end"].iloc[0]
    period = period_label(start, end, lang=lang)
    title = ("766 index: units ranked by total score, points missing by group" if en else
             "Bộ chỉ số 766: xếp hạng theo tổng điểm, điểm còn thiếu theo nhóm")
    subtitle = (f"{period}; solid = points scored, pale = points missing to the group maximum" if en else
                f"{period}; phần đậm = điểm đạt, phần nhạt = điểm còn thiếu so với tối đa của nhóm")
    note = source or (f"{theme.text('source', lang)}: "
                      + ("National Public Service Portal, 766 index table" if en else
                         "Cổng Dịch vụ công quốc gia, bảng Bộ chỉ số 766")
                      + (f" ({table.attrs['file']})" if table.attrs.get("file") else "") + ".")
    height = max(1.9, 0.22 * len(units) + 1.0)
    fig, axes = theme.new_figure(title, subtitle, note, body_height=height)
    ax = axes[0][0]
    by = table.set_index(["unit_name", "group"])
    for y, unit in enumerate(units):
        left = 0.0
        for g in groups.itertuples(index=False):
            s = by.loc[(unit, g.group), "score"]
            s = 0.0 if s != s else float(s)
            c = colors[g.group]
            ax.barh(y, s, left=left, color=c, height=0.7, gid=f"score-{g.group}")
            ax.barh(y, max(0.0, g.max_points - s), left=left + s, color=c, alpha=0.22, height=0.7,
                    gid=f"missing-{g.group}")
            left += g.max_points
        ax.text(101, y, fmt_number(totals[unit], 2, lang=lang), va="center", fontsize=theme.SIZE_SMALL)
    ax.set_yticks(range(len(units)), units)
    ax.invert_yaxis()
    ax.set_xlim(0, 108)
    ax.set_xlabel("points (group blocks sized by their maximum)" if en else
                  "điểm (mỗi khối nhóm dài bằng điểm tối đa của nhóm)")
    theme.style_axes(ax, grid="x")
    handles = [mpatches.Patch(color=colors[g.group],
                              label=f"{g.group_name_en if en else g.group_name_vi} "
                                    f"({fmt_number(g.max_points, 0, lang=lang)})")
               for g in groups.itertuples(index=False)]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=3, frameon=False, fontsize=theme.SIZE_SMALL)
    return fig
