"""Reading CSV (and XLSX) files as people really produce them in German offices.

Accepts UTF-8 (with or without BOM) and Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"),
semicolon, comma or tab delimiters, and numbers with decimal commas and thousands dots.
Every import reports problems as `RowError`s with the line number a person sees in Excel.

Bad files never raise (docs/adr/0018-bad-input.md): a file that cannot be decoded, a NUL character, a field
beyond the csv module's size limit or an Excel sheet that breaks while its rows are read all become a
`RowError` with the line where reading stopped, so every importer refuses them with its usual report.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

DELIMITERS = (";", ",", "\t")
NO_DATA_ROWS = "Die Datei enthält keine Datenzeilen."
NUL_CHARACTER = (
    "Die Datei enthält ein Nullzeichen (NUL); sie ist wohl keine Textdatei. "
    "Bitte als CSV (UTF-8 oder Windows-1252) oder XLSX speichern."
)
XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # the parts of a workbook together, unpacked (a zip bomb is refused)
XLSX_MAX_LINES = 100_000
XLSX_MAX_COLUMNS = 200


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


class UnreadableFile(ValueError):
    """The file cannot be read as text at all; `error` says where and why."""

    def __init__(self, error: RowError):
        self.error = error
        super().__init__(str(error))


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Text and encoding of a file: UTF-8 (BOM or not), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252.

    A file whose BOM declares UTF-8 or UTF-16 but which is not raises UnreadableFile (line of the first bad byte).
    """
    for bom, codec, name in ((b"\xef\xbb\xbf", "utf-8", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16"),
                             (b"\xfe\xff", "utf-16-be", "utf-16")):  # fmt: skip
        if raw.startswith(bom):
            body = raw[len(bom) :]
            try:
                return body.decode(codec), name
            except UnicodeDecodeError as error:
                line = body[: error.start].decode(codec, errors="replace").count("\n") + 1
                raise UnreadableFile(
                    RowError(
                        line,
                        f"Die Datei ist als {'UTF-8' if codec == 'utf-8' else 'UTF-16'} gekennzeichnet, enthält aber "
                        "ungültige Zeichen. Bitte erneut als „CSV UTF-8“ speichern.",
                    )
                ) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def nul_error(text: str) -> RowError | None:
    """A NUL character never reaches the database (PostgreSQL refuses it, SQLite would keep it): the file is refused."""
    position = text.find("\x00")
    return None if position < 0 else RowError(text.count("\n", 0, position) + 1, NUL_CHARACTER)


def missing_data_rows(rows) -> list[RowError]:
    """The one answer of every importer to a file with a header and nothing else (or nothing at all)."""
    return [] if rows else [RowError(2, NO_DATA_ROWS)]


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
    try:
        text, encoding = decode_bytes(raw)
    except UnreadableFile as unreadable:
        return CsvTable([], [], ",", "", [unreadable.error])
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    nul = nul_error(text)
    if nul is not None:
        return CsvTable([], [], delimiter, encoding, [nul])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    rows = []
    errors = []
    try:
        try:
            header = [column.strip() for column in next(reader)]
        except StopIteration:
            return CsvTable([], [], delimiter, encoding, [RowError(1, "Die Datei ist leer.")])
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                errors.append(RowError(line, f"{len(values)} Werte statt {len(header)} wie in der Kopfzeile."))
                continue
            rows.append((line, {column: value.strip() for column, value in zip(header, values, strict=True)}))
    except csv.Error as error:
        # Reading stops here: after a broken field the reader's idea of rows and columns is not to be trusted.
        errors.append(RowError(max(reader.line_num, 1), _csv_problem(error)))
    return CsvTable(header, rows, delimiter, encoding, errors)


def _csv_problem(error: csv.Error) -> str:
    if "field limit" in str(error):
        limit = f"{csv.field_size_limit():,}".replace(",", ".")
        return f"Ein Feld ist länger als {limit} Zeichen; so lange Texte nimmt der Import nicht an."
    return "Die Zeile lässt sich nicht als CSV lesen (Anführungszeichen und Trennzeichen prüfen)."


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
    """Rows of the first sheet. The sheet's declared size is not trusted (only rows present are read, at most
    XLSX_MAX_COLUMNS wide); a workbook that breaks while its rows are read is refused with the line it broke at."""
    from openpyxl import load_workbook

    raw = (
        source
        if isinstance(source, bytes)
        else Path(source).read_bytes()
        if isinstance(source, (str, Path))
        else source.read()
    )
    problem = _workbook_problem(raw)
    if problem is not None:
        return [], [problem]
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable workbook is the same error for the user
        return [], [RowError(1, XLSX_UNREADABLE)]
    result = []
    next_line = 1
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        header = _cell_texts(next(sheet.iter_rows(max_row=1, max_col=XLSX_MAX_COLUMNS, values_only=True), ()))
        while header and not header[-1]:
            header.pop()
        nul = _nul_in_cells(header, 1)
        if nul is not None:
            return [], [nul]
        next_line = 2
        rows = sheet.iter_rows(min_row=2, max_col=max(len(header), 1), values_only=True)
        for line, values in enumerate(rows, start=2):
            if line > XLSX_MAX_LINES:
                return [], [
                    RowError(line, f"Die Arbeitsmappe hat mehr als {XLSX_MAX_LINES:,} Zeilen.".replace(",", "."))
                ]
            texts = _cell_texts(values)
            nul = _nul_in_cells(texts, line)
            if nul is not None:
                return [], [nul]
            if any(texts):
                result.append((line, dict(zip(header, texts + [""] * (len(header) - len(texts)), strict=False))))
            next_line = line + 1
    except Exception:  # noqa: BLE001 — a sheet that breaks while it is read is one error for the user, with its line
        return [], [
            RowError(next_line, "Die Excel-Arbeitsmappe ist beschädigt: ab dieser Zeile lässt sie sich nicht lesen.")
        ]
    finally:
        workbook.close()
    return result, []


XLSX_UNREADABLE = "Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx)."


def _workbook_problem(raw: bytes) -> RowError | None:
    """Not a ZIP archive, or one that unpacks to more than XLSX_MAX_UNPACKED_BYTES (sizes from its directory;
    zipfile never reads more than an entry declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return RowError(1, XLSX_UNREADABLE)
    if unpacked > XLSX_MAX_UNPACKED_BYTES:
        return RowError(1, f"Die Excel-Arbeitsmappe ist entpackt größer als {XLSX_MAX_UNPACKED_BYTES // 2**20} MB.")
    return None


def _cell_texts(values) -> list[str]:
    return ["" if value is None else str(value).strip() for value in values]


def _nul_in_cells(texts: list[str], line: int) -> RowError | None:
    return RowError(line, NUL_CHARACTER) if any("\x00" in text for text in texts) else None
