"""Generate N realistic synthetic 普法 reports (Chinese text with 公文 headings, tables, several agencies,
columns and years) into a project folder: python benchmarks/generate.py N FOLDER [--chars 8000]."""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AGENCIES = [("罗庄区司法局", "luozhuangqulz207"), ("柳州市柳江区司法局", "11450221MB1234567X"),
            ("衡阳市珠晖区司法局", "114304050068901234"), ("巴音郭楞蒙古自治州司法局", "11652800010130612A"),
            ("示例县公安局", "11371311MB0000001A"), ("示例县市场监督管理局", "11371311MB0000002B"),
            ("示例县人力资源和社会保障局", "11371311MB0000003C"), ("示例县生态环境分局", "11371311MB0000004D"),
            ("示例县教育和体育局", "11371311MB0000005E"), ("示例县卫生健康局", "11371311MB0000006F")]
COLUMNS = ["法定主动公开内容/决策公开/年度计划总结", "法定主动公开内容/执行公开/普法责任制",
           "法定主动公开内容/结果公开/法治政府建设", "政府信息公开年报"]
KINDS = ["普法工作计划", "普法工作总结", "“谁执法谁普法”履职报告", "普法责任清单", "法治政府建设年度报告", "普法依法治理工作要点"]
SUBJECTS = ["习近平法治思想", "宪法", "民法典", "行政复议法", "未成年人保护法", "安全生产法", "食品安全法",
            "反电信网络诈骗法", "国家安全法", "消费者权益保护法", "劳动合同法", "环境保护法", "法律援助法", "人民调解法",
            "社区矫正法"]
ACTIONS = ["深入学习宣传", "扎实推进", "全面落实", "持续深化", "创新开展", "认真组织", "广泛宣传", "着力加强", "统筹推进",
           "切实做好"]
OBJECTS = ["国家工作人员学法用法制度", "青少年法治教育", "法治文化阵地建设", "“八五”普法规划实施", "以案释法工作",
           "民主法治示范村创建", "法律明白人培育", "普法责任清单制度", "媒体公益普法", "重要节点集中宣传"]
DETAILS = ["组织开展专题宣讲", "邀请法律专家进机关、进乡村、进社区、进学校、进企业",
           "利用微信公众号发布普法信息",
           "举办法治讲座和知识竞赛", "开展旁听庭审活动", "建立工作台账，明确时间进度和责任分工", "纳入年度法治建设考核",
           "定期通报工作进展情况", "印发宣传资料并开展法律咨询", "结合执法办案开展以案释法"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)}{rng.choice(['学习宣传', '贯彻实施', '普及教育'])}，"
            f"{rng.choice(DETAILS)}，{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，全年共开展活动{rng.randint(3, 300)}场次。")


def body(rng: random.Random, chars: int, agency: str, year: int) -> str:
    parts: list[str] = [sentence(rng) + sentence(rng)]
    cn = "一二三四五六七八九十"
    section = 0
    while sum(len(p) for p in parts) < chars:
        parts.append(f"{cn[section % 10]}、{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}")
        for sub in range(rng.randint(2, 3)):
            parts.append(f"（{cn[sub]}）{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)}宣传。" + sentence(rng) * 2)
            for item in range(1, rng.randint(2, 4)):
                parts.append(f"{item}.{rng.choice(DETAILS)}。" + sentence(rng) * rng.randint(2, 4))
        if rng.random() < 0.2:
            rows = ["| 序号 | 普法内容 | 普法对象 | 完成时限 |", "|:-:|---|---|---|"]
            audiences = ["全体干部", "社会公众", "青少年"]
            rows += [f"| {i} | {rng.choice(SUBJECTS)} | {rng.choice(audiences)} | {i + 2}月 |" for i in range(1, 6)]
            parts.append("\n".join(rows))
        section += 1
    parts += [agency, f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    return "\n\n".join(parts) + "\n"


def generate(count: int, folder: Path, chars: int = 8000, seed: int = 1) -> None:
    rng = random.Random(seed)
    content = folder / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", folder / "site.yaml")
    serials: dict[tuple[str, int], int] = {}
    for number in range(count):
        agency, prefix = AGENCIES[number % len(AGENCIES)]
        year = 2019 + number % 7
        serials[(prefix, year)] = serials.get((prefix, year), 0) + 1
        index = f"{prefix}/{year}-{serials[(prefix, year)]:05d}"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        kind = rng.choice(KINDS)
        text = (f"---\n索引号: {index}\n信息名称: {agency}{year}年{kind}（第{number + 1}号）\n公开方式: 主动公开\n"
                f"发布机构: {agency}\n成文日期: {year}-{month:02d}-{day:02d}\n公开日期: {year}-{month:02d}-{day:02d}\n"
                f"栏目: {COLUMNS[number % len(COLUMNS)]}\n关键词: [普法, {rng.choice(SUBJECTS)}]\n---\n\n"
                + body(rng, chars, agency, year))
        (content / f"{number // 1000:03d}" / f"r{number:06d}.md").parent.mkdir(exist_ok=True)
        (content / f"{number // 1000:03d}" / f"r{number:06d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--chars", type=int, default=8000)
    args = parser.parse_args()
    generate(args.count, args.folder, args.chars)


if __name__ == "__main__":
    main()
