from site_builder.hanzi import known_spelling, simplified


def test_simplified_text_comes_back_unchanged() -> None:
    assert simplified("法定主动公开内容") == "法定主动公开内容"
    assert simplified("abc 123") == "abc 123"


def test_traditional_spelling_of_a_known_code() -> None:
    known = ("索引号", "发布机构", "公开日期")
    assert known_spelling("索引號", known) == "索引号"
    assert known_spelling("發布機構", known) == "发布机构"
    assert known_spelling("發佈機構", known) == "发布机构"
    assert known_spelling("公开日期", known) == "公开日期"
    assert known_spelling("資訊名稱", known) is None  # another word (资讯), not a spelling of 信息名称
    assert known_spelling("", known) is None
