"""Dossier engine: Decision 766 and Biểu II.06a indicators computed from one-stop-system exports."""
