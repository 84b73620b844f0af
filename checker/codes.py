"""Every finding code, declared once: default severity, summary in both languages, family, page.

This is the single table the rest of checker reads (pylint's ``msgs``, ruff's ``codes.rs``):
``Context.finding`` takes a code's default severity from it, ``checker rules`` lists it, the
HTML report describes each code with its summary, and a test holds the README's rule table
and each page's ``**Severity:**`` line against it. A code's *family* is the rule module that
emits it (the name ``--select``/``--ignore`` and ``[checker] disable`` also accept).

Importing this module is cheap: no rule module is imported to list the codes.
"""

from __future__ import annotations

from typing import NamedTuple

from checker.findings import Severity

E, W, I = Severity.error, Severity.warning, Severity.info


class Code(NamedTuple):
    """One finding code: its name, default severity, one-line summary and family."""

    name: str
    severity: Severity          # the default; a pack's [checker.severity] may change it
    summary: tuple[str, str]    # (Chinese, English), one line each
    family: str                 # the rule (REGISTRY name) that emits it

    @property
    def doc(self) -> str:
        """The page's file name under docs/rules/."""
        return f"{self.name}.md"

    def describe(self, lang: str) -> str:
        return self.summary[1] if lang == "en" else self.summary[0]


def _c(name, severity, zh, en, family=None) -> Code:
    return Code(name, severity, (zh, en), family or name)


# The order here is the order `checker rules` lists the codes (grouped by family, in run order).
_TABLE = (
    _c("placeholder", E, "模板占位符未填写（X、XX、20XX、x.xx、某某、××、**、＿＿、【请填写…】、留作空格的数字或日期等）",
       "unfilled template slots (X, XX, 20XX, x.xx, 某某, ××, **, ＿＿, 【请填写…】, numbers or dates left as spaces …)"),
    _c("subtotal-exceeds-total", E, "分项超过总数（其中…、合计/共计后列出的部分大于总数）",
       "a part larger than its total (其中 lists, parts of a 合计/共计)", "figures"),
    _c("parts-sum-mismatch", I, "看似完整的分项之和小于总数", "parts that look complete add up to less than their total",
       "figures"),
    _c("count-mismatch", E, "所说的数量与所列项目个数不符（东岭、桃溪三个村；以下四个方面只列三项）",
       "a stated count contradicting its list (three villages named, four announced)", "figures"),
    _c("rate-out-of-range", E, "有上限的比率超过100%或低于0（参保率、覆盖率、占比等）",
       "a bounded rate (coverage, share …) above 100% or below 0", "figures"),
    _c("metric-conflict", W, "同一时期同一指标前后给出两个不能同时成立的数",
       "one measure of one thing in one period given two values that cannot both be right", "figures"),
    _c("table-total-mismatch", E, "表格的合计/小计/总计行或列与各项之和不符",
       "a 合计/小计/总计 row or column of a table that differs from the sum", "figures"),
    _c("vendor-residue", E, "模板出售方的水印或广告（范文网站名、QQ/微信/网址、仅供学习、小编为你整理等），以及随网页复制来的页面元素",
       "a template seller's watermark or advert (范文 site names, QQ/WeChat/web address, 仅供学习, 小编为你整理 …), "
       "and page furniture copied with a web page"),
    _c("missing-name", I, "名称似乎被删掉而未填写，句子残缺（关于镇2020年、把打造成、结合的镇史）",
       "a name apparently deleted from its slot, leaving the sentence broken"),
    _c("duplicate-paragraph", W, "标题或段落重复出现（如标题在开头段落后又打了一遍）",
       "a title or a paragraph repeated verbatim (such as the title typed again after the opening)"),
    _c("missing-section", E, "报告缺少该类报告必备的部分（如存在问题、下一步计划）",
       "a part this kind of report requires is missing (e.g. the problems or the plan)"),
    _c("empty-section", E, "标题下没有内容，或只有占位符", "a heading with nothing under it, or only slots",
       "missing-section"),
    _c("section-order", W, "各部分次序颠倒（如计划写在回顾之前）",
       "parts in an order the kind does not allow (e.g. the plan before the review)", "missing-section"),
    _c("section-year", W, "回顾或计划部分标题中的年份与报告题目矛盾",
       "a review or plan heading whose year contradicts the title", "missing-section"),
    _c("numbering", W, "同一层级的编号跳号、重号或倒序（一、二、四、；（一）（二）（二）；一是…三是）",
       "numbers of one level that skip, repeat or go back (一、二、四、; （一）（二）（二）; 一是…三是)"),
    _c("stale-year", W, "年份属于别的时期却当作本报告的（回顾写上一年、计划写旧年份、落款早于所总结时期）",
       "a year from another period stated as this report's own (last year's review, an old plan year, an early signature date)"),
    _c("stale-period", W, "已结束的五年规划、已被接替的党代会或全会仍被当作当前的（今年是“十三五”收官之年）",
       "a five-year plan, Party congress or plenum named as current after it had ended or been succeeded"),
    _c("date-after-period", W, "回顾部分的日期在所总结的时期之后（2024年总结写“截至2025年9月底”）",
       "a date in the review after the period reported on"),
    _c("other-place", W, "把别的乡镇当作本报告的主体（别镇的党委、政府或落款）",
       "another township named as the draft itself (its party committee and government, its signature)"),
    _c("docx-comment", W, "Word 批注未删除（列出作者和内容）", "Word comments still in the document (author and text)"),
    _c("docx-revision", E, "修订（修订模式下的插入、删除、格式修改）未接受或拒绝",
       "tracked changes not yet accepted or rejected"),
    _c("docx-highlight", W, "文字仍带模板的“待填写”标记（突出显示、底纹、红色或蓝色字体）",
       "text still marked the way templates mark slots (highlight, shading, red or blue font)"),
    _c("docx-hidden-text", W, "隐藏文字（屏幕和打印不显示，但仍在文件里）",
       "hidden text (not shown or printed, but still in the file)"),
    _c("docx-metadata", W, "文档属性残留模板或出售方的信息（作者、单位、标题），或标题与正文标题矛盾",
       "document properties left from the template or its seller, or a title contradicting the document's"),
)

CODES: dict[str, Code] = {c.name: c for c in _TABLE}


def get(name: str) -> Code | None:
    return CODES.get(name)


def of_family(family: str) -> tuple[str, ...]:
    """The codes a rule emits (its own name first when it is also a code)."""
    return tuple(c.name for c in _TABLE if c.family == family)


def families() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for c in _TABLE:
        seen.setdefault(c.family, None)
    return tuple(seen)


def names_for(selector: str) -> tuple[str, ...]:
    """The codes a --select/--ignore name stands for: a code itself, or a family's codes."""
    if selector in CODES and CODES[selector].family == selector:
        return of_family(selector)
    if selector in CODES:
        return (selector,)
    return of_family(selector)


def as_data() -> list[dict]:
    """Every code as data, in table order (``checker rules --format json``): its name, the rule that
    reports it, default severity, summaries in both languages, its page under docs/rules/ and where
    that page is on this machine."""
    from checker.docs import docs_dir

    folder = docs_dir()
    return [{
        "code": c.name,
        "rule": c.family,
        "severity": c.severity.value,
        "summary": {"zh": c.summary[0], "en": c.summary[1]},
        "doc": f"docs/rules/{c.doc}",
        "doc_path": str((folder / c.doc).resolve()),
    } for c in _TABLE]
