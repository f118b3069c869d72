"""Tagged PDF: the logical structure a screen reader reads, made as the pages are drawn.

ReportLab does not tag. This module does, for any file drawn with it: while drawing,
content is wrapped in marked-content sequences (`/P <</MCID 3>> BDC ... EMC`) that
belong to structure elements (a heading, a paragraph, a list item, a figure with its
alternative text), and what is not content (running heads, page numbers, rules,
decoration) in `/Artifact BMC ... EMC`. When the file is saved, the elements become the
structure tree (ISO 32000-1, 14.7-14.8): `/StructTreeRoot`, its parent tree (from each
page's marked content and each widget back to its element), `/MarkInfo`, and on each
page `/StructParents` and `/Tabs /S` (PDF/UA-1, ISO 14289-1, 7.1-7.18).

Pure data in: `Structure` is the tree; the drawing code asks it for elements in reading
order and marks what it draws with them. One module for the pack, the screen deck and
any later file.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import PDFName, PDFObjectReference, PDFString

from generator.render.pagelayout import Flowable, LIIndenter, ListFlowable, Table
from generator.render.pdfobjects import Array, Dictionary, pdf_name

# Standard structure types used here (ISO 32000-1, 14.8.4): no role map is needed.
ROLES = ("Document", "Part", "Sect", "Div", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
         "Table", "TR", "TH", "TD", "Figure", "Form", "Span", "Caption")


@dataclass(eq=False)
class Element:
    """One structure element: its role, where it hangs, and what it holds in order:
    child elements, marked content (page index, MCID) and annotations (page index, ref)."""

    role: str
    parent: "Element | None" = None
    alt: str | None = None  # a figure's alternative text
    lang: str | None = None  # where it differs from the document's
    kids: list = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"not a standard structure type: {self.role}")
        if self.parent is not None:
            self.parent.kids.append(self)


@dataclass(frozen=True)
class Content:
    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    page: int
    key: int  # the widget's /StructParent
    ref: object  # a ReportLab reference to the widget


class Structure:
    """The document's structure tree, and the marked content that fills it, page by page."""

    def __init__(self, language: str):
        self.language = language
        self.root = Element("Document")
        self._mcids: dict[int, int] = {}  # page index -> the next MCID
        self._open: list[Element | None] = []  # open on the current page: elements, None for an artifact
        self._context: list[Element] = [self.root]  # the element what is drawn belongs to
        self._annotations = 0

    def element(self, role: str, parent: Element | None = None, alt: str | None = None, lang: str | None = None) -> Element:
        return Element(role, parent or self.root, alt, lang)

    def begin(self, canvas, element: Element | None) -> None:
        """Mark what is drawn next as `element`'s content (None: an artifact), until `end`."""
        if element is None or any(e is None for e in self._open):  # inside an artifact, everything is one
            canvas._code.append("/Artifact BMC")
            self._open.append(None)
            return
        page = canvas.getPageNumber() - 1
        mcid = self._mcids.get(page, 0)
        self._mcids[page] = mcid + 1
        element.kids.append(Content(page, mcid))
        canvas._code.append(f"/{element.role} <</MCID {mcid}>> BDC")
        self._open.append(element)

    def end(self, canvas) -> None:
        canvas._code.append("EMC")
        self._open.pop()

    def enter(self, element: Element) -> None:
        """What is drawn until `leave` belongs to `element` (its widgets, say), marked or not."""
        self._context.append(element)

    def leave(self) -> None:
        self._context.pop()

    def annotate(self, canvas, refs: list, tooltip: str) -> list[int]:
        """A form field's widgets (a radio group has several), each a Form element of the
        element being drawn: each widget's /StructParent key."""
        keys = []
        for ref in refs:  # one widget in each Form element (PDF/UA-1, 7.18.4)
            key = self._annotations_key()
            Element("Form", self._context[-1], alt=tooltip).kids.append(Annotation(canvas.getPageNumber() - 1, key, ref))
            keys.append(key)
        return keys

    def _annotations_key(self) -> int:
        # Pages take the keys 0..n-1 (their /StructParents); annotations count on from a
        # number no page reaches.
        self._annotations += 1
        return 100_000 + self._annotations

    def write(self, canvas) -> None:
        """The structure tree and what refers to it, into the document about to be saved."""
        document = canvas._doc
        pages = document.Pages.pages
        page_refs = [PDFObjectReference(f"Page{index + 1}") for index in range(len(pages))]  # ReportLab's names
        root_ref = document.Reference(Dictionary({}))  # filled below, once its kids exist
        parents: dict[int, list] = {}  # page index -> element refs by MCID
        annotation_parents: dict[int, object] = {}

        def made(element: Element, parent_ref) -> object:
            entries = {"Type": pdf_name("StructElem"), "S": pdf_name(element.role), "P": parent_ref}
            if element.alt is not None:
                entries["Alt"] = PDFString(element.alt)
            if element.lang is not None:
                entries["Lang"] = PDFString(element.lang)
            if element.role == "TH":  # a header cell heads its column (PDF/UA-1, 7.5)
                entries["A"] = Dictionary({"O": PDFName("Table"), "Scope": PDFName("Column")})
            # The page of its first marked content is the element's own (/Pg): content on it
            # is named by its MCID alone, content on any other page by a full reference.
            home = next((kid.page for kid in element.kids if isinstance(kid, Content)), None)
            if home is not None:
                entries["Pg"] = page_refs[home]
            dictionary = Dictionary(entries)
            ref = document.Reference(dictionary)
            kids = []
            for kid in element.kids:
                if isinstance(kid, Element):
                    kids.append(made(kid, ref))
                elif isinstance(kid, Content):
                    kids.append(kid.mcid if kid.page == home else
                                Dictionary({"Type": pdf_name("MCR"), "Pg": page_refs[kid.page], "MCID": kid.mcid}))
                    parents.setdefault(kid.page, {})[kid.mcid] = ref
                else:
                    kids.append(Dictionary({"Type": pdf_name("OBJR"), "Pg": page_refs[kid.page], "Obj": kid.ref}))
                    annotation_parents[kid.key] = ref
            dictionary.dict["K"] = Array(kids)
            return ref

        top = made(self.root, root_ref)
        nums: list = []
        for index, page in enumerate(pages):
            by_mcid = parents.get(index, {})
            nums += [index, Array([by_mcid[m] for m in sorted(by_mcid)])]
            page.StructParents = index
            page.Tabs = PDFName("S")
            page.__NoDefault__ = list(page.__NoDefault__) + ["StructParents", "Tabs"]
        for key in sorted(annotation_parents):
            nums += [key, annotation_parents[key]]
        root_dictionary = document.idToObject[root_ref.name]
        root_dictionary.dict.update({
            "Type": PDFName("StructTreeRoot"), "K": Array([top]),
            "ParentTree": Dictionary({"Nums": Array(nums)}),
            "ParentTreeNextKey": max([len(pages)] + [key + 1 for key in annotation_parents]),
        })
        catalog = document.Catalog
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = Dictionary({"Marked": "true"})
        catalog.ViewerPreferences = Dictionary({"DisplayDocTitle": "true"})
        catalog.Lang = PDFString(self.language)


