import pytest

from site_builder.config import all_column_paths, find_column, parse_config, suggest_column
from site_builder.errors import BuildFailed

from ..conftest import BASE_SITE


def test_base_config_parses() -> None:
    config = parse_config(BASE_SITE, "site.yaml")
    assert config.name == "测试站点"
    assert config.base_url == "https://test.example.gov.cn/sub/" and config.base_path == "/sub/"
    assert config.page_size == 2 and config.directory_slug == "xxgk"
    assert config.default_column == ("法定主动公开内容", "决策公开")
    assert [c.slug for c in config.columns[0].children] == ["jcgk", "zxgk"]


def test_base_url_gets_trailing_slash() -> None:
    config = parse_config(BASE_SITE.replace("/sub/", "/sub"), "site.yaml")
    assert config.base_url.endswith("/sub/")


def test_all_problems_reported_at_once() -> None:
    broken = BASE_SITE.replace('"3713110001"', '"x"').replace("每页条数: 2", "每页条数: 很多").replace("网站名称:", "站名:")
    with pytest.raises(BuildFailed) as failed:
        parse_config(broken, "site.yaml")
    codes = sorted(p.code for p in failed.value.problems)
    assert codes == ["SB104", "SB105", "SB110", "SB111"]


def test_numbers_as_typed() -> None:
    """每页条数: ² ended the build with a traceback (str.isdigit() takes it, int() does not); a list there was
    reported twice; a number out of range was "not a positive integer"; full-width digits are fine."""
    def problems(size: str) -> list[str]:
        try:
            parse_config(BASE_SITE.replace("每页条数: 2", f"每页条数: {size}"), "site.yaml")
        except BuildFailed as failed:
            return [p.format() for p in failed.problems]
        return []

    assert parse_config(BASE_SITE.replace("每页条数: 2", "每页条数: １５"), "site.yaml").page_size == 15
    for size in ("²", "⑤", "٣", "0", "1.5", "很多", "1000000000", "99999999999999999999"):
        found = problems(size)
        assert len(found) == 1 and found[0].endswith(f"「{size}」应为 1–500 之间的整数 [SB111]"), found
    assert [line[-7:] for line in problems("[1]")] == ["[SB106]"]
    agency = "\n发布机构:\n  - 名称: 测试县司法局\n    索引号前缀: test\n    序号位数: ²\n"
    with pytest.raises(BuildFailed) as failed:
        parse_config(BASE_SITE + agency, "site.yaml")
    assert [p.code for p in failed.value.problems] == ["SB111"] and "1–10" in failed.value.problems[0].message


def test_a_chinese_colon_in_site_yaml_is_named_at_its_line() -> None:
    """网站名称：… was a YAML error at line 2 ("mapping values are not allowed"); a column's 路径：… too."""
    broken = BASE_SITE.replace("网站名称: ", "网站名称：").replace("路径: jcgk", "路径:jcgk")
    with pytest.raises(BuildFailed) as failed:
        parse_config(broken, "site.yaml")
    assert [(p.code, p.location.line if p.location else None, p.field) for p in failed.value.problems] == [
        ("SB220", 1, "网站名称"), ("SB220", 15, "路径")]


def test_site_code_forms() -> None:
    parse_config(BASE_SITE.replace('"3713110001"', "bm12345678"), "site.yaml")
    with pytest.raises(BuildFailed):
        parse_config(BASE_SITE.replace('"3713110001"', "bm1234567"), "site.yaml")
    with pytest.raises(BuildFailed):  # \\d took these, and every page's SiteIDCode would have held them
        parse_config(BASE_SITE.replace('"3713110001"', '"３７１３１１０００１"'), "site.yaml")


def test_column_helpers() -> None:
    config = parse_config(BASE_SITE, "site.yaml")
    assert all_column_paths(config.columns) == ["法定主动公开内容", "法定主动公开内容/决策公开", "法定主动公开内容/执行公开"]
    chain = find_column(config.columns, ("法定主动公开内容", "执行公开"))
    assert chain is not None and [c.slug for c in chain] == ["fdzdgknr", "zxgk"]
    assert find_column(config.columns, ("执行公开",)) is None
    assert "法定主动公开内容/执行公开" in suggest_column(config.columns, "执行公开")


