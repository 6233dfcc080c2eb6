"""The XML of a part related to the main document (footnotes, endnotes, comments).

python-docx loads some parts as XML and leaves others (footnotes, endnotes, and comments in
older versions) as plain bytes; every reader of such a part needs the same lookup and the same
care with bytes it has to parse itself.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError


def part_root(document_part: Any, reltype: str, *, shown: str, what: str) -> Any:
    """The XML root of the part related to the document by ``reltype``, or None.

    A part python-docx did not parse is parsed here from its bytes (the guard has already
    refused a DOCTYPE); one that is not well formed is refused as Word refuses it, naming
    ``what`` it holds.
    """
    from docx.oxml import parse_xml
    from lxml import etree

    for rel in document_part.rels.values():
        if rel.reltype != reltype or rel.is_external:
            continue
        root = getattr(rel.target_part, "element", None)
        if root is not None:
            return root
        blob = getattr(rel.target_part, "blob", b"")
        if not blob:
            return None
        try:
            return parse_xml(blob)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise InputError(
                f"is damaged: its {what} part is not well formed "
                f"({' '.join(str(exc).split())[:120]}); open it in Word and save it again",
                path=shown,
            ) from None
    return None
