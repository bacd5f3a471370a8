"""Language: number and period formatting, Vietnamese number parsing, text files."""
