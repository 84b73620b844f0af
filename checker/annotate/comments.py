"""The copy's comments part: settled once, appended to in linear time."""

from __future__ import annotations

from checker.annotate.marks import preserve, xml_text

AUTHOR = "checker"
INITIALS = "CK"


class CommentsWriter:
    """The copy's comments part, appended to in linear time.

    python-docx looks for a free id among all comments for every comment it adds (4,000 comments took
    13 s) and needs exactly one comments part of its own kind. Here the part is settled once: the
    first relationship of the comments type whose target really is a ``w:comments`` part is kept,
    comments of further such parts are moved into it (ids that clash are left out), relationships
    of that type pointing at anything else are dropped (the part itself stays if something else
    refers to it), and a new part is made when none is left. Ids are counted up from the largest
    one in use. Characters XML cannot hold are replaced in the text."""

    def __init__(self, d):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.parts.comments import CommentsPart

        from checker.readers.docx import W_ID, small_int, w

        part = d.part
        rels = [r for r in list(part.rels.values()) if r.reltype == RT.COMMENTS and not r.is_external]
        keep = None
        used: set[int] = set()
        for r in rels:
            target = r.target_part
            element = getattr(target, "element", None)
            ok = isinstance(target, CommentsPart) and element is not None and element.tag == w("comments")
            if ok and keep is None:
                keep = target
                used.update(small_int(c.get(W_ID), -1, 2 ** 31) for c in element.iterchildren(w("comment")))
            elif ok and target is not keep:
                for c in list(element.iterchildren(w("comment"))):
                    cid = small_int(c.get(W_ID), -1, 2 ** 31)
                    if cid not in used:
                        used.add(cid)
                        keep.element.append(c)
            if target is not keep:
                part.rels.pop(r.rId)
        if keep is None:
            keep = CommentsPart.default(part.package)
            names = {str(x.partname) for x in part.package.iter_parts()}
            if str(keep.partname) in names:
                keep.partname = part.package.next_partname("/word/comments%d.xml")
            part.relate_to(keep, RT.COMMENTS)
        self.root = keep.element
        self.used = used
        self.next_id = max((i for i in used if 0 <= i < 2 ** 31 - 1), default=-1) + 1
        import datetime as dt

        self.date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _new_id(self) -> int:
        while self.next_id in self.used:
            self.next_id += 1
        if self.next_id > 2 ** 31 - 1:   # ids run out at the top: take the free ones from 0
            self.next_id = 0
            while self.next_id in self.used:
                self.next_id += 1
        cid = self.next_id
        self.used.add(cid)
        self.next_id += 1
        return cid

    def add(self, text: str) -> int:
        """Append a comment by checker with ``text`` (a paragraph per line); return its id."""
        from checker.readers.docx import w

        cid = self._new_id()
        c = self.root.makeelement(w("comment"), {w("id"): str(cid), w("author"): AUTHOR, w("date"): self.date,
                                                 w("initials"): INITIALS})
        for i, line in enumerate(xml_text(text).split("\n")):
            para = c.makeelement(w("p"), {})
            ppr = para.makeelement(w("pPr"), {})
            ppr.append(ppr.makeelement(w("pStyle"), {w("val"): "CommentText"}))
            para.append(ppr)
            if i == 0:
                ref = para.makeelement(w("r"), {})
                rpr = ref.makeelement(w("rPr"), {})
                rpr.append(rpr.makeelement(w("rStyle"), {w("val"): "CommentReference"}))
                ref.append(rpr)
                ref.append(ref.makeelement(w("annotationRef"), {}))
                para.append(ref)
            run = para.makeelement(w("r"), {})
            t = run.makeelement(w("t"), {})
            t.text = line
            preserve(t)
            run.append(t)
            para.append(run)
            c.append(para)
        self.root.append(c)
        return cid
