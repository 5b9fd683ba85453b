"""Checking uploads by their content, not their name.

Images (PNG, JPEG, WebP) are decoded with Pillow, re-encoded (dropping metadata and anything hidden
in the file) and scaled down to at most MAX_IMAGE_SIDE pixels; an image declaring more than MAX_IMAGE_PIXELS
pixels is refused from its header before anything is decoded (a small file can declare a huge canvas).
Documents must really be PDF or an Office/OpenDocument file (checked by the signature and, for ZIP-based
formats, by their parts: present, unpacking to a sane size, well-formed XML).
SVG and HTML are refused: they can carry scripts.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from smartregion.core.refusals import Refused

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_IMAGE_SIDE = 1600
MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels; decoded as RGBA that is 160 MB of memory
IMAGE_FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "WEBP": ("webp", "image/webp")}
OFFICE_PARTS = {
    "word/document.xml": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/workbook.xml": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/presentation.xml": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": ("odt", "application/vnd.oasis.opendocument.text"),
    b"application/vnd.oasis.opendocument.spreadsheet": ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    b"application/vnd.oasis.opendocument.presentation": ("odp", "application/vnd.oasis.opendocument.presentation"),
}


class UploadRefused(Refused):
    pass


@dataclass
class CheckedFile:
    content: ContentFile
    content_type: str
    size: int


def check_image(raw: bytes, name: str) -> CheckedFile:
    from PIL import Image

    if len(raw) > MAX_IMAGE_BYTES:
        raise UploadRefused(_("Bilder dürfen höchstens 5 MB groß sein."))
    not_an_image = UploadRefused(_("Die Datei ist kein Bild (erlaubt: PNG, JPEG, WebP)."))
    too_large = UploadRefused(
        _("Das Bild hat zu viele Bildpunkte (höchstens %(megapixels)s Megapixel).")
        % {"megapixels": MAX_IMAGE_PIXELS // 1_000_000}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=list(IMAGE_FORMATS)) as probe:
                width, height = probe.size  # from the header: nothing is decoded yet
                if width * height > MAX_IMAGE_PIXELS:
                    raise too_large
                probe.verify()
            image = Image.open(io.BytesIO(raw), formats=list(IMAGE_FORMATS))
            image.load()
            extension, content_type = IMAGE_FORMATS[image.format]
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            if image.format == "JPEG" or image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGB")
            output = io.BytesIO()
            image.save(output, format="JPEG" if extension == "jpg" else extension.upper(), quality=85)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except Exception:  # noqa: BLE001 — whatever a decoder raises on a broken or hostile file, it is no usable image
        raise not_an_image from None
    data = output.getvalue()
    return CheckedFile(ContentFile(data, name=f"bild.{extension}"), content_type, len(data))


def check_document(raw: bytes, name: str) -> CheckedFile:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UploadRefused(_("Dokumente dürfen höchstens 10 MB groß sein."))
    kind = None
    if raw.startswith(b"%PDF-"):
        kind = ("pdf", "application/pdf")
    elif raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
                kind = next((value for part, value in OFFICE_PARTS.items() if part in names), None)
                if kind is None and "mimetype" in names:
                    kind = OPENDOCUMENT.get(archive.read("mimetype").strip())
                if kind is not None:
                    _check_office_parts(archive)
        except zipfile.BadZipFile:
            kind = None
    if kind is None:
        raise UploadRefused(_("Erlaubt sind PDF-, Word-, Excel-, PowerPoint- und OpenDocument-Dateien."))
    extension, content_type = kind
    return CheckedFile(ContentFile(raw, name=f"dokument.{extension}"), content_type, len(raw))


def _check_office_parts(archive: zipfile.ZipFile) -> None:
    """An Office or OpenDocument file is a ZIP of XML parts: it must not unpack to more than
    MAX_DOCUMENT_UNPACKED_BYTES (a zip bomb), every part must unpack with a correct checksum and every XML part must
    be well-formed (a truncated sheet, a NUL character). Parsed without entities, DTDs or network."""
    from lxml import etree

    broken = UploadRefused(_("Die Datei ist beschädigt: ein Teil des Dokuments lässt sich nicht lesen."))
    entries = archive.infolist()
    if sum(entry.file_size for entry in entries) > MAX_DOCUMENT_UNPACKED_BYTES:
        raise UploadRefused(
            _("Das Dokument ist entpackt größer als %(megabytes)s MB.")
            % {"megabytes": MAX_DOCUMENT_UNPACKED_BYTES // 2**20}
        )
    try:
        for entry in entries:
            with archive.open(entry) as part:
                if entry.filename.endswith((".xml", ".rels")):
                    parts = etree.iterparse(
                        part, events=("end",), resolve_entities=False, load_dtd=False, no_network=True
                    )
                    for _event, element in parts:
                        element.clear()
                else:
                    while part.read(2**20):
                        pass  # zipfile checks the CRC once a part has been read to its end
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError, EOFError):
        raise broken from None


def check_upload(upload, kind: str) -> CheckedFile:
    """An uploaded file checked as an image (`kind` "image") or a document; too large ones are refused unread."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise UploadRefused(_("Die Datei ist größer als 10 MB."))
    return (check_image if kind == "image" else check_document)(upload.read(), upload.name)
