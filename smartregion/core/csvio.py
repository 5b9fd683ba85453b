"""Reading CSV (and XLSX) files as people really produce them in German offices.

Accepts UTF-8 (with or without BOM) and Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"),
semicolon, comma or tab delimiters, and numbers with decimal commas and thousands dots.
Every import reports problems as `RowError`s with the line number a person sees in Excel.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class RowError:
    line: int  # 1 = header line, as shown in a spreadsheet
    message: str
    column: str = ""

    def __str__(self) -> str:
        where = f"Zeile {self.line}"
        if self.column:
            where += f", Spalte „{self.column}“"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """A file with errors: nothing was written; `errors` lists every problem with its line number."""

    document = "Importdatei"

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} Fehler in der {self.document}")


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class CsvTable:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number, row)
    delimiter: str
    encoding: str
    errors: list[RowError] = field(default_factory=list)

    @property
    def german_numbers(self) -> bool:
        """German Excel writes semicolon-separated files with decimal commas."""
        return self.delimiter == ";"


def decode_bytes(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_table(source) -> CsvTable:
    """Read a whole CSV file (path, bytes or binary file object) into memory."""
    if isinstance(source, (str, Path)):
        raw = Path(source).read_bytes()
    elif isinstance(source, bytes):
        raw = source
    else:
        raw = source.read()
    text, encoding = decode_bytes(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        return CsvTable([], [], delimiter, encoding, [RowError(1, "Die Datei ist leer.")])
    rows = []
    errors = []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            errors.append(RowError(line, f"{len(values)} Werte statt {len(header)} wie in der Kopfzeile."))
            continue
        rows.append((line, {column: value.strip() for column, value in zip(header, values, strict=True)}))
    return CsvTable(header, rows, delimiter, encoding, errors)


def parse_decimal(value: str, *, german: bool = False) -> Decimal:
    """Parse '1.234,5', '1234,5', '1234.5' and (in German files) '1.234' as numbers.

    Raises ValueError with a readable message for anything else.
    """
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        raise ValueError("leer")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif german and text.count(".") >= 1 and _looks_like_thousands(text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"„{value}“ ist keine Zahl") from None


def _looks_like_thousands(text: str) -> bool:
    digits = text.lstrip("-")
    groups = digits.split(".")
    return len(groups) > 1 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def read_rows(source, *, file_name: str = "") -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Rows of a CSV or XLSX file as (line number, {column: text})."""
    name = (file_name or str(getattr(source, "name", source) if not isinstance(source, bytes) else "")).lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(source)
    table = read_table(source)
    return table.rows, list(table.errors)


def _read_xlsx(source) -> tuple[list[tuple[int, dict]], list[RowError]]:
    from openpyxl import load_workbook

    raw = (
        source
        if isinstance(source, bytes)
        else Path(source).read_bytes()
        if isinstance(source, (str, Path))
        else source.read()
    )
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable workbook is the same error for the user
        return [], [RowError(1, "Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).")]
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(value).strip() if value is not None else "" for value in next(rows, [])]
    result = []
    for line, values in enumerate(rows, start=2):
        texts = ["" if value is None else str(value).strip() for value in values]
        if any(texts):
            result.append((line, dict(zip(header, texts + [""] * (len(header) - len(texts)), strict=False))))
    return result, []
