"""Triples in the order they were made, and their text in Turtle, RDF/XML and JSON-LD written directly.

The DCAT catalogue (opendata.dcat) is a few thousand triples a page. rdflib's terms validate and normalise every
value on creation and its serialisers walk an indexed graph: for a page of 100 records that cost more than the
database. Here a term is a plain string (`IRI`, `Blank`) or a tuple (`Text`: lexical value, language, datatype),
triples are a list, and each format is written subject by subject, in order of first appearance:

- Turtle: full IRIs (no prefixes to resolve);
- RDF/XML: one `rdf:Description` per subject, predicates as qualified names of the namespaces in `PREFIXES`
  (declared once on `rdf:RDF`; any other namespace is declared on its element);
- JSON-LD: the expanded form (a list of node objects with full IRIs), which every JSON-LD processor reads.

`fragment()` writes the subjects of some triples without the document's frame, `document()` puts fragments into
one: a page can then join a kept fragment with one written now (the same subject in two fragments is simply more
statements about it). `graph()` gives an rdflib Graph of the same triples (tests compare the three texts with it).
"""

import json
import re
import secrets
from itertools import count
from typing import NamedTuple

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE_IRI = RDF_NS + "type"
# Prefixes of RDF/XML's qualified names (and of the rdflib Graph's bindings).
PREFIXES = {
    "rdf": RDF_NS,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "dcatap": "http://data.europa.eu/r5r/",
}
FORMAT_NAMES = ("ttl", "rdf", "jsonld")


class IRI(str):
    """An IRI (absolute)."""

    __slots__ = ()


class Blank(str):
    """A blank node's label (unique: `Blanks` makes them)."""

    __slots__ = ()


class Text(NamedTuple):
    """A literal: its lexical form, and a language tag or a datatype IRI (or neither)."""

    value: str
    lang: str = ""
    datatype: str = ""


class Blanks:
    """Labels of blank nodes, unique across fragments written at different times or in other processes."""

    def __init__(self):
        self._prefix = f"n{secrets.token_hex(6)}x"
        self._numbers = count(1)

    def new(self) -> Blank:
        return Blank(f"{self._prefix}{next(self._numbers)}")


class Triples:
    def __init__(self):
        self.items: list[tuple] = []

    def add(self, subject, predicate, obj) -> None:
        self.items.append((subject, predicate, obj))

    def extend(self, other: "Triples") -> None:
        self.items.extend(other.items)

    def by_subject(self) -> dict:
        grouped: dict = {}
        for subject, predicate, obj in self.items:
            pairs = grouped.get(subject)
            if pairs is None:
                pairs = grouped[subject] = []
            pairs.append((predicate, obj))
        return grouped

    def fragment(self, fmt: str) -> str:
        return WRITERS[fmt](self.by_subject())

    def graph(self):
        from rdflib import BNode, Graph, Literal, URIRef

        def term(value):
            if isinstance(value, Text):
                return Literal(value.value, lang=value.lang or None, datatype=URIRef(value.datatype) if value.datatype
                               else None)  # fmt: skip
            return BNode(value) if isinstance(value, Blank) else URIRef(value)

        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for subject, predicate, obj in self.items:
            graph.add((term(subject), term(predicate), term(obj)))
        return graph


def document(fmt: str, fragments) -> str:
    """One document of the fragments (texts `Triples.fragment` wrote in the same format)."""
    parts = [part for part in fragments if part]
    if fmt == "ttl":
        return "\n".join(parts)
    if fmt == "jsonld":
        return "[\n" + ",\n".join(parts) + "\n]\n"
    declarations = "".join(f'\n   xmlns:{prefix}="{namespace}"' for prefix, namespace in PREFIXES.items())
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}\n>\n' + "".join(parts) + "</rdf:RDF>\n"


# --- Turtle ---------------------------------------------------------------------------------------

IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
TURTLE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def safe_iri(value: str) -> str:
    """The IRI with the characters no IRI may hold percent-encoded (a stored address is checked on input, but a
    page must never break on one)."""
    return IRI_UNSAFE.sub(lambda found: "".join(f"%{byte:02X}" for byte in found[0].encode()), value)


def _turtle_term(term) -> str:
    if isinstance(term, Text):
        text = f'"{term.value.translate(TURTLE_ESCAPES)}"'
        if term.lang:
            return f"{text}@{term.lang}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    if isinstance(term, Blank):
        return f"_:{term}"
    return f"<{safe_iri(term)}>" if IRI_UNSAFE.search(term) else f"<{term}>"


