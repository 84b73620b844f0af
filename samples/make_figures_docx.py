"""Build samples/数字陷阱-无误.docx from the .txt of the same name, with two tables that add up
(run from the project root: python samples/make_figures_docx.py).

Paragraph N of the body is line N of the .txt; the tables come after the text. Every trap of the
figure rules is here, and none of them is an error: the file must raise nothing serious.
"""

from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
NAME = "数字陷阱-无误"

TABLES = [
    [["村名", "茶园面积（亩）", "蔬菜面积（亩）", "合计"],
     ["东岭村", "320", "80", "400"],
     ["桃溪村", "410", "90", "500"],
     ["云山村", "270", "60", "330"],
     ["合计", "1000", "230", "1230"]],
    # one decimal place in the total: 1.24 + 2.31 = 3.55 is written 3.6; shares are never summed
    [["项目", "投资（亿元）", "占比（%）"],
     ["道路", "1.24", "34.4"],
     ["其中：村道", "0.62", "17.2"],
     ["水利", "2.31", "64.2"],
     ["合计", "3.6", "100"]],
]


def main() -> None:
    doc = Document()
    lines = (HERE / f"{NAME}.txt").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        style = "Title" if i == 0 else ("Heading 1" if line[:2] in ("一、", "二、", "三、", "四、") else None)
        doc.add_paragraph(line, style=style)
    for rows in TABLES:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    doc.save(HERE / f"{NAME}.docx")


if __name__ == "__main__":
    main()
