"""Exports of a map: the files that leave the screen (pictures, PDFs and data files)."""