def _turtle(grouped: dict) -> str:
    blocks = []
    for subject, pairs in grouped.items():
        lines = [f"    {_turtle_term(predicate)} {_turtle_term(obj)}" for predicate, obj in pairs]
        blocks.append(f"{_turtle_term(subject)}\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(blocks)


# --- RDF/XML --------------------------------------------------------------------------------------

# XML 1.0 has no way to write these characters, escaped or not: they are dropped from literals.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
XML_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;",
                                       "\n": "&#10;", "\t": "&#9;"})  # fmt: skip
NAME_START = re.compile(r"[A-Za-z_][\w.-]*$")
_QNAMES: dict = {}


def _xml_text(value: str, table=XML_TEXT_ESCAPES) -> str:
    if XML_ILLEGAL.search(value):
        value = XML_ILLEGAL.sub("", value)
    return value.translate(table)


def _qname(predicate: str) -> tuple[str, str]:
    """The element name of a predicate, and a namespace declaration for it when its namespace is not in
    PREFIXES."""
    known = _QNAMES.get(predicate)
    if known is None:
        for prefix, namespace in PREFIXES.items():
            local = predicate[len(namespace) :]
            if predicate.startswith(namespace) and NAME_START.match(local):
                known = (f"{prefix}:{local}", "")
                break
        else:
            cut = max(predicate.rfind("#"), predicate.rfind("/")) + 1
            local = predicate[cut:]
            if not (cut and NAME_START.match(local)):
                raise ValueError(f"no RDF/XML element name for the predicate {predicate!r}")
            namespace = _xml_text(predicate[:cut], XML_ATTRIBUTE_ESCAPES)
            known = (f"ns:{local}", f' xmlns:ns="{namespace}"')
        if len(_QNAMES) < 1000:
            _QNAMES[predicate] = known
    return known


def _xml_iri(value: str) -> str:
    return _xml_text(safe_iri(value) if IRI_UNSAFE.search(value) else value, XML_ATTRIBUTE_ESCAPES)


def _rdf_xml(grouped: dict) -> str:
    out = []
    write = out.append
    for subject, pairs in grouped.items():
        if isinstance(subject, Blank):
            write(f'  <rdf:Description rdf:nodeID="{subject}">\n')
        else:
            write(f'  <rdf:Description rdf:about="{_xml_iri(subject)}">\n')
        for predicate, obj in pairs:
            name, declaration = _qname(predicate)
            if isinstance(obj, Text):
                if obj.lang:
                    attribute = f' xml:lang="{obj.lang}"'
                elif obj.datatype:
                    attribute = f' rdf:datatype="{_xml_iri(obj.datatype)}"'
                else:
                    attribute = ""
                write(f"    <{name}{declaration}{attribute}>{_xml_text(obj.value)}</{name}>\n")
            elif isinstance(obj, Blank):
                write(f'    <{name}{declaration} rdf:nodeID="{obj}"/>\n')
            else:
                write(f'    <{name}{declaration} rdf:resource="{_xml_iri(obj)}"/>\n')
        write("  </rdf:Description>\n")
    return "".join(out)


# --- JSON-LD (expanded) ---------------------------------------------------------------------------


def _json_ld_id(term) -> str:
    if isinstance(term, Blank):
        return f"_:{term}"
    return safe_iri(term) if IRI_UNSAFE.search(term) else str(term)


def _json_ld_value(term) -> dict:
    if isinstance(term, Text):
        if term.lang:
            return {"@value": term.value, "@language": term.lang}
        if term.datatype:
            return {"@value": term.value, "@type": term.datatype}
        return {"@value": term.value}
    return {"@id": _json_ld_id(term)}


def _json_ld(grouped: dict) -> str:
    nodes = []
    for subject, pairs in grouped.items():
        node: dict = {"@id": _json_ld_id(subject)}
        for predicate, obj in pairs:
            if predicate == RDF_TYPE_IRI and not isinstance(obj, Text | Blank):
                node.setdefault("@type", []).append(_json_ld_id(obj))
            else:
                node.setdefault(_json_ld_id(predicate), []).append(_json_ld_value(obj))
        nodes.append(node)
    if not nodes:
        return ""
    return json.dumps(nodes, ensure_ascii=False, separators=(",", ":"))[1:-1]


WRITERS = {"ttl": _turtle, "rdf": _rdf_xml, "jsonld": _json_ld}
