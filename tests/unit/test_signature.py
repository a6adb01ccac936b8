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


BANJI = ("一、工作目标\n\n正文。\n\n罗庄区司法局\n\n2025年3月1日\n\n抄送：区委办公室，区人大常委会办公室。\n\n"
         "罗庄区司法局办公室　　　　2025年3月1日印发\n")


def test_a_banji_after_the_signature_is_set_apart_and_the_signature_still_found() -> None:
    from site_builder.markdown import render_body, render_tree_body

    body = render_body(BANJI)
    assert body.html.endswith('<div class="signature">\n<p>罗庄区司法局</p>\n<p>2025年3月1日</p>\n</div>\n'
                              '<div class="banji">\n<p>抄送：区委办公室，区人大常委会办公室。</p>\n'
                              "<p>罗庄区司法局办公室　　　　2025年3月1日印发</p>\n</div>\n")
    assert body.text.endswith("2025年3月1日\n抄送：区委办公室，区人大常委会办公室。\n罗庄区司法局办公室　　　　2025年3月1日印发")
    assert body == render_tree_body(BANJI)


def test_banji_lines_and_what_is_not_one() -> None:
    from site_builder.markdown import render_body

    assert '<div class="banji">\n<p>抄送：各镇街司法所<br>\n印发：2025年3月1日印发</p>' in render_body(
        "正文。\n\n抄送：各镇街司法所\n印发：2025年3月1日印发\n").html
    assert '<div class="banji">\n<p>抄報：州委辦公室。</p>\n<p>巴州司法局辦公室　2025年3月1日印發</p>' in render_body(
        "正文。\n\n抄報：州委辦公室。\n\n巴州司法局辦公室　2025年3月1日印發\n").html
    for text in ("正文。\n\n抄送的文件要及时处理。\n", "正文。\n\n抄送：甲\n\n正文又开始了。\n",
                 "抄送：甲\n\n| a |\n|---|\n| b |\n"):
        assert "banji" not in render_body(text).html, text


NOTICE = ("各镇（街道）司法所，局机关各科室：\n\n现将有关事项通知如下：\n\n一、活动主题\n\n正文。\n\n"
          "示例县司法局\n\n2024年11月20日\n\n（此件公开发布）\n\n抄送：县委依法治县办。\n")


def test_a_note_under_the_date_keeps_the_signature_and_follows_it() -> None:
    from site_builder.markdown import render_body, render_tree_body

    body = render_body(NOTICE)
    assert ('<div class="signature">\n<p>示例县司法局</p>\n<p>2024年11月20日</p>\n</div>\n<p>（此件公开发布）</p>\n'
            '<div class="banji">\n<p>抄送：县委依法治县办。</p>\n</div>\n') in body.html
    assert body == render_tree_body(NOTICE)
    assert render_body("正文。\n\n示例县司法局\n\n2024年11月20日\n\n(联系人：张三，电话：1234567)\n").html.startswith(
        '<p>正文。</p>\n<div class="signature">')


def test_notes_and_what_is_not_one() -> None:
    from site_builder.signature import is_note

    for text in ("（此件公开发布）", "(此件主动公开)", "　（联系人：张三，联系电话：0539-1234567）"):
        assert is_note(text), text
    for text in ("此件公开发布", "（一）工作目标。正文（略）", "（甲）（乙）", "（此件\n公开发布）"):
        assert not is_note(text), text
    from site_builder.markdown import render_body

    # a bracketed paragraph with no 落款 before it is only a paragraph
    assert "signature" not in render_body("正文。\n\n（此件公开发布）\n").html
    # nor does a note make a date in the middle of the text a signature
    assert "signature" not in render_body("示例县司法局\n\n2024年11月20日\n\n正文。\n\n（此件公开发布）\n").html
