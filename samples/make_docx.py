"""Build the .docx samples from the .txt samples (run from the project root: python samples/make_docx.py).

Each paragraph of a .docx is the same-numbered line of its .txt, so `checker text` gives the same
line numbers for both. Headings get Word heading styles; slot characters are split into runs of
their own, as Word leaves them after editing; the slots are marked red on yellow as templates do;
a small table with a 合计 row closes each document.
"""

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import RGBColor

HERE = Path(__file__).resolve().parent
SLOT = re.compile(r"(20XX|(?<!\+)(?![Xx]光)[Xx×]+(?:\.[Xx]+)?%?|某某|某X|○○|□□|＿+|_+|【[^】]*】|（此[處处][^）]*）|\[[^\]]*\]|\?\?\?|待補充|待补充|待定)")
H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")

TABLES = {
    "zh": [["指标", "2025年", "备注"], ["税收收入（万元）", "5100", ""], ["非税收入（万元）", "3500", ""],
           ["合计", "8600", "财政总收入"]],
    "tw": [["指標", "2025年", "備註"], ["稅收收入（萬元）", "5100", ""], ["非稅收入（萬元）", "3500", ""],
           ["合計", "8600", "財政總收入"]],
}


def build(txt: Path, out: Path, table_rows) -> None:
    doc = Document()
    lines = txt.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if i == 0:
            para = doc.add_paragraph(style="Title")
        elif H1.match(line):
            para = doc.add_paragraph(style="Heading 1")
        elif H2.match(line) and len(line) < 30:
            para = doc.add_paragraph(style="Heading 2")
        else:
            para = doc.add_paragraph()
        for piece in SLOT.split(line):
            if not piece:
                continue
            if SLOT.fullmatch(piece):
                for ch in (piece if len(piece) <= 4 else [piece]):  # Word splits short slots run by run
                    run = para.add_run(ch)
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                    run.font.color.rgb = RGBColor(0xFF, 0, 0)
            else:
                para.add_run(piece)
    if table_rows:
        table = doc.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    doc.core_properties.author = "青石镇党政办"
    doc.core_properties.title = lines[0]
    doc.save(out)


COPIED = ("工作总结-沿用旧稿", "工作總結-沿用舊稿-繁體", "半年总结-照抄邻镇", "半年總結-照抄鄰鎮-繁體")


def main() -> int:
    for stem, lang in (("工作总结-定稿", "zh"), ("工作总结-待填", "zh"),
                       ("工作總結-定稿-繁體", "tw"), ("工作總結-待填-繁體", "tw")):
        build(HERE / f"{stem}.txt", HERE / f"{stem}.docx", TABLES[lang])
    # drafts with structural faults (an empty part, a year from an old template, numbers that skip)
    for stem in ("半年总结-结构问题", "半年總結-結構問題-繁體"):
        build(HERE / f"{stem}.txt", HERE / f"{stem}.docx", None)
    # drafts copied from last year's report and from a neighbour's (stale years and periods, another place)
    for stem in COPIED:
        build(HERE / f"{stem}.txt", HERE / f"{stem}.docx", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
