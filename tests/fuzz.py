"""Mutants of the sample drafts through ``check`` and ``annotate``, in-process, each under a time limit.

    python tests/fuzz.py               # 300 mutants (what the test suite runs)
    python tests/fuzz.py --long        # 3,000
    python tests/fuzz.py -n 500 --seed 3 --limit 20

Mutations (fixed seed, so a failure can be replayed): bit flips, truncation, bytes inserted or
removed, and for a .docx XML part corruption (a tag cut, an entity, a huge attribute, control
characters, deep nesting, a part dropped or emptied), zip oddities (stored entries, duplicate names,
a bad CRC, a comment, an entry renamed) and relationship tricks. For each mutant: ``check`` must give
a result (no exception, no ``internal`` error); when it can be read, ``annotate`` must give a copy that
checker's reader and python-docx open again, or an AnnotateError (a one-line refusal); and no mutant
may take longer than the limit.
"""

from __future__ import annotations

import argparse
import io
import random
import signal
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def seeds() -> list[tuple[str, bytes]]:
    """The bundled samples (.docx and .txt) as (name, bytes)."""
    return [(p.name, p.read_bytes()) for p in sorted(SAMPLES.iterdir()) if p.suffix in (".docx", ".txt")]


# ---- byte mutations ----------------------------------------------------------------------------

def flip_bits(rnd: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 16)):
        i = rnd.randrange(len(b))
        b[i] ^= 1 << rnd.randrange(8)
    return bytes(b)


def truncate(rnd: random.Random, data: bytes) -> bytes:
    return data[: rnd.randrange(len(data))]


def splice(rnd: random.Random, data: bytes) -> bytes:
    i = rnd.randrange(len(data))
    junk = rnd.choice([b"\x00" * 64, bytes(rnd.randrange(256) for _ in range(32)), "（【(".encode() * 50,
                       "９" .encode() * 300, "²³".encode() * 20, b"\xff\xfe", b"\r" * 40])
    return data[:i] + junk + data[i + rnd.randrange(0, 64):]


# ---- .docx mutations ---------------------------------------------------------------------------

def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i, z.read(i.filename)) for i in z.infolist()]


def _zip(parts, compression=zipfile.ZIP_DEFLATED, comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for info, content in parts:
            name = info.filename if isinstance(info, zipfile.ZipInfo) else info
            z.writestr(name, content)
        z.comment = comment
    return out.getvalue()


_XML_TRICKS = [
    lambda rnd, x: x[: rnd.randrange(len(x))],                                  # cut anywhere
    lambda rnd, x: x.replace(b"<w:t", b"<w:t a='" + b"x" * 5000 + b"'", 1),     # a huge attribute
    lambda rnd, x: x.replace(b"</w:t>", "&#x1;\u0008</w:t>".encode(), 1),      # characters XML forbids
    lambda rnd, x: x.replace(b"</w:t>", b"&e;</w:t>", 1),                       # an undeclared entity
    lambda rnd, x: b'<!DOCTYPE x [<!ENTITY e "XX">]>' + x.split(b"?>", 1)[-1].replace(b"</w:t>", b"&e;</w:t>", 1),
    lambda rnd, x: (b'<!DOCTYPE x [<!ENTITY t "styles.xml">]>'                  # an entity as a Target
                    + x.split(b"?>", 1)[-1].replace(b'Target="', b'Target="&t;', 1)),
    lambda rnd, x: x.replace(b"</w:t>", b"9" * 5000 + "万元，其中".encode() + b"</w:t>", 1),   # a huge number
    lambda rnd, x: x.replace(b"<w:tcPr>", '<w:tcPr><w:gridSpan w:val="²"/>'.encode(), 2),     # isdigit, not int
    lambda rnd, x: x.replace(b"</w:t>", "￾".encode() + b"</w:t>", 2),              # VT, U+FFFE
    lambda rnd, x: x.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 300, 1),  # deep nesting
    lambda rnd, x: x.replace(b'w:val="', b'w:val="\xc2\xb2' + b"9" * 5000, 3),  # odd numbers in attributes
    lambda rnd, x: x.replace(b'Target="', b'Target="/', 2),                     # targets from the root
    lambda rnd, x: x.replace(b'Target="', b'T="', 1),                           # a target missing
    lambda rnd, x: x.replace(b"<w:p>", b"<w:p><w:r><w:t>" + "（".encode() * 3000 + b"</w:t></w:r>", 5),
    lambda rnd, x: x.replace(b"</w:body>", b"<w:p><w:r><w:t>XX</w:t></w:r></w:p>" * 2000 + b"</w:body>", 1),
    lambda rnd, x: x.replace(b"word/", b"", 2),                                  # a part moved to the root
    lambda rnd, x: b"",                                                          # an empty part
]


def _apply(data: bytes, part: str, change) -> bytes:
    return _zip([(info, change(content) if info.filename == part else content) for info, content in _parts(data)])


def corrupt_part(rnd: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))]
    main = [i for i in xml if parts[i][0].filename in ("word/document.xml", "word/_rels/document.xml.rels")]
    k = rnd.choice(main if main and rnd.random() < 0.6 else xml)   # the main part and its rels half the time
    info, content = parts[k]
    parts[k] = (info, rnd.choice(_XML_TRICKS)(rnd, content))
    return _zip(parts)


