"""Files that identify themselves, reproducibly: dates, XMP metadata and the trailer /ID.

A print shop's job system tells uploads apart by the trailer /ID and the metadata.
Builds stay byte-identical for the same input, yet:
- the dates are the build's `epoch` (SOURCE_DATE_EPOCH when set, else the deck's `date`,
  else 2000-01-01), never the clock;
- the /ID's first half is fixed for the document (deck and file name), its second half
  is an MD5 of the file's own bytes, so a one-word edit or another layout changes it;
- an XMP packet (title, creator, language, version, dates, document and instance ids,
  PDF/X identification) sits in the catalogue, as strict shop profiles expect.
"""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

from generator import __version__
from generator.printing.outputs import FileIdentity
from generator.render import pdffile  # noqa: F401  (saving streamed: installed for every PDF written)
from generator.render.pdfobjects import Array, Dictionary

# Binary streams: ASCII85 makes every PDF a quarter larger and slower to read back. Set
# here because every module that writes a PDF imports this one.
rl_config.useA85 = 0


def _format_stream(self: PDFStream, document) -> bytes:
    """ReportLab's PDFStream.format (reportlab 5.x, pdfbase/pdfdoc.py), changed in two
    places: an end-of-line before `endstream`, which PDF/A and PDF/UA checkers require (it
    is not counted in /Length), and no empty `/Filter []` on a stream left unfiltered, such
    as the XMP packet, which PDF/A wants with no /Filter at all."""
    dictionary = Dictionary(self.dictionary.dict.copy())
    content = self.content
    if content is None:
        raise ValueError("stream content not set")
    filters = document.defaultStreamFilters if self.filters is None else self.filters
    if filters and "Filter" not in dictionary.dict:
        names = []
        for each in reversed(list(filters)):  # applied in reverse order listed
            content = each.encode(content)
            names.insert(0, PDFName(each.pdfname))
        dictionary["Filter"] = Array(names)
    content = document.encrypt.encode(content)
    body = pdf_format(content, document)
    dictionary["Length"] = len(content)
    eol = b"" if body.endswith(b"\n") else b"\n"
    return pdf_format(dictionary, document) + b"\nstream\n" + body + eol + b"endstream\n"


PDFStream.format = _format_stream  # every stream of every PDF the tool writes

TOOL = f"behaviour-cards {__version__}"
_ZERO_UUID = "00000000-0000-0000-0000-000000000000"  # replaced once the file's bytes are known
_TRAILER_ID = re.compile(rb"\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")


class _FixedTime:
    """ReportLab's TimeStamp, at the build's epoch in UTC."""

    def __init__(self, epoch: int):
        self.t = epoch
        self.lt = time.gmtime(epoch)
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = self.dmm = 0
        self.tzname = "UTC"


def new_canvas(path: Path, identity: FileIdentity, **options) -> Canvas:
    """A reproducible canvas (ReportLab's invariant mode) carrying the file's identity."""
    canvas = Canvas(str(path), invariant=1, pageCompression=1, lang=identity.language, **options)
    identify(canvas, identity)
    return canvas


def identify(canvas: Canvas, identity: FileIdentity) -> None:
    """Info, dates and an XMP packet, on a canvas just made (its /ID is stamped after saving)."""
    canvas.setTitle(identity.title)
    canvas.setAuthor(identity.author)
    canvas.setSubject(identity.subject)
    canvas.setCreator(TOOL)
    document = canvas._doc
    document._timeStamp = _FixedTime(identity.epoch)
    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                       content=_xmp(identity, document.info.producer), filters=[])  # XMP stays readable
    catalog = document.Catalog
    catalog.__NoDefault__ = list(catalog.__NoDefault__) + ["Metadata"]
    catalog.Metadata = document.Reference(stream)


def stamp(path: Path, identity: FileIdentity) -> None:
    """Write the /ID (and the XMP instance id) derived from the file's own bytes."""
    data = path.read_bytes()
    found = list(_TRAILER_ID.finditer(data))
    if not found:
        raise ValueError(f"{path.name}: no trailer /ID to stamp")
    match = found[-1]
    document = hashlib.md5(identity.key.encode("utf-8")).hexdigest()
    instance = hashlib.md5(data).hexdigest()  # the bytes as written, placeholders included
    data = data[:match.start()] + f"[<{document}><{instance}>]".encode("ascii") + data[match.end():]
    data = data.replace(f"uuid:{_ZERO_UUID}".encode("ascii"), f"uuid:{_uuid(instance)}".encode("ascii"), 1)
    path.write_bytes(data)


def escape(text: str) -> str:
    """Text as XML character data (what xml.sax.saxutils.escape does, without importing
    urllib, http and ssl with it)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _uuid(hex32: str) -> str:
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def _xmp(identity: FileIdentity, producer: str) -> bytes:
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(identity.epoch))
    text = {key: escape(value) for key, value in {
        "title": identity.title, "language": identity.language, "producer": producer, "tool": TOOL,
    }.items()}
    alt = '<rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt>'
    optional = "".join(f"<{tag}>{shape.format(escape(value))}</{tag}>\n" for tag, shape, value in (
        ("dc:creator", "<rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq>", identity.author),
        ("dc:description", alt, identity.subject),
        ("dc:rights", alt, identity.rights),
        ("dc:source", "{}", identity.source),
        ("xmpMM:VersionID", "{}", identity.version),
        ("pdfxid:GTS_PDFXVersion", "{}", identity.pdfx),
        ("pdf:Trapped", "{}", "False" if identity.pdfx else None),
        ("pdfuaid:part", "{}", "1" if identity.pdfua else None),
        ("xmpRights:WebStatement", "{}", identity.rights_url),
    ) if value)
    document = _uuid(hashlib.md5(identity.key.encode("utf-8")).hexdigest())
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text["title"]}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{text["language"]}</rdf:li></rdf:Bag></dc:language>
{optional}<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
<xmp:CreatorTool>{text["tool"]}</xmp:CreatorTool>
<pdf:Producer>{text["producer"]}</pdf:Producer>
<xmpMM:DocumentID>uuid:{document}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:{_ZERO_UUID}</xmpMM:InstanceID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")
