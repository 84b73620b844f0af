"""Where each finding's comment goes (its own characters, its line, the heading above it, the title), and
the text of the comments: one per finding, one per paragraph, and a summary."""

from __future__ import annotations

from dataclasses import dataclass

from checker.annotate.comments import CommentsWriter
from checker.annotate.marks import Para, mark, mark_run, paragraph_of, runs_between
from checker.findings import severity_label
from checker.i18n import tr


@dataclass
class Anchor:
    first: object        # first run element
    last: object         # last run element
    note: str = ""       # said before the message when the finding is not exactly here


class Annotator:
    def __init__(self, docx_document, doc, lang: str, highlight: bool):
        from checker.readers.docx import iter_paragraphs

        self.d = docx_document
        self.doc = doc
        self.lang = lang
        self.highlight = highlight
        body = docx_document.element.body
        self.paras_el = [p for p, *_ in iter_paragraphs(body)]
        self._paras: dict[int, Para] = {}
        self.comments: CommentsWriter | None = None   # made on the first comment
        self.main_part = next((b.part for b in doc.blocks if b.kind in ("body", "table") and b.part), None)
        # line -> host run for text-box lines of the main part (the reader records each line's host)
        self.textbox_host: dict[int, object] = {}
        for b in doc.blocks:
            if b.kind == "textbox" and b.part == self.main_part and b.host is not None:
                host = self._run_at(*b.host)
                if host is not None:
                    self.textbox_host[b.line] = host

    def _run_at(self, para_index: int, run_index: int):
        from checker.readers.docx import paragraph_runs

        if not 0 <= para_index < len(self.paras_el):
            return None
        runs = [el for el, _ins, _ph in paragraph_runs(self.paras_el[para_index])]
        return runs[run_index] if 0 <= run_index < len(runs) else None

    # -- paragraphs of blocks
    def para_of(self, block) -> Para | None:
        if self.doc.format == "txt":
            idx = block.line - 1
        elif block.kind in ("body", "table") and block.part == self.main_part and block.para_index is not None:
            idx = block.para_index
        else:
            return None
        if not 0 <= idx < len(self.paras_el):
            return None
        para = self._paras.get(idx)
        if para is None:
            para = self._paras[idx] = Para(self.paras_el[idx])
        if para.text != block.text:
            return None  # the copy does not match what the rules saw: never comment the wrong words
        return para

    def title_block(self):
        """The title: the first non-empty body paragraph (a heading style preferred among the first few)."""
        body = [b for b in self.doc.blocks if b.kind in ("body", "table") and b.text.strip()]
        return body[0] if body else None

    def heading_above(self, line: int):
        for b in reversed(self.doc.blocks[:max(0, min(line, len(self.doc.blocks)))]):
            if b.kind == "body" and b.outline_level is not None and b.text.strip():
                return b
        return None

    def anchor(self, f) -> Anchor | None:
        """Where a finding's comment goes: on its own span, else its whole line, else (with a note saying
        where it is) the nearest heading, the title or any paragraph with a run."""
        blocks = self.doc.blocks
        if not blocks:
            return None
        line = min(max(1, f.line), len(blocks))
        block = blocks[line - 1]
        if block.kind == "textbox" and line in self.textbox_host:
            host = self.textbox_host[line]
            return Anchor(host, host, self._where(f, block))
        para = self.para_of(block)
        if para is not None and para.spans and block.text.strip():
            found = self._span_anchor(f, line, block, para)
            if found is not None:
                return found
        return self._fallback_anchor(f, line, block)

    def _span_anchor(self, f, line: int, block, para: Para) -> Anchor | None:
        """The runs of the finding's own span (cut to fit), or of its whole line when it covers it."""
        blocks = self.doc.blocks
        column, end_column = f.column, f.end_column
        if f.end_line == f.line and end_column <= column:
            # a point, not a span (something missing here): the character before it, or the one after
            column = min(max(1, column - 1 if column > 1 else column), len(block.text))
            end_column = column + 1
        if end_column > column or f.end_line > f.line:
            start = column - 1
            end_line = min(max(line, f.end_line), len(blocks))
            if end_line == line:
                end_para, end = para, end_column - 1
            else:
                end_para = self.para_of(blocks[end_line - 1])
                end = f.end_column - 1
                if end_para is None or not end_para.spans:
                    end_para, end = para, len(para.text)
            para.cut(start)
            end_para.cut(end)
            first = para.covering(start, start + 1 if end_para is not para else end)
            last = end_para.covering(max(0, end - 1), end) if end > 0 else []
            if first and last:
                return Anchor(first[0], last[-1])
            if first:
                return Anchor(first[0], first[-1])
        if f.end_line == f.line and f.column <= 1 and f.end_column > len(block.text):   # the whole line
            runs = para.all_runs()
            return Anchor(runs[0], runs[-1])
        return None

    def _fallback_anchor(self, f, line: int, block) -> Anchor | None:
        """No span of its own, or not in the body: the nearest heading, else the title, else any
        paragraph with a run, with a note saying where the finding is."""
        target = self.heading_above(line) if block.kind in ("body", "table") else None
        note = self._where(f, block)
        for cand in (target, self.title_block()):
            if cand is None:
                continue
            cp = self.para_of(cand)
            if cp is not None and cp.all_runs():
                runs = cp.all_runs()
                return Anchor(runs[0], runs[-1], note)
        for i, p in enumerate(self.paras_el):
            cp = self._paras.get(i) or Para(p)
            self._paras[i] = cp
            if cp.all_runs():
                runs = cp.all_runs()
                return Anchor(runs[0], runs[-1], note)
        return None

    def _where(self, f, block) -> str:
        """Where a finding not commented in place is, in Word's terms (页眉 “…”中的“XX”：)."""
        from checker.places import place

        at = place(self.doc, block.line, self.lang)
        if f.text:
            shown = f.text if len(f.text) <= 40 else f.text[:39] + "…"
            return tr(self.lang, f"{at}中的“{shown}”：", f"{at}, “{shown}”: ")
        return tr(self.lang, f"{at}：", f"{at}: ")

    # -- writing
    def comment_text(self, f, note: str) -> str:
        sev = severity_label(f.severity, self.lang)
        return tr(self.lang, f"【{sev}】{note}{f.message}（规则：{f.rule}）",
                  f"[{sev}] {note}{f.message} (rule: {f.rule})")

    def _comment(self, text: str) -> int:
        """A new comment by checker saying ``text``; its id (the comments part is settled on first use)."""
        if self.comments is None:
            self.comments = CommentsWriter(self.d)
        return self.comments.add(text)

    def add(self, f) -> bool:
        """One comment for one finding (``--per-finding``)."""
        a = self.anchor(f)
        if a is None:
            return False
        mark(a.first, a.last, self._comment(self.comment_text(f, a.note)))
        if self.highlight and not a.note:
            for r in runs_between(a.first, a.last):
                mark_run(r, f.severity)
        return True

    def add_grouped(self, findings) -> int:
        """One comment per paragraph listing its findings in order, each flagged span still highlighted
        (with ``highlight``); findings placed on a paragraph not their own (a header's, a missing part's)
        join that paragraph's comment with where they are. Returns the number of comments."""
        placed = [(f, a) for f in findings if (a := self.anchor(f)) is not None]
        if not placed:
            return 0
        from checker.readers.docx import W_R

        order = {el: i for i, el in enumerate(self.d.element.body.iter(W_R))}
        groups: dict = {}
        for f, a in placed:
            groups.setdefault(paragraph_of(a.first), []).append((f, a))
        for items in groups.values():
            first = min((a.first for _, a in items), key=lambda el: order.get(el, 0))
            last = max((a.last for _, a in items), key=lambda el: order.get(el, 0))
            mark(first, last, self._comment(self.group_text(items)))
            if self.highlight:
                for f, a in items:
                    if not a.note:
                        for r in runs_between(a.first, a.last):
                            mark_run(r, f.severity)
        return len(groups)

    def group_text(self, items) -> str:
        """A paragraph's comment: its findings one per line, in order, each with its flagged text quoted.
        What all of them share (severity, rule) is said once at the top, and findings with the same
        message are listed once with their count, so a paragraph of 18 slots stays readable."""
        if len(items) == 1:
            f, a = items[0]
            return self.comment_text(f, a.note)
        lang = self.lang
        sevs = {f.severity for f, _ in items}
        rules = {f.rule for f, _ in items}
        merged: dict = {}
        for f, a in items:
            merged.setdefault((f.message, a.note, f.severity, f.rule), [f, 0])[1] += 1
        shared = ([severity_label(next(iter(sevs)), lang)] if len(sevs) == 1 else []) + \
                 (list(rules) if len(rules) == 1 else [])
        sep = tr(lang, "，", ", ")
        head = tr(lang, f"本段 {len(items)} 处问题" + (f"（{sep.join(shared)}）" if shared else "") + "：",
                  f"{len(items)} findings in this paragraph" + (f" ({sep.join(shared)})" if shared else "") + ":")
        lines = [head]
        for n, ((message, note, sev, rule), (f, count)) in enumerate(merged.items(), 1):
            tag = tr(lang, f"【{severity_label(sev, lang)}】", f"[{severity_label(sev, lang)}] ") if len(sevs) > 1 else ""
            quoted = f"“{_shorten(f.text)}”" if f.text and not note and f.text not in message else ""
            if quoted:
                quoted += tr(lang, "：", ": ")
            rule_note = tr(lang, f"（{rule}）", f" ({rule})") if len(rules) > 1 else ""
            times = tr(lang, f"（共 {count} 处）", f" ({count} times)") if count > 1 else ""
            lines.append(f"{n}. {tag}{quoted}{note}{message}{rule_note}{times}")
        return "\n".join(lines)

    def add_summary(self, findings, comments: int) -> bool:
        """A comment on the title for a draft with many findings: counts by rule, and what to do first."""
        from checker.codes import CODES
        from checker.summary import severity_counts

        title = self.title_block()
        para = self.para_of(title) if title is not None else None
        runs = para.all_runs() if para is not None else []
        if not runs:
            return False
        lang = self.lang
        counts = severity_counts(findings)
        by_rule: dict[str, dict] = {}
        for f in findings:
            by_rule.setdefault(f.rule, {}).setdefault(f.severity, 0)
            by_rule[f.rule][f.severity] += 1
        sev_text = tr(lang, "，", ", ").join(f"{severity_label(s, lang)} {n}" for s, n in counts.items() if n)
        lines = [tr(lang, f"checker 检查结果：共 {len(findings)} 处问题（{sev_text}），批注在 {comments} 段上，"
                          "每段一条批注，列出该段全部问题。",
                    f"checker found {len(findings)} problems ({sev_text}), commented on {comments} paragraphs: "
                    "one comment per paragraph lists all of its findings."),
                 tr(lang, "按规则：", "By rule:")]
        rank = lambda item: (-sum(n for s, n in item[1].items() if s == "error"), -sum(item[1].values()))  # noqa: E731
        for rule, per in sorted(by_rule.items(), key=rank):
            about = CODES[rule].describe(lang) if rule in CODES else ""
            bits = tr(lang, "，", ", ").join(f"{severity_label(s, lang)} {n}" for s, n in per.items())
            lines.append(f"· {rule}" + (tr(lang, f"（{about}）", f" ({about})") if about else "") + f"：{bits}"
                         if lang != "en" else f"· {rule}" + (f" ({about})" if about else "") + f": {bits}")
        first = sorted(by_rule.items(), key=rank)[0][0]
        if counts.get("error"):
            lines.append(tr(lang, f"先改错误（{counts['error']} 处），从最多的 {first} 开始；警告和提示逐条判断，"
                                  "确属误报的可用 checker review 接受。",
                            f"Fix the errors first ({counts['error']}), starting with {first}; judge warnings and "
                            "info one by one, and accept false alarms with checker review."))
        else:
            lines.append(tr(lang, f"没有错误；从最多的 {first} 开始逐条判断，确属误报的可用 checker review 接受。",
                            f"No errors; judge the findings one by one, starting with {first}, and accept "
                            "false alarms with checker review."))
        mark(runs[0], runs[-1], self._comment("\n".join(lines)))
        return True


def _shorten(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"
