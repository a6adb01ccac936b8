"""Downloadable copies of each report: a GB/T 9704 公文 as Word (.docx) and as tagged PDF."""
