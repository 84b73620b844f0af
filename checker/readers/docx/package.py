"""The .docx package: what a file is (sniff), the zip directory checked against the limits before
anything is inflated, parts read and parsed safely (no entities, network or DTD), relationships and
document properties."""

from __future__ import annotations

import zipfile
import zlib

from checker.errors import ReadError

# Limits checked on the zip directory before anything is read.
MAX_ENTRIES = 5000
MAX_ENTRY = 256 * 1024 * 1024
MAX_TOTAL = 512 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FLOOR = 4 * 1024 * 1024  # ratios only matter for entries larger than this

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def sniff(data: bytes) -> str:
    """'zip', 'ole', 'rtf' or 'other' from a file's first bytes."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    return "other"


def ole_error(data: bytes, suffix: str) -> ReadError:
    """The right error for an OLE compound file: encrypted OOXML, .wps or old .doc."""
    if _ENCRYPTED_MARK in data:
        return ReadError("encrypted")
    return ReadError("legacy-wps" if suffix == ".wps" else "legacy-doc")


def open_package(path_or_file) -> zipfile.ZipFile:
    """Open a .docx zip after checking its directory against the limits."""
    try:
        zf = zipfile.ZipFile(path_or_file)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as e:
        raise ReadError("damaged", str(e)) from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError("too-large", f"{len(infos)} 个条目")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_ENTRY or total > MAX_TOTAL:
            raise ReadError("too-large", f"{info.filename}: {info.file_size} 字节")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ReadError("too-large", f"{info.filename}: 压缩比 {info.file_size // max(1, info.compress_size)}:1")
        if info.flag_bits & 0x1:
            raise ReadError("encrypted")
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        main = main_part(zf, names)
        if main is None:
            raise ReadError("not-docx", "缺少 word/document.xml")
    return zf


def main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The main document part named by _rels/.rels (it is not always word/document.xml)."""
    if "_rels/.rels" not in names:
        return None
    root = parse_part(zf, "_rels/.rels")
    for rel in root:
        if (rel.get("Type") or "").endswith("/officeDocument"):
            target = _normpath((rel.get("Target") or "").lstrip("/"))
            if target in names:
                return target
    return None


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as e:
        raise ReadError("damaged", f"{name}: {e}") from None
    except KeyError:
        raise ReadError("damaged", f"缺少 {name}") from None


def parse_part(zf: zipfile.ZipFile, name: str, data: bytes | None = None):
    from lxml import etree

    if data is None:
        data = read_part(zf, name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise ReadError("damaged", f"{name}: {e}") from None
    if root.getroottree().docinfo.doctype:
        # OPC forbids DTD declarations in a package's XML (ECMA-376 Part 2, M1.17) and Word never
        # writes one: text from internal entities would be lost to the rules, and a copy could not keep them
        raise ReadError("damaged", f"{name}: DTD 声明/DTD declaration")
    return root



_PROPS = {
    "title": "title", "subject": "subject", "creator": "creator", "keywords": "keywords",
    "description": "description", "lastModifiedBy": "last_modified_by", "category": "category",
    "Company": "company", "Manager": "manager", "Template": "template", "Application": "application",
}


def load_properties(zf, names) -> dict:
    props = {}
    for part in ("docProps/core.xml", "docProps/app.xml"):
        if part not in names:
            continue
        try:
            root = parse_part(zf, part)
        except ReadError:
            continue  # damaged metadata does not stop the text from being checked
        for el in root:
            if not isinstance(el.tag, str):
                continue
            local = el.tag.rsplit("}", 1)[-1]
            key = _PROPS.get(local)
            if key and el.text and el.text.strip():
                props[key] = el.text.strip()
    return props


def part_rels(zf, names, part: str) -> dict:
    """Id -> (type, part name) of a part's internal relationships (a part may sit at the zip's root)."""
    folder, _, base = part.rpartition("/")
    rel_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rel_name not in names:
        return {}
    root = parse_part(zf, rel_name)
    out = {}
    for rel in root:
        target = rel.get("Target")   # None when missing, or an entity reference left unresolved
        if not target or rel.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}" if folder else target
        out[rel.get("Id")] = ((rel.get("Type") or "").rsplit("/", 1)[-1], _normpath(full))
    return out


def _normpath(path: str) -> str:
    out = []
    for seg in path.split("/"):
        if seg == "..":
            if out:
                out.pop()
        elif seg and seg != ".":
            out.append(seg)
    return "/".join(out)


