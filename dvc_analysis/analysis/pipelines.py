"""Service and payment pipelines: how many services reach each stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._frame import _KEY, _add_period_labels, _prepare, _text
from .compare import is_part, unit_labels

if TYPE_CHECKING:
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# pipelines

# stage -> where its count is reported: (indicator id, column), in order of preference
SERVICE_PIPELINE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "tthc",
        "TTHC thuộc thẩm quyền",
        "procedures in remit",
        [("tthc_total", "value"), ("tthc_online_share", "denominator")],
    ),
    (
        "dvctt",
        "cung cấp DVCTT",
        "offered online (DVCTT)",
        [
            ("dvctt_count", "value"),
            ("tthc_online_share", "numerator"),
            ("dvctt_level34_count", "value"),
            ("dvctt_portal_integrated", "denominator"),
            ("dvctt_with_dossiers", "denominator"),
        ],
    ),
    (
        "portal",
        "tích hợp Cổng DVC quốc gia",
        "integrated on the national portal",
        [("dvctt_portal_integrated_count", "value"), ("dvctt_portal_integrated", "numerator")],
    ),
    (
        "with_dossiers",
        "DVCTT có phát sinh hồ sơ",
        "online services with dossiers",
        [("dvctt_with_dossiers", "numerator")],
    ),
]


PAYMENT_PIPELINE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "fee_tthc",
        "TTHC có nghĩa vụ tài chính",
        "fee-bearing procedures",
        [
            ("payment_configured_share", "denominator"),
            ("payment_dvctt_with_dossiers", "denominator"),
        ],
    ),
    (
        "configured",
        "cấu hình thanh toán trực tuyến",
        "set up for online payment",
        [("payment_configured_share", "numerator")],
    ),
    (
        "with_dossiers",
        "DVCTT có phí phát sinh hồ sơ",
        "fee-bearing services with dossiers",
        [
            ("payment_dvctt_with_dossiers", "numerator"),
            ("payment_dvctt_online_share", "denominator"),
            ("payment_dvctt_offline_share", "denominator"),
        ],
    ),
    (
        "online_payment",
        "DVCTT có giao dịch thanh toán trực tuyến",
        "services with online payments",
        [("payment_dvctt_online_share", "numerator")],
    ),
]


PAYMENT_DOSSIER_PIPELINE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "fee_dossiers",
        "hồ sơ của TTHC có phí",
        "dossiers of fee-bearing procedures",
        [("payment_dossier_share", "denominator")],
    ),
    (
        "paid_online",
        "hồ sơ thanh toán trực tuyến",
        "dossiers paid online",
        [("payment_dossier_share", "numerator")],
    ),
]


PIPELINES = {
    "service": SERVICE_PIPELINE,
    "payment": PAYMENT_PIPELINE,
    "payment_dossiers": PAYMENT_DOSSIER_PIPELINE,
}


def pipelines(obs: pd.DataFrame) -> pd.DataFrame:
    """Service and payment pipelines per reporting unit and period, with what each stage keeps.

    Pipelines (stage counts are read from the indicators named in ``PIPELINES``: a count
    indicator's ``value`` or a share's numerator or denominator):

    * ``service``: TTHC in the unit's remit → offered as DVCTT → integrated on the national
      portal → DVCTT that received dossiers;
    * ``payment``: fee-bearing TTHC → configured for online payment → fee-bearing services
      with dossiers → services with online payment transactions;
    * ``payment_dossiers``: dossiers of fee-bearing procedures → dossiers paid online.

    Only stages the source reports appear, and only pipelines with two stages or more. Figures of one unit are grouped by source and by
    the year the period ends; each stage keeps its own ``period_label`` (the stages of one
    report may cover different periods: an as-of stock vs a year's flow). Per stage:
    ``count``, ``kept_pct`` (percent of the previous reported stage), ``lost_pct``,
    ``lost_count``, ``of_first_pct`` (percent of the first reported stage), ``nested``
    (False when a stage exceeds the one before: the stages are then not strict subsets, as
    when services with dossiers include ones not set up for online payment), ``conflict``
    (different figures for the same stage; the first by preference is used) and ``obs_ids``.
    """
    import numpy as np
    import pandas as pd

    df = _prepare(obs)
    df = df[~is_part(df)]
    if "obs_id" not in df.columns:
        df["obs_id"] = [str(i) for i in range(len(df))]
    df["obs_id"] = _text(df["obs_id"])
    df["source_id"] = _text(df["source_id"]) if "source_id" in df.columns else ""
    df = _add_period_labels(df)
    df["year"] = df["period_end"].dt.year.astype("Int64")
    group_cols = _KEY + ["source_id", "year"]
    # only rows that report a stage can matter: the figures each (indicator, column) gives
    wanted = {
        (ind, col) for stages in PIPELINES.values() for *_, srcs in stages for ind, col in srcs
    }
    cand = np.zeros(len(df), dtype=bool)
    for ind, col in wanted:
        cand |= ((df["indicator"] == ind) & df[col].notna()).to_numpy(dtype=bool)
    df = df[cand]
    fields = ["indicator", "numerator", "denominator", "value", "qualifier", "period_start",
              "period_end", "period_label", "period_label_en", "obs_id"]  # fmt: skip
    rows = []
    for key, g in df.groupby(group_cols, dropna=False, sort=True):
        records = g[fields].to_dict("records")
        ends = g["period_end"].to_numpy()
        hits: dict[tuple[str, str], list[dict]] = {}
        for ind, col in wanted:
            at = [i for i, r in enumerate(records) if r["indicator"] == ind and pd.notna(r[col])]
            if at:
                # latest period first, as sort_values("period_end") then reversed does it
                e = ends[at]
                nat = np.isnat(e)
                seq = [at[i] for i in np.flatnonzero(~nat)[e[~nat].argsort(kind="quicksort")]]
                seq += [at[i] for i in np.flatnonzero(nat)]
                hits[(ind, col)] = [records[i] for i in seq[::-1]]
        for pipe, stages in PIPELINES.items():
            previous = first = None
            order = 0
            for stage, vi, en, sources in stages:
                found = [
                    (float(r[col]), r) for ind, col in sources for r in hits.get((ind, col), [])
                ]
                if not found:
                    continue
                count, r = found[0]
                order += 1
                values = {v for v, _ in found}
                kept = 100 * count / previous if previous else np.nan
                rows.append(
                    dict(
                        zip(group_cols, key, strict=True),
                        pipeline=pipe,
                        stage_order=order,
                        stage=stage,
                        stage_vi=vi,
                        stage_en=en,
                        count=count,
                        qualifier=r["qualifier"],
                        kept_pct=kept,
                        lost_pct=100 - kept if previous else np.nan,
                        lost_count=previous - count if previous else np.nan,
                        of_first_pct=100 * count / first if first else np.nan,
                        nested=bool(previous is None or count <= previous),
                        conflict=len(values) > 1,
                        period_start=r["period_start"],
                        period_end=r["period_end"],
                        period_label=r["period_label"],
                        period_label_en=r["period_label_en"],
                        obs_ids=";".join(dict.fromkeys(str(x["obs_id"]) for _, x in found)),
                    )
                )
                previous = count
                if first is None:
                    first = count
    cols = group_cols + [
        "pipeline", "stage_order", "stage", "stage_vi", "stage_en", "count", "qualifier",
        "kept_pct", "lost_pct", "lost_count", "of_first_pct", "nested", "conflict",
        "period_start", "period_end", "period_label", "period_label_en", "obs_ids",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    # a pipeline needs at least two reported stages
    size = out.groupby(group_cols + ["pipeline"], dropna=False)["stage"].transform("size")
    out = out[size >= 2].reset_index(drop=True)
    if not out.empty:
        out["unit_label"] = unit_labels(out)
    return out
