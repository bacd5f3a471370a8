"""Turn outside material (user spreadsheets, 766 score tables) into evidence rows."""
