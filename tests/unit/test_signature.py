from site_builder.mdtree import Node, parse, plain_text
from site_builder.signature import find_signature, is_signature_date


def test_dates_recognised() -> None:
    for text in ("2025年4月15日", "2025年12月1日", "二〇二五年四月十五日", "　2023年8月8日 "):
        assert is_signature_date(text), text
    for text in ("2025年4月", "2025-04-15", "于2025年4月15日"):
        assert not is_signature_date(text), text


def _tokens(text: str) -> list[Node]:  # blocks before the structure pass
    return parse(text)


def test_agency_then_date_in_two_paragraphs() -> None:
    found = find_signature(_tokens("正文。\n\n罗庄区司法局\n\n2023年8月8日\n"))
    assert found is not None and [plain_text(line) for line in found[1]] == ["罗庄区司法局", "2023年8月8日"]


def test_two_agencies_in_one_paragraph() -> None:
    found = find_signature(_tokens("正文。\n\n区委依法治区办\n罗庄区司法局\n2023年8月8日\n"))
    assert found is not None and [plain_text(line) for line in found[1]] == ["区委依法治区办", "罗庄区司法局", "2023年8月8日"]


def test_no_signature_when_body_ends_otherwise() -> None:
    assert find_signature(_tokens("正文。\n\n| a |\n|---|\n| 2023年8月8日 |\n")) is None
    assert find_signature(_tokens("一段话，结尾。\n")) is None
