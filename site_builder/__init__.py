"""site_builder: Markdown 普法 reports in, a 政府信息公开 portal section out."""

__version__ = "0.1.0"
