"""The detail page shows the reference portal's elements in the reference order (DOMAIN.md §1):
无障碍浏览, breadcrumb ending in 正文, the six-cell metadata table, the title, the body, 关闭窗口."""

from __future__ import annotations

from pathlib import Path

REFERENCE = "xxgk/fdzdgknr/jcgk/ndjhzj/luozhuangqulz207-2023-0000131.html"


def test_reference_elements_in_order(sample_site: Path) -> None:
    html = (sample_site / REFERENCE).read_text(encoding="utf-8")
    markers = [
        ">无障碍浏览<",
        "您现在的位置：",
        '<li><a href="../../../../index.html">首页</a></li>',
        ">法定主动公开内容<", ">决策公开<", ">年度计划总结<",
        '<span aria-current="page">正文</span>',
        '<th scope="row">索引号</th>\n      <td>luozhuangqulz207/2023-0000131</td>',
        '<th scope="row">公开方式</th>\n      <td>主动公开</td>',
        '<th scope="row">信息名称</th>\n      <td>罗庄区司法局2023年普法工作计划</td>',
        '<th scope="row">成文日期</th>\n      <td>2023-08-08</td>',
        '<th scope="row">公开日期</th>\n      <td>2023-08-08</td>',
        '<th scope="row">发布机构</th>\n      <td>罗庄区司法局</td>',
        '<h1 id="article-title" class="article-title">罗庄区司法局2023年普法工作计划</h1>',
        "为深入贯彻落实“谁执法谁普法”普法责任制",
        '<h2 id="s1" class="gw-cn">一、工作目标</h2>',
        "(四)强化督导宣传。",
        ">关闭窗口<",
        "上一篇：",
    ]
    position = 0
    for marker in markers:
        found = html.find(marker, position)
        assert found >= 0, f"not found after the previous element: {marker}"
        position = found + len(marker)


def test_every_page_has_government_furniture(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html, page
        for needle in ('<meta name="SiteName"', '<meta name="SiteIDCode" content="3713110001">', "无障碍浏览",
                       "主办单位：示例县司法局", "网站标识码：3713110001", "鲁ICP备00000000号", "鲁公网安备",
                       '<meta name="ColumnName"'):
            assert needle in html, (page, needle)


def test_detail_head_meta_tags(sample_site: Path) -> None:
    html = (sample_site / REFERENCE).read_text(encoding="utf-8")
    for tag in ('<meta name="ArticleTitle" content="罗庄区司法局2023年普法工作计划">',
                '<meta name="PubDate" content="2023-08-08 00:00">', '<meta name="ContentSource" content="罗庄区司法局">',
                '<meta name="ColumnName" content="年度计划总结">', '<meta name="SiteDomain" content="pufa.example.gov.cn">'):
        assert tag in html, tag