class Tagged(Flowable):
    """A flowable drawn as content of a structure element, or as an artifact (element None)
    that still belongs to `owner` (the widgets of a writing area, say). Splits keep it."""

    def __init__(self, inner: Flowable, structure: Structure, element: Element | None, owner: Element | None = None):
        super().__init__()
        self.inner, self.structure, self.element = inner, structure, element
        self.owner = owner or element

    def __getattr__(self, name):  # keepWithNext, spaceBefore and the rest: the inner flowable's
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, available_width, available_height):
        self.width, self.height = self.inner.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return [Tagged(part, self.structure, self.element, self.owner) for part in self.inner.split(available_width, available_height)]

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas, x, y, _sW=0):
        if self.owner is not None:
            self.structure.enter(self.owner)
        self.structure.begin(canvas, self.element)
        self.inner.drawOn(canvas, x, y, _sW)
        self.structure.end(canvas)
        if self.owner is not None:
            self.structure.leave()


class TaggedList(ListFlowable):
    """ReportLab's list, each item an `LI` of the list's `L` element: its bullet or number
    an `Lbl`, its text an `LBody`."""

    def __init__(self, items, structure: Structure, element: Element, **options):
        self._structure, self._element = structure, element  # before ReportLab lays the items out
        super().__init__(items, **options)

    def _getContent(self):
        content = super()._getContent()
        return [_TaggedItem(item, self._structure, Element("LI", self._element)) if isinstance(item, LIIndenter) else item
                for item in content]


class _TaggedItem(LIIndenter):
    def __init__(self, item: LIIndenter, structure: Structure, element: Element,
                 label: Element | None = None, body: Element | None = None):
        super().__init__(item._flowable, item._leftIndent, item._rightIndent, item._bullet)
        for name in ("spaceBefore", "spaceAfter"):
            if name in item.__dict__:
                setattr(self, name, item.__dict__[name])
        self._structure, self._element = structure, element
        self._label = label or (Element("Lbl", element) if item._bullet else None)
        self._body = body or Element("LBody", element)

    def split(self, available_width, available_height):
        return [_TaggedItem(part, self._structure, self._element, self._label, self._body)
                for part in super().split(available_width, available_height)]

    def drawOn(self, canvas, x, y, _sW=0):
        if self._bullet:
            self._structure.begin(canvas, self._label)
            self._bullet.drawOn(self, canvas, x, y, 0)
            self._structure.end(canvas)
        self._structure.begin(canvas, self._body)
        self._flowable.drawOn(canvas, x + self._leftIndent, y, max(0, _sW - self._leftIndent - self._rightIndent))
        self._structure.end(canvas)


def tagged_rows(structure: Structure, parent: Element, rows: list[list], header_rows: int = 1) -> list[list]:
    """A table's cells, each drawn as its `TH` (the first `header_rows`) or `TD`, in its
    row's `TR`, in a `Table` element under `parent`."""
    table = Element("Table", parent)
    tagged = []
    for number, row in enumerate(rows):
        tr = Element("TR", table)
        cells = []
        for value in row:
            cell = Element("TH" if number < header_rows else "TD", tr)
            if isinstance(value, (list, tuple)):  # several paragraphs: each its own, in its own language
                cells.append([Tagged(f, structure, Element("P", cell, lang=getattr(f, "language", None))) for f in value])
            else:
                cells.append(Tagged(value, structure, cell))
        tagged.append(cells)
    return tagged


def table_class(structure: Structure) -> type:
    """ReportLab's Table, its backgrounds and rules drawn as artifacts (its cells are tagged
    by `tagged_rows`). A class per structure: ReportLab makes a split table's parts from
    the class of the whole."""
    made = structure.__dict__.setdefault("_table_class", None)
    if made is not None:
        return made

    class TaggedTable(Table):
        def _drawBkgrnd(self):
            structure.begin(self.canv, None)
            super()._drawBkgrnd()
            structure.end(self.canv)

        def _drawLines(self):
            structure.begin(self.canv, None)
            super()._drawLines()
            structure.end(self.canv)

    structure._table_class = TaggedTable
    return TaggedTable
