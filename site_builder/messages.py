"""Stable error codes and the 简体中文 text users read for each: the one place that text lives."""

from __future__ import annotations

import re
from collections.abc import Callable

from .hanzi import simplified

MESSAGES: dict[str, str] = {
    # SB1xx: the site config
    "SB101": "找不到站点配置文件 {name}，请在项目目录中创建它（可参考示例站点的 site.yaml）",
    "SB102": "配置文件 YAML 语法错误：{detail}",
    "SB103": "配置文件的顶层必须是「键: 值」形式的映射",
    "SB104": "未知的配置项「{key}」{hint}",
    "SB105": "缺少必填配置项",
    "SB106": "配置值类型不正确，应为{expected}",
    "SB107": "栏目路径「{slug}」不合法：只能使用小写字母、数字和连字符（如拼音首字母 ndjhzj）",
    "SB108": "栏目「{name}」重复：同一层级下的栏目名称和路径都必须唯一",
    "SB109": "默认栏目「{column}」不在栏目树中{hint}",
    "SB110": "网站标识码「{value}」格式不正确：应为 10 位，6 位行政区划代码加 4 位数字，或 bm 加 8 位数字",
    "SB111": "「{value}」应为 {low}–{high} 之间的整数",
    "SB112": "网站地址「{value}」不正确：{reason}；应写成 https://www.example.gov.cn/pufa/ 这样的网址",
    "SB113": "配置中不允许使用 YAML 锚点或别名（& 和 *）",
    "SB116": "索引号前缀「{value}」不正确：只能包含字母、数字和 - _ .，例如 luozhuangqulz207",
    "SB115": "顶层栏目路径「{slug}」是保留名称（nf、jg 用于公开目录的年份和机构页），请换一个",
    "SB117": ("「{tag}」会被 YAML 当作标签（以 ! 开头的标记）而不作为文字读取：如果它是配置值的一部分，"
              "请把整个值用引号括起来"),
    # SB2xx: reading a content file
    "SB201": "文件不是 UTF-8 编码（第 {byte} 字节无法解码），请用编辑器另存为 UTF-8 后重试",
    "SB202": "文件过大（{size} 字节，上限 {limit} 字节）",
    "SB203": "文件开头缺少 front matter：第一行应为 ---，随后是元数据，再以 --- 结束{hint}",
    "SB204": "front matter 没有结束：缺少单独一行的 ---{hint}",
    "SB205": "front matter 的 YAML 语法错误：{detail}",
    "SB206": "front matter 必须是「字段: 值」形式的映射，而不是{kind}",
    "SB207": "字段重复出现（第一次在第 {first} 行）",
    "SB208": "front matter 中不允许使用 YAML 锚点或别名（& 和 *）",
    "SB209": "文件中含有 NUL 控制字符（第 {line} 行），请检查文件是否损坏",
    "SB210": "该文件是指向 content/ 目录之外的符号链接，已拒绝读取",
    "SB211": "某一行过长（{length} 字符，上限 {limit} 字符）",
    "SB212": "含有看不见的控制字符 {codepoint}（多由复制粘贴带入），网页、订阅源和 Word 文件都不能包含它，请删除后重试",
    "SB213": "不是普通文件（可能是命名管道、设备或套接字），已拒绝读取；报告应是普通的 .md 文本文件",
    "SB214": "是打不开的符号链接：它指向的文件不存在，或几个链接互相指向形成循环",
    "SB215": "无法读取该文件：{reason}",
    "SB216": "文件名不是 UTF-8 编码或含有换行等控制字符（显示为 �），请重命名该文件",
    "SB217": ("从这一行起到下一个空行，一整段里有 {count} 个换行和 Markdown 标记（* _ [ ] | - 等，上限 {limit} 个），"
              "这样的一段只能整段解析，会占用大量内存和时间；请在段落之间加空行，或把内容拆分为多篇"),
    "SB218": ("全文共有 {count} 个换行和 Markdown 标记（* _ [ ] | - 等，上限 {limit} 个），解析要占用大量内存和时间，"
              "不像一篇报告；请把内容拆分为多篇"),
    "SB219": "无法读取该文件夹（其中的报告都无法发布）：{reason}",
    "SB220": "{problem}（字段名后要用半角冒号加一个空格），请写作「{fixed}」",
    "SB221": ("「{tag}」会被 YAML 当作标签（以 ! 开头的标记）而不作为文字显示：如果它是内容的一部分，"
              "请把整个值用引号括起来，例如 信息名称: \"!重要 关于……的通知\""),
    # SB3xx: report metadata
    "SB301": "未知字段「{key}」{hint}",
    "SB302": "缺少必填字段",
    "SB303": "必填字段不能为空",
    "SB304": "「{value}」不是有效日期，应为 YYYY-MM-DD 格式的真实日期，例如 2025-04-15{hint}",
    "SB305": "公开日期 {publish} 早于成文日期 {written}",
    "SB306": "「{value}」不是有效的公开方式，应为：主动公开、依申请公开、不予公开",
    "SB307": ("索引号「{value}」格式不正确：只能包含字母、数字和 / - _ .，以字母或数字开头，最长 80 个字符，"
              "例如 luozhuangqulz207/2023-0000131"),
    "SB308": "索引号「{value}」与 {other} 重复（比较时不区分大小写和全角半角）",
    "SB309": "栏目「{value}」不存在{hint}",
    "SB310": "字段值类型不正确，应为{expected}",
    "SB311": "「{value}」不是有效的有效性取值，应为：有效、失效、废止",
    "SB312": "正文为空：front matter 之后应有报告正文",
    "SB313": "与 {other} 的输出路径「{url}」相同，两篇报告会互相覆盖",
    "SB314": "字段中含有不可见的控制字符或方向控制字符（U+{codepoint}），请删除后重试",
    "SB316": "图片地址「{src}」不允许：只能引用 content/ 目录内的图片（相对路径），不能用绝对路径或 ..",
    "SB317": "图片「{src}」不存在",
    "SB318": "图片「{src}」的类型不支持：只能使用 PNG、JPEG、GIF、WebP 图片（SVG 可能含有脚本）",
    "SB319": "正文很长（约 {length} 字），站内检索每篇最多收录 {limit} 字，超出的部分照常发布，但检索不到",
    "SB320": "图片「{src}」不是有效的 PNG、JPEG、GIF 或 WebP 图片（文件内容与扩展名不符，或文件已损坏）",
    "SB321": "图片「{src}」尺寸过大（{size}，上限 {limit} 万像素），请缩小后再使用",
    "SB322": "正文很长，排成公文约 {pages} 页（上限 {limit} 页）：本篇只发布网页，不生成 Word 和 PDF 下载"
             "（排版这样长的文件会拖慢每次构建）",
    "SB323": "表格很大（约 {cells} 个单元格，上限 {limit} 个）：本篇只发布网页，不生成 Word 和 PDF 下载"
             "（排版这样大的表格会拖慢每次构建）",
    "SB324": "日期 {value} 的年份不在 {first}–{last} 年之间，多半是输错了，请检查",
    "SB325": "索引号「{value}」生成的网页「{url}」与栏目的列表页同名，会覆盖列表页；请使用正式的索引号，"
             "例如 luozhuangqulz207/2023-0000131",
    "SB326": "公开日期 {date} 在 {days} 天之后：到那天之前本篇不会出现在网站上，请检查年份是否写错",
    "SB327": ("正文中的「{text}」是 HTML 注释：本网站不隐藏注释，它会原样显示在页面和下载文件中；"
              "如果是内部备注，请在发布前删除"),
    "SB328": ("外部图片「{src}」在页面上不会显示：网站的安全策略只允许显示本站的图片（防止读者的浏览器访问其他网站）；"
              "请把图片保存到 content/ 中，用相对路径引用"),
    "SB329": ("图片地址「{src}」不被接受（只能引用 content/ 中的图片）：这里不会显示图片，"
              "而是原样显示这段 Markdown 文字；请把图片保存到 content/ 中，用相对路径引用"),
    "SB330": ("值后面的「{comment}」被 YAML 当作注释（空格后的 # 开始注释），不会发布；如果它是内容的一部分"
              "（如话题「#宪法宣传周#」），请把整个值用引号括起来"),
    "SB331": ("已删除正文中看不见的字符（{codepoints}）：方向控制字符会让文字显示得与实际内容不同（如倒序显示），"
              "零宽字符会让「一、」这样的标题认不出来；网页、检索和下载文件中都已删除，请在原文中也删除"),
    "SB315": "已删除字段中的不可见字符（{codepoints}），它们会让标题看起来与实际内容不同，请检查原文",
    # SB4xx: templates and output
    "SB401": "无法写入输出目录：{detail}",
    "SB402": "输出目录「{path}」不安全：它不能是项目目录、content/ 或 templates/，也不能包含它们",
    "SB403": "模板错误：{detail}",
    "SB404": "模板文件「{name}」不存在",
    "SB408": "构建期间该文件被修改了，请等保存完成后重新构建",
    "SB409": "这个项目的另一个构建（进程 {pid}）还在进行，请等它完成后再试",
    "SB410": "网站已生成，但无法保存构建缓存：{detail}；下次构建会多花些时间重新生成",
    "SB405": "输出目录「{path}」已存在，且不是 site_builder 生成的；为防止误删文件，请换一个空目录或先手动清空它",
    "SB406": "输出路径「{path}」会落到输出目录之外，已拒绝写入",
    "SB407": "两个页面要写入同一个输出文件「{path}」，请检查栏目路径是否与报告的索引号冲突",
    # SB5xx: downloads (Word / PDF)
    "SB501": "未找到中文字体，无法生成 PDF（否则 PDF 中的汉字会显示为空白方框）。"
             "请安装 fonts-noto-cjk，或用 --no-downloads 跳过下载文件",
    "SB502": "无法加载 PDF 生成组件 WeasyPrint（{detail}）。"
             "请安装系统软件包 libpango-1.0-0 和 libpangoft2-1.0-0，或用 --no-downloads 跳过下载文件",
    # SB6xx: editorial warnings (check)
    "SB601": "公开日期比成文日期晚 {days} 个工作日，超过《政府信息公开条例》第二十六条的 {limit} 个工作日；"
             "请核对两个日期（节假日未计入）",
    "SB602": "文号「{value}」的年份应使用六角括号〔〕，建议改为「{fixed}」",
    "SB603": "文号「{value}」的序号不应有前导零，建议改为「{fixed}」",
    "SB604": "正文中有 {count} 处半角标点「{marks}」紧挨着汉字（从这一行开始），中文公文建议使用全角标点「{wanted}」",
    "SB605": "内容概述重复了标题，请概括报告的主要内容",
    "SB606": "内容概述有 {length} 字，超过 {limit} 字，请精简",
    "SB607": "正文开头的「{value}」像是文号，但没有「文号」字段：写成「文号: {value}」后，它会列入元数据并显示在"
             "标题下方，正文中重复的这一行不再显示",
    "SB608": ("信息名称有 {length} 字，超过 {limit} 字：是否把正文误贴进了标题？"
              "标题会显示在每个列表、网页标题和订阅源中"),
    # SB7xx: new / import
    "SB701": "站点配置中没有「{agency}」的索引号规则，无法自动编号。已配置的机构：{known}。"
             "请在 site.yaml 的「发布机构」中添加，或用 --index 手工指定索引号",
    "SB702": "无法读取要导入的文件「{path}」：{detail}",
    "SB703": "不支持导入「{path}」这种文件，只能导入 .docx 和 .txt",
    # SB9xx: the command line
    "SB901": "路径「{path}」不存在或不是目录",
    "SB902": "日期「{value}」不是 YYYY-MM-DD 格式的真实日期",
    "SB903": "无法在 127.0.0.1:{port} 上启动预览：{reason}；请用 --port 换一个端口",
}