def zip_oddity(rnd: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    how = rnd.randrange(6)
    if how == 0:
        return _zip(parts, zipfile.ZIP_STORED)
    if how == 1:   # a duplicate entry (readers take the last)
        return _zip(parts + [parts[rnd.randrange(len(parts))]])
    if how == 2:   # a part dropped
        del parts[rnd.randrange(len(parts))]
        return _zip(parts)
    if how == 3:   # a comment at the end of the zip
        return _zip(parts, comment=b"PK\x05\x06" + bytes(rnd.randrange(256) for _ in range(40)))
    if how == 4:   # a bad CRC: flip a byte inside the compressed data of one entry
        out = bytearray(_zip(parts, zipfile.ZIP_STORED))
        i = rnd.randrange(30, max(31, len(out) // 2))
        out[i] ^= 0x20
        return bytes(out)
    k = rnd.randrange(len(parts))   # an entry renamed
    info, content = parts[k]
    parts[k] = (info.filename.upper() if rnd.random() < 0.5 else info.filename + "x", content)
    return _zip(parts)


_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def comments_trick(rnd: random.Random, data: bytes) -> bytes:
    """A comments relationship to a part of another kind, or a second one."""
    parts = _parts(data)
    for k, (info, content) in enumerate(parts):
        if info.filename == "word/_rels/document.xml.rels":
            target = rnd.choice([b"styles.xml", b"document.xml", b"settings.xml", b"comments.xml"])
            extra = b'<Relationship Id="rIdFz%d" Type="%s" Target="%s"/>' % (
                rnd.randrange(99), _COMMENTS.encode(), target)
            parts[k] = (info, content.replace(b"</Relationships>", extra * rnd.choice((1, 2)) + b"</Relationships>"))
    return _zip(parts)


def mutate(rnd: random.Random, name: str, data: bytes) -> bytes:
    ops = [flip_bits, truncate, splice]
    if name.endswith(".docx"):
        ops += [corrupt_part, corrupt_part, corrupt_part, zip_oddity, zip_oddity, comments_trick]
    return rnd.choice(ops)(rnd, data)


def mutants(n: int, seed: int = 20):
    """``n`` (label, name, bytes) mutants of the samples, always the same for one seed."""
    import warnings

    rnd = random.Random(seed)
    base = seeds()
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
    # first every XML trick once on a main part, so a short run covers each class; then random ones
    docx = [(name, data) for name, data in base if name.endswith(".docx")]
    i = 0
    for t, trick in enumerate(_XML_TRICKS):
        if i >= n or not docx:
            break
        name, data = docx[t % len(docx)]
        for part in ("word/document.xml", "word/_rels/document.xml.rels"):
            if i < n:
                yield f"{i}:{name}:{part}:trick{t}", name, _apply(data, part, lambda x: trick(rnd, x))
                i += 1
    for i in range(i, n):
        name, data = base[i % len(base)]
        for _ in range(rnd.choice((1, 1, 1, 2))):
            try:
                data = mutate(rnd, name, data) or data
            except (zipfile.BadZipFile, KeyError, ValueError, IndexError, EOFError, OSError, zlib.error):
                data = flip_bits(rnd, data)   # an earlier mutation broke the zip: keep flipping bits
        yield f"{i}:{name}", name, data


# ---- running ------------------------------------------------------------------------------------

@dataclass
class Outcome:
    checked: int = 0
    unreadable: int = 0
    copies: int = 0
    refused: int = 0
    failures: list = field(default_factory=list)
    slowest: tuple = (0.0, "")


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Timeout


def run(n: int, seed: int = 20, limit: float = 10.0, annotate: bool = True, tmp: Path | None = None) -> Outcome:
    """Check (and annotate) ``n`` mutants in this process; failures name the mutant and what went wrong."""
    import tempfile

    from checker.annotate import AnnotateError, annotated_copy
    from checker.engine import Input, check_input, make_context
    from checker.readers.docx import read_docx

    ctx = make_context()
    out = Outcome()
    own_tmp = tmp is None
    tmp = Path(tempfile.mkdtemp(prefix="checker-fuzz-")) if own_tmp else tmp
    timed = hasattr(signal, "SIGALRM")
    old = signal.signal(signal.SIGALRM, _alarm) if timed else None
    try:
        for label, name, data in mutants(n, seed):
            path = tmp / name
            path.write_bytes(data)
            t0 = time.perf_counter()
            if timed:
                signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                result = check_input(Input(str(path), path), ctx)
                if result.error:
                    out.unreadable += 1
                    if result.error["code"] == "internal":
                        out.failures.append((label, "internal: " + result.error["message"][-200:]))
                else:
                    out.checked += 1
                    if annotate:
                        try:
                            blob, _ = annotated_copy(data, result, "zh")
                        except AnnotateError:
                            out.refused += 1
                        else:
                            out.copies += 1
                            read_docx(io.BytesIO(blob), "copy.docx")   # raises if the copy cannot be read
            except _Timeout:
                out.failures.append((label, f"took over {limit:g} s"))
            except Exception as e:
                out.failures.append((label, f"{type(e).__name__}: {e}"[:300]))
            finally:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - t0
            if took > out.slowest[0]:
                out.slowest = (round(took, 2), label)
    finally:
        if timed:
            signal.signal(signal.SIGALRM, old)
        if own_tmp:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="mutants (default 300)")
    ap.add_argument("--long", action="store_true", help="3,000 mutants")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--limit", type=float, default=10.0, help="seconds per mutant")
    ap.add_argument("--no-annotate", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    out = run(3000 if args.long else args.n, args.seed, args.limit, not args.no_annotate)
    for label, what in out.failures:
        print(f"FAIL {label}: {what}")
    print(f"{out.checked} checked, {out.unreadable} unreadable, {out.copies} copies written and re-read, "
          f"{out.refused} refused by annotate, {len(out.failures)} failures; slowest {out.slowest[0]} s "
          f"({out.slowest[1]}); {time.perf_counter() - t0:.1f} s in all")
    return 1 if out.failures else 0


if __name__ == "__main__":
    sys.exit(main())
