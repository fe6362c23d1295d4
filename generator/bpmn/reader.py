"""Reading an XML file safely into a small element tree, with line numbers.

BPMN files come from anywhere, so the parser (the standard library's expat)
refuses any document type declaration outright: no DTD means no entity
expansion (billion laughs), no external entities (XXE) and no network access.
BPMN never needs one. Every failure is a :class:`XmlReadError` of one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

MAX_DEPTH = 200
"""Deepest element nesting accepted (BPMN files are a few levels deep)."""


class XmlReadError(Exception):
    """The file is not XML we can read; the message says why, with the line."""


@dataclass
class XmlElement:
    """One element: namespace, local name, attributes, children, text and source line."""

    namespace: str
    """The namespace URI (``""`` when none)."""
    tag: str
    """The local name."""
    attributes: dict[str, str]
    """Attributes by local name; namespaced ones as ``{uri}name``."""
    line: int
    """The line the element starts on (1-based)."""
    children: list[XmlElement] = field(default_factory=list)
    """Child elements in document order."""
    text: str = ""
    """The element's own character data (not its children's)."""

    def get(self, name: str, default: str | None = None) -> str | None:
        """An unqualified attribute's value."""
        return self.attributes.get(name, default)

    def find_all(self, namespace: str, tag: str) -> Iterator[XmlElement]:
        """The children with this namespace and local name."""
        return (
            child for child in self.children if child.namespace == namespace and child.tag == tag
        )

    def find(self, namespace: str, tag: str) -> XmlElement | None:
        """The first child with this namespace and local name."""
        return next(self.find_all(namespace, tag), None)

    def iter(self) -> Iterator[XmlElement]:
        """This element and all below it, in document order."""
        stack = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.children))


def _split(name: str) -> tuple[str, str]:
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def parse_xml(data: bytes) -> XmlElement:
    """The root element of the XML document *data*. Raises :class:`XmlReadError`."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[XmlElement] = []
    texts: list[list[str]] = []
    roots: list[XmlElement] = []

    def refuse_doctype(*_arguments: object) -> None:
        raise XmlReadError(
            f"line {parser.CurrentLineNumber}: a document type declaration (DTD) is not accepted"
            " in BPMN files (it could expand entities or fetch files)"
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise XmlReadError(
                f"line {parser.CurrentLineNumber}: elements nested deeper than {MAX_DEPTH}"
            )
        namespace, local = _split(name)
        plain: dict[str, str] = {}
        for key, value in attributes.items():
            attribute_namespace, attribute = _split(key)
            plain[f"{{{attribute_namespace}}}{attribute}" if attribute_namespace else attribute] = (
                value
            )
        element = XmlElement(namespace, local, plain, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        else:
            roots.append(element)
        stack.append(element)
        texts.append([])

    def end(_name: str) -> None:
        element = stack.pop()
        element.text = "".join(texts.pop())

    def characters(data: str) -> None:
        if texts:
            texts[-1].append(data)

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise XmlReadError(
            f"line {error.lineno}, column {error.offset + 1}: not well-formed XML"
            f" ({expat.ErrorString(error.code)})"
        ) from None
    except RecursionError:
        raise XmlReadError("elements nested too deeply") from None
    if not roots:
        raise XmlReadError("no XML element found")
    return roots[0]