def render_message(code: str, args: dict[str, object]) -> str:
    """The message for a code, with its details filled in."""
    return MESSAGES[code].format_map(_Args(args))


class _Args(dict[str, object]):
    """A message's details; a hint (did you mean …) may be left out."""

    def __missing__(self, key: str) -> object:
        if key == "hint":
            return ""
        raise KeyError(key)


def did_you_mean(word: str, choices: list[str], aliases: dict[str, str] | None = None) -> str:
    """A "did you mean" hint for a misspelt key, or an empty string."""
    import difflib

    if aliases and word in aliases:
        return f"，您是不是想写「{aliases[word]}」？"
    folded = simplified(word)  # 發布機構 shares one character with 发布机构 but spells it
    if folded != word:
        return did_you_mean(folded, choices, aliases)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if not close:
        close = [c for c in choices if word and (word in c or c in word)][:1]
    return f"，您是不是想写「{close[0]}」？" if close else ""


Rewording = list[tuple[re.Pattern[str], str]]
"""A library's English messages as patterns, each with the Chinese that says it (named groups carried over)."""


def reworded(text: str, table: Rewording,
             adjust: Callable[[dict[str, str]], dict[str, str]] | None = None) -> str | None:
    """`text` in Chinese by the first pattern of `table` it matches whole (its parts `adjust`ed first), or None."""
    for pattern, chinese in table:
        found = pattern.fullmatch(text)
        if found is not None:
            parts = found.groupdict()
            return chinese.format(**(adjust(parts) if adjust else parts))
    return None
