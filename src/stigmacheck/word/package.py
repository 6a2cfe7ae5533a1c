"""A Word file as a zip of parts: read the XML parts we edit, write the file back with every other
member copied byte for byte.

Unchanged members are copied raw (local header, compressed data and central directory record as
they were), so names, order, compression, timestamps, extra fields and comments stay exactly as
they are. Edited members keep their place, name, timestamp and attributes and are compressed
again; new members (a comments part) go at the end. An archive this module cannot copy raw (zip64,
data before the first member) is rebuilt with zipfile: every member's content is still identical.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from lxml import etree

from stigmacheck.documents.limits import DEFAULT as DEFAULT_LIMITS
from stigmacheck.documents.limits import Limits
from stigmacheck.documents.ooxml import PackageError, member_problem, open_package, read_member

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_LOCAL = struct.Struct("<4s5H3L2H")  # 30 bytes
_CENTRAL = struct.Struct("<4s6H3L5H2L")  # 46 bytes
_EOCD = struct.Struct("<4s4H2LH")  # 22 bytes


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


class Package:
    """The members of a .docx; `xml(name)` parses a part once, `set_xml`/`set_bytes` replace it."""

    def __init__(self, data: bytes, limits: Limits | None = None):
        self.data = data
        self.limits = limits or DEFAULT_LIMITS
        self._read: dict[str, bytes] = {}
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise PackageError("geen geldig Word-bestand (.docx): het zip-archief is beschadigd") from None
        self.by_name = {i.filename: i for i in self.infos}
        self.trees: dict[str, etree._ElementTree] = {}
        self.replaced: dict[str, bytes] = {}
        self.added: list[tuple[str, bytes]] = []

    def has(self, name: str) -> bool:
        return name in self.by_name or any(n == name for n, _ in self.added)

    def check(self) -> None:
        """Refuse, before anything reads the parts, what the reader refuses too (documents/ooxml.py,
        one guard for both): an old or encrypted file, members too large or packed too tightly (a
        zip bomb), XML parts with a document type (entity declarations); and encrypted members."""
        open_package(self.data, self.limits)
        for info in self.infos:
            if info.flag_bits & 0x1:
                raise PackageError("het Word-bestand is versleuteld of met een wachtwoord beveiligd; "
                                   "haal de beveiliging eraf en probeer het opnieuw")
            if info.filename.endswith((".xml", ".rels")):
                self.read(info.filename)

    def read(self, name: str) -> bytes:
        if name not in self._read:
            problem = member_problem(self.by_name[name], self.limits)
            if problem:
                raise PackageError(problem)
            self._read[name] = read_member(self.zip, name)
        return self._read[name]

    def xml(self, name: str) -> etree._ElementTree:
        """The parsed part (parsed once). XML with a document type (entity declarations) is refused."""
        if name not in self.trees:
            data = self.read(name)
            try:
                self.trees[name] = etree.ElementTree(etree.fromstring(data, _parser()))
            except etree.XMLSyntaxError:
                raise PackageError(f"het onderdeel {name} van het Word-bestand is geen geldige XML") from None
        return self.trees[name]

    def set_xml(self, name: str, tree: etree._ElementTree | None = None) -> None:
        """Mark a parsed part (or a new tree) as edited; it is serialized when the file is written."""
        tree = tree if tree is not None else self.trees[name]
        self.trees[name] = tree
        data = serialize(tree)
        if name in self.by_name:
            self.replaced[name] = data
        else:
            self.added = [(n, d) for n, d in self.added if n != name] + [(name, data)]

    def part_of(self, source: str, target: str) -> str:
        """The member name a relationship target of part `source` points to."""
        if target.startswith("/"):
            return target.lstrip("/")
        folder = source.rsplit("/", 1)[0] if "/" in source else ""
        parts = [p for p in (folder + "/" + target).split("/") if p]
        out: list[str] = []
        for p in parts:
            if p == "..":
                if out:
                    out.pop()
            elif p != ".":
                out.append(p)
        return "/".join(out)

    def rels_name(self, part: str) -> str:
        folder, _, base = part.rpartition("/")
        return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"

    def relationships(self, part: str) -> dict[str, tuple[str, str, str]]:
        """rId -> (type, member name, target mode) of a part's relationships."""
        name = self.rels_name(part)
        if not self.has(name):
            return {}
        out = {}
        for rel in self.xml(name).getroot():
            mode = rel.get("TargetMode", "Internal")
            target = rel.get("Target", "")
            out[rel.get("Id")] = (rel.get("Type", ""), self.part_of(part, target) if mode == "Internal" else target, mode)
        return out

    def to_bytes(self) -> bytes:
        if not self.replaced and not self.added:
            return self.data
        try:
            return _copy_raw(self)
        except _NotRaw:
            return _rebuild(self)


def serialize(tree: etree._ElementTree) -> bytes:
    standalone = tree.docinfo.standalone
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                          standalone=True if standalone is None else standalone)


class _NotRaw(Exception):
    pass


