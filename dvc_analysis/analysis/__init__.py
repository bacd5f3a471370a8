"""DataFrames in, DataFrames out: rates, comparisons, gaps, pipelines, the 34-province view, barriers."""