def test_agency_rules() -> None:
    config = parse_config(BASE_SITE + "发布机构:\n  - 名称: 甲局\n    索引号前缀: jia01\n    序号位数: 7\n", "site.yaml")
    assert [(a.name, a.prefix, a.width) for a in config.agencies] == [("甲局", "jia01", 7)]
    with pytest.raises(BuildFailed) as failed:
        parse_config(BASE_SITE + "发布机构:\n  - 名称: 甲局\n    索引号前缀: 甲 01\n", "site.yaml")
    assert [p.code for p in failed.value.problems] == ["SB116"]


def test_keys_and_default_column_in_traditional_characters() -> None:
    traditional = (BASE_SITE.replace("网站名称:", "網站名稱:").replace("默认栏目: 法定主动公开内容/决策公开", "默認欄目: 法定主動公開內容/決策公開")
                   .replace("    路径: fdzdgknr", "    路徑: fdzdgknr"))
    config = parse_config(traditional + "發布機構:\n  - 名稱: 甲局\n    索引號前綴: jia01\n", "site.yaml")
    assert config.name == "测试站点" and config.default_column == ("法定主动公开内容", "决策公开")
    assert config.columns[0].slug == "fdzdgknr" and [(a.name, a.prefix) for a in config.agencies] == [("甲局", "jia01")]
    with pytest.raises(BuildFailed) as failed:
        parse_config(BASE_SITE + "網站名稱: 另一个\n", "site.yaml")
    assert [p.code for p in failed.value.problems] == ["SB207"]


@pytest.mark.parametrize(("written", "reason"), [
    ('https://evil.example/"><script>', "不能出现的字符（\"）"),  # went into every page's links and the sitemap
    ("https://pufa.example.gov.cn/a b/", "不能出现的字符（空格）"),
    ("https://user:secret@pufa.example.gov.cn/", "用户名或密码"),  # published the password on every page
    ("https://pufa.example.gov.cn/?q=1", "“?”或“#”"),
    ("https://pufa.example.gov.cn/#top", "“?”或“#”"),
    ("https://pufa.example.gov.cn:80x/", "域名和端口"),  # ValueError from urlsplit's port
    ("https://-bad-.example/", "域名不正确"),
    ("https://a..b/", "域名不正确"),
    ("https:///pufa/", "域名不正确"),
    ("https://pufa.example.gov.cn/普法/", "百分号编码"),
    ("ftp://pufa.example.gov.cn/", "http:// 或 https://"),
    ("javascript:alert(1)//", "http:// 或 https://"),
])
def test_site_address_problems_name_their_reason(written: str, reason: str) -> None:
    site = BASE_SITE.replace("https://test.example.gov.cn/sub/", written.replace("'", "''"))
    site = site.replace(f"网站地址: {written}", f"网站地址: '{written}'")
    with pytest.raises(BuildFailed) as failed:
        parse_config(site, "site.yaml")
    [problem] = failed.value.problems
    assert problem.code == "SB112" and reason in problem.message, problem.message


@pytest.mark.parametrize(("written", "kept"), [
    ("https://例子.中国/pufa/", "https://xn--fsqu00a.xn--fiqs8s/pufa/"),  # 中文域名 as machines read it
    ("http://[::1]:8000/", "http://[::1]:8000/"),
    ("https://pufa.example.gov.cn:8443/a-b/%E6%99%AE/", "https://pufa.example.gov.cn:8443/a-b/%E6%99%AE/"),
])
def test_good_site_addresses(written: str, kept: str) -> None:
    site = BASE_SITE.replace("https://test.example.gov.cn/sub/", written)
    site = site.replace(f"网站地址: {written}", f"网站地址: '{written}'")
    assert parse_config(site, "site.yaml").base_url == kept
