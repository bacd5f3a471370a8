"""Turn outside material (user spreadsheets, 766 score tables, report texts) into evidence rows:
figures extracted from text (extract), barrier and lever codes (coding, review), and their scoring
against a hand-coded corpus (corpus)."""
