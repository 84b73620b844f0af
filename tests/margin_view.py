"""A picture of an annotated copy as a Word user sees it: LibreOffice renders the pages (soffice → PDF,
pdftoppm → PNG), and the comments LibreOffice wrote into that PDF (text annotations, at the places it
laid them out) are drawn in a margin beside each page, in Chromium, the way Word's comment pane shows
them. LibreOffice 7.4 cannot print comments in the margin itself."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _text(hexstr: bytes) -> str:
    raw = bytes.fromhex(hexstr.decode())
    return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("utf-16")


def pdf_notes(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, str]]]]:
    """Per page, in order: (width, height, [(x, y_top, text)]) of its text annotations (comments)."""
    data = pdf.read_bytes()
    objs = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}
    tree = next(b for b in objs.values() if re.search(rb"/Type\s*/Pages", b))
    order = [int(n) for n in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[(.*?)\]", tree, re.S).group(1))]
    pages = []
    for n in order:
        page = objs[n]
        box = [float(v) for v in re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", page + tree).group(1).split()]
        notes = []
        annots = re.search(rb"/Annots\s*\[(.*?)\]", page, re.S)
        for ref in re.findall(rb"(\d+) 0 R", annots.group(1) if annots else b""):
            a = objs.get(int(ref), b"")
            if not re.search(rb"/Subtype\s*/Text", a):
                continue
            rect = [float(v) for v in re.search(rb"/Rect\s*\[\s*([\d.\s-]+)\]", a).group(1).split()]
            contents = re.search(rb"/Contents\s*<([0-9A-Fa-f]+)>", a, re.S)
            if contents:
                notes.append((rect[0], box[3] - rect[3], _text(contents.group(1))))
        pages.append((box[2], box[3], notes))
    return pages


PAGE_CSS = """
body{margin:0;background:#e8e8e8;font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif}
.sheet{display:flex;gap:0;margin:12px;align-items:flex-start}
.page{position:relative;box-shadow:0 0 4px #999}
.page img{display:block}
.dot{position:absolute;width:16px;height:16px;border-radius:8px;background:#c62828;color:#fff;font:11px/16px sans-serif;
     text-align:center;transform:translate(-8px,-4px)}
.margin{position:relative;width:380px;background:#f4f4f4;align-self:stretch;border-left:1px solid #ccc}
.note{position:absolute;left:10px;right:10px;background:#fff;border:1px solid #d6a;border-left:4px solid #c62828;
      border-radius:3px;padding:4px 6px;font-size:11px;line-height:1.35;white-space:pre-wrap;box-shadow:0 1px 2px #bbb}
.note b{color:#c62828}
"""

PAGE_JS = """
for (const m of document.querySelectorAll('.margin')) {
  let bottom = 0;
  for (const n of m.querySelectorAll('.note')) {
    const want = parseFloat(n.dataset.y);
    const top = Math.max(want, bottom + 6);
    n.style.top = top + 'px';
    bottom = top + n.offsetHeight;
  }
  m.style.minHeight = bottom + 'px';
}
"""


def margin_view_html(pdf: Path, pngs: list[Path], dpi: int) -> str:
    scale = dpi / 72
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{PAGE_CSS}</style></head><body>"]
    for (w, h, notes), png in zip(pdf_notes(pdf), pngs):
        out.append(f"<div class='sheet'><div class='page' style='width:{w * scale:.0f}px'>"
                   f"<img src='{png.as_uri()}' width='{w * scale:.0f}'>")
        notes = sorted(notes, key=lambda n: (n[1], n[0]))
        for i, (x, y, _t) in enumerate(notes, 1):
            out.append(f"<span class='dot' style='left:{x * scale:.0f}px;top:{y * scale:.0f}px'>{i}</span>")
        out.append("</div><div class='margin'>")
        for i, (_x, y, t) in enumerate(notes, 1):
            out.append(f"<div class='note' data-y='{y * scale:.0f}'><b>{i} checker</b>\n{html.escape(t)}</div>")
        out.append("</div></div>")
    out.append(f"<script>{PAGE_JS}</script></body></html>")
    return "".join(out)


def render(docx: Path, out_dir: Path, name: str, work: Path, pages: int = 2, dpi: int = 80) -> list[Path]:
    """soffice → PDF → PNG pages → margin view PNG; returns the pictures written under ``out_dir``."""
    profile = work / "lo-profile"
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                           'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                           "--outdir", str(work), str(docx)], capture_output=True, timeout=300)
    pdf = work / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(proc.stderr.decode(errors="replace"))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{name}.pdf").write_bytes(pdf.read_bytes())
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", str(pages), str(pdf), str(work / "page")],
                   capture_output=True, timeout=120)
    pngs = sorted(work.glob("page-*.png"))
    page = work / "margin.html"
    page.write_text(margin_view_html(pdf, pngs, dpi), encoding="utf-8")
    shots = []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 1000})
            tab.goto(page.as_uri())
            for i, sheet in enumerate(tab.query_selector_all(".sheet"), 1):
                shot = out_dir / f"{name}-page{i}.png"
                sheet.screenshot(path=str(shot))
                shots.append(shot)
        finally:
            browser.close()
    return shots
