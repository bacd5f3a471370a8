"""Bundled evidence base of dvc-analysis (tidy CSV files, documented in README.md)."""