def _central_records(data: bytes):
    """The raw central directory records and the end record of `data`, or _NotRaw."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if at < 0 or at + _EOCD.size > len(data):
        raise _NotRaw
    _, disk, cd_disk, n_here, n_total, cd_size, cd_offset, comment_len = _EOCD.unpack_from(data, at)
    if disk or cd_disk or n_here != n_total or n_total == 0xFFFF or cd_offset == 0xFFFFFFFF:
        raise _NotRaw
    if cd_offset + cd_size != at or b"PK\x06\x07" in data[max(0, at - 20):at]:
        raise _NotRaw  # data in front of the archive, or zip64
    records, pos = [], cd_offset
    for _ in range(n_total):
        fields = _CENTRAL.unpack_from(data, pos)
        if fields[0] != b"PK\x01\x02":
            raise _NotRaw
        n, m, k = fields[10], fields[11], fields[12]
        size = _CENTRAL.size + n + m + k
        records.append(data[pos:pos + size])
        pos += size
    return records, data[at:at + _EOCD.size + comment_len]


def _copy_raw(pkg: Package) -> bytes:
    data = pkg.data
    records, end = _central_records(data)
    if len(records) != len(pkg.infos):
        raise _NotRaw
    out = io.BytesIO()
    central = []
    for info, record in zip(pkg.infos, records):
        fields = list(_CENTRAL.unpack(record[:_CENTRAL.size]))
        name_bytes = record[_CENTRAL.size:_CENTRAL.size + fields[10]]
        offset = fields[16]
        if offset != info.header_offset or 0xFFFFFFFF in (fields[8], fields[9], offset):
            raise _NotRaw
        new_offset = out.tell()
        if info.filename in pkg.replaced:
            content = pkg.replaced[info.filename]
            method = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
                else zipfile.ZIP_DEFLATED
            packed = _pack(content, method)
            crc = zlib.crc32(content)
            flags = fields[3] & ~0x8 & ~0x1
            local = _LOCAL.pack(b"PK\x03\x04", fields[2], flags, method, fields[5], fields[6], crc,
                                len(packed), len(content), len(name_bytes), 0)
            out.write(local + name_bytes + packed)
            fields[3], fields[4], fields[7], fields[8], fields[9] = flags, method, crc, len(packed), len(content)
            fields[11] = 0  # no extra field: a zip64 extra would no longer match
            fields[16] = new_offset
            rest = record[_CENTRAL.size:]
            n, m = len(name_bytes), _CENTRAL.unpack(record[:_CENTRAL.size])[11]
            central.append(_CENTRAL.pack(*fields) + rest[:n] + rest[n + m:])
        else:
            out.write(_raw_member(data, info))
            fields[16] = new_offset
            central.append(_CENTRAL.pack(*fields) + record[_CENTRAL.size:])
    for name, content in pkg.added:
        new_offset = out.tell()
        packed = _pack(content, zipfile.ZIP_DEFLATED)
        crc = zlib.crc32(content)
        name_bytes = name.encode("utf-8")
        date, time = _dos_now(pkg)
        out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, zipfile.ZIP_DEFLATED, time, date, crc, len(packed),
                              len(content), len(name_bytes), 0) + name_bytes + packed)
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 20, 0, zipfile.ZIP_DEFLATED, time, date, crc,
                                     len(packed), len(content), len(name_bytes), 0, 0, 0, 0, 0, new_offset)
                       + name_bytes)
    cd_offset = out.tell()
    blob = b"".join(central)
    out.write(blob)
    fields = list(_EOCD.unpack(end[:_EOCD.size]))
    fields[3] = fields[4] = len(central)
    fields[5], fields[6] = len(blob), cd_offset
    if len(central) >= 0xFFFF or cd_offset + len(blob) >= 0xFFFFFFFF:
        raise _NotRaw
    out.write(_EOCD.pack(*fields) + end[_EOCD.size:])
    return out.getvalue()


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The local header, data and data descriptor of one member exactly as stored."""
    start = info.header_offset
    fields = _LOCAL.unpack_from(data, start)
    if fields[0] != b"PK\x03\x04":
        raise _NotRaw
    end = start + _LOCAL.size + fields[9] + fields[10] + info.compress_size
    if info.flag_bits & 0x8:  # a data descriptor follows, with or without its signature
        end += 16 if data[end:end + 4] == b"PK\x07\x08" else 12
    if end > len(data):
        raise _NotRaw
    return data[start:end]


def _pack(content: bytes, method: int) -> bytes:
    if method == zipfile.ZIP_STORED:
        return content
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush()


def _dos_now(pkg: Package) -> tuple[int, int]:
    """DOS date and time for a new member: those of the document part (Word writes 1980-01-01)."""
    info = pkg.by_name.get("word/document.xml") or pkg.infos[0]
    y, mo, d, h, mi, s = info.date_time
    return ((y - 1980) << 9) | (mo << 5) | d, (h << 11) | (mi << 5) | (s // 2)


def _rebuild(pkg: Package) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in pkg.infos:
            content = pkg.replaced.get(info.filename)
            if content is None:
                content = pkg.zip.read(info)
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr, copy.internal_attr, copy.create_system = (
                info.external_attr, info.internal_attr, info.create_system)
            copy.comment, copy.extra = info.comment, b""
            archive.writestr(copy, content)
        for name, content in pkg.added:
            info = pkg.by_name.get("word/document.xml") or pkg.infos[0]
            archive.writestr(zipfile.ZipInfo(name, info.date_time), content, zipfile.ZIP_DEFLATED)
        archive.comment = pkg.zip.comment
    return out.getvalue()
