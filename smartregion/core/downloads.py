"""File responses shared by every export: spreadsheets (formula-safe), CSV for German Excel, PDF."""

import csv
import io
import json
import threading
from pathlib import Path

from django.http import FileResponse, Http404, HttpResponse

from .storage import open_stream

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text a spreadsheet would run as a formula gets a leading apostrophe (CSV/XLSX injection)."""
    return "'" + value if isinstance(value, str) and value and value.startswith(FORMULA_START) else value


def csv_response(text: str, file_name: str) -> HttpResponse:
    """German Excel opens UTF-8 CSV correctly only with a byte-order mark."""
    response = HttpResponse(("\ufeff" + text).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def csv_table(header, rows) -> str:
    """A table as CSV for German Excel (semicolons, CRLF), every cell formula-safe; pass it to csv_response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(value) for value in row] for row in rows)
    return buffer.getvalue()


def json_download(data, file_name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def file_response(field_file, *, filename: str, content_type: str = "", inline: bool = False) -> FileResponse:
    """An uploaded file (a FileField's value) served by the application after the caller's permission check,
    so that uploads need no public /media/ location; a row whose file is gone is a 404."""
    try:
        handle, size = open_stream(field_file)  # the file system, or streamed from the bucket (ADR 0025)
    except FileNotFoundError:
        raise Http404 from None  # the row outlived its file (a database restored without its media)
    response = FileResponse(handle, as_attachment=not inline, filename=filename)
    if size is not None:
        response["Content-Length"] = str(size)
    if content_type:
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment_response(attachment) -> FileResponse:
    """A core.models.Attachment as a download (images shown inline); the caller has checked the permission."""
    return file_response(
        attachment.file,
        filename=attachment.download_name,
        content_type=attachment.content_type,
        inline=attachment.is_image,
    )


def xlsx_response(workbook, file_name: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


# Relative URLs in PDF templates (the vendored fonts) resolve against the project's static sources.
PDF_BASE_URL = (Path(__file__).resolve().parent.parent / "static").as_uri() + "/"


_fonts = threading.local()


def _font_config():
    """One WeasyPrint font configuration per thread: it registers the vendored @font-face fonts once
    (decompressing the WOFF2 files costs about a second) instead of once per document."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_fonts, "config", None) is None:
        _fonts.config = FontConfiguration()
    return _fonts.config


def pdf_bytes(html: str) -> bytes:
    """HTML (with inline SVG charts and its own print stylesheet) to PDF with WeasyPrint."""
    from weasyprint import HTML

    font_config = _font_config()
    return HTML(string=html, base_url=PDF_BASE_URL).write_pdf(font_config=font_config)


def pdf_response(html: str, file_name: str) -> HttpResponse:
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
