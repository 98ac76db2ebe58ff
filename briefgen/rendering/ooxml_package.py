"""The Word package around the WordprocessingML: opening a reference DOCX whatever wrote it,
the custom XML part, the thumbnail, and a zip whose bytes depend on the content only.

Part and relationship level (python-docx's OPC layer and zipfile); the XML inside the
document's parts is :mod:`.ooxml`'s.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

CUSTOM_XML_CT = "application/xml"
CUSTOM_XML_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def set_custom_xml(document: DocxDocument, namespace: str, xml: bytes, item_id: str) -> None:
    """Store *xml* (whose root is in *namespace*) as a custom XML part of the document, with its
    properties part; an earlier part of the same namespace (a pack used as template) is replaced."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.CUSTOM_XML and not rel.is_external and namespace.encode() in rel.target_part.blob[:400]:
            rel.target_part._blob = xml
            return
    package = document.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), CUSTOM_XML_CT, xml, package)
    number = str(item.partname).removeprefix("/customXml/item").removesuffix(".xml")
    props = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{item_id}" '
             'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
             f'<ds:schemaRef ds:uri="{namespace}"/></ds:schemaRefs></ds:datastoreItem>').encode()
    item_props = Part(PackURI(f"/customXml/itemProps{number}.xml"), CUSTOM_XML_PROPS_CT, props, package)
    item.relate_to(item_props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def custom_xml(package_parts: Any, namespace: str) -> bytes | None:
    """Return the blob of the custom XML part in *namespace* among *package_parts*, or None."""
    for part in package_parts:
        if str(part.partname).startswith("/customXml/item") and "Props" not in str(part.partname) \
                and namespace.encode() in part.blob[:400]:
            return bytes(part.blob)
    return None


_NEEDS = ("--reference-docx needs a Word document (.docx) whose styles, page setup, header and footer "
          "briefgen takes: save the template as .docx from Word, LibreOffice (Word 2007-365) or Google Docs "
          "(Download, Microsoft Word)")


def read_package(path: Any, not_a_package: str) -> bytes:
    """Return the bytes of a file that must be a zip package (a .docx); a file that cannot
    be read, or is no zip, raises a one-line ConfigError naming it (*not_a_package* says why)."""
    from ..errors import ConfigError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ConfigError(f"{path}: {not_a_package}")
    return data


def open_reference(path: Any) -> DocxDocument:
    """Open a reference DOCX made by Word, LibreOffice or Google Docs; anything else raises a
    one-line ConfigError naming the file and what it needs.

    Relationship types are matched without regard to case: LibreOffice's "Office Open XML
    Text" filter writes the core properties' type as ``…/officedocument/2006/relationships/
    metadata/core-properties``, which python-docx would not find (it then adds a second
    ``docProps/core.xml``); duplicate entries keep the first."""
    import docx

    from ..errors import ConfigError

    data = read_package(path, f"not a Word document (not a .docx package); {_NEEDS}")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "mimetype" in names and b"opendocument" in package.read("mimetype"):
            raise ConfigError(f"{path}: an OpenDocument file (.odt), not a .docx; {_NEEDS}")
        if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
            raise ConfigError(f"{path}: a zip file but not a Word document; {_NEEDS}")
        fixed = io.BytesIO()
        with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out:
            seen = set()
            for item in package.infolist():
                if item.filename in seen:
                    continue  # a duplicate entry: the first one counts, as in Word
                seen.add(item.filename)
                blob = package.read(item.filename)
                if item.filename.endswith(".rels"):
                    blob = _canonical_reltypes(blob)
                out.writestr(item.filename, blob)
    try:
        document = docx.Document(io.BytesIO(fixed.getvalue()))
    except Exception as exc:  # python-docx: not a WordprocessingML main part, or broken XML
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{path}: not a usable Word document ({first}); {_NEEDS}") from exc
    return document


def _canonical_reltypes(blob: bytes) -> bytes:
    """Return a relationships part with each relationship type spelled as the standard does."""
    import re

    known = {value.lower(): value for value in vars(RT).values() if isinstance(value, str)}
    # LibreOffice's "Office Open XML Text" filter names the core properties this way
    known["http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"] = \
        RT.CORE_PROPERTIES

    def fix(match: re.Match[bytes]) -> bytes:
        value = match.group(2).decode("utf-8", "replace")
        return match.group(1) + known.get(value.lower(), value).encode("utf-8") + match.group(3)

    return re.sub(rb'(\bType=")([^"]*)(")', fix, blob)


THUMBNAIL_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def set_thumbnail(document: DocxDocument, png: bytes | None) -> None:
    """Make *png* (the first page) the file's preview, or leave none: the blank page python-docx's
    template (or a reference DOCX) brings would show a file managers' preview of nothing."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL_RT:
            package.rels.pop(rel_id)
            package.rels._target_parts_by_rId.pop(rel_id, None)
    if png:
        part = Part(PackURI("/docProps/thumbnail.png"), "image/png", png, package)
        package.relate_to(part, THUMBNAIL_RT)


def reproducible(data: bytes) -> bytes:
    """Return the DOCX package rewritten with fixed entry times, so equal input gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        seen = set()
        for item in source.infolist():
            if item.filename in seen:  # never two entries of one name (Word refuses such a file)
                continue
            seen.add(item.filename)
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
