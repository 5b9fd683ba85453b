"""Reading and validating the Destatis municipality register (GV-ISys CSV), row by row.

Every problem is collected as a RowError with the line number a person sees in a spreadsheet; the
importer (importer.py) writes nothing if there is any.
"""

import re

from smartregion.core.csvio import RowError, parse_decimal, read_table

REQUIRED_COLUMNS = [
    "ars",
    "ags",
    "name",
    "type_code",
    "type",
    "is_gemeinde",
    "gemeindeverband_ars",
    "gemeindeverband_name",
    "gemeindeverband_type",
    "kreis_ags",
    "kreis_name",
    "kreis_type",
    "regbez_code",
    "regbez_name",
    "land_code",
    "land_name",
    "area_km2",
    "population",
    "density_per_km2",
    "plz_seat",
    "lon",
    "lat",
    "urbanisation_code",
]
CENSUS_COLUMNS = ["ars", "population_zensus_2022"]
GEMEINDE_TYPE_CODES = {"60", "61", "62", "63", "64", "65", "66", "67"}
GEMEINDEFREI_TYPE_CODES = {"66", "67"}
NOT_A_VERBAND = {"", "Verbandsfreie Gemeinde"}
KREIS_TYPE_CODES = {
    "Kreisfreie Stadt": "41",
    "Stadtkreis": "42",
    "Kreis": "43",
    "Landkreis": "44",
    "Regionalverband": "45",
}
DIGITS = re.compile(r"^\d+$")


# --- Validation -------------------------------------------------------------------------------


def _check_columns(header, required) -> list[RowError]:
    return [RowError(1, "Pflichtspalte fehlt.", column) for column in required if column not in header]


def _number(row, column, line, errors, *, german, required=True, integer=False):
    value = row.get(column, "")
    if not value:
        if required:
            errors.append(RowError(line, "Wert fehlt.", column))
        return None
    try:
        number = parse_decimal(value, german=german)
    except ValueError as error:
        errors.append(RowError(line, str(error), column))
        return None
    if number < 0:
        errors.append(RowError(line, "darf nicht negativ sein.", column))
        return None
    if integer:
        if number != number.to_integral_value():
            errors.append(RowError(line, f"„{value}“ ist keine ganze Zahl.", column))
            return None
        return int(number)
    return float(number)


def _key(row, column, length, line, errors, *, required=True):
    value = row.get(column, "")
    if not value and not required:
        return ""
    if not (len(value) == length and DIGITS.match(value)):
        errors.append(RowError(line, f"„{value}“ ist kein gültiger Schlüssel ({length} Ziffern).", column))
        return None
    return value


def validate_register_row(line: int, row: dict, *, german: bool) -> tuple[dict | None, list[RowError]]:
    errors: list[RowError] = []
    ars = _key(row, "ars", 12, line, errors)
    ags = _key(row, "ags", 8, line, errors)
    land_code = _key(row, "land_code", 2, line, errors)
    kreis_ags = _key(row, "kreis_ags", 5, line, errors)
    regbez_code = _key(row, "regbez_code", 3, line, errors, required=False)
    verband_ars = _key(row, "gemeindeverband_ars", 9, line, errors, required=False)
    for column in ("name", "land_name"):
        if not row.get(column):
            errors.append(RowError(line, "Wert fehlt.", column))
    type_code = row.get("type_code", "")
    if type_code not in GEMEINDE_TYPE_CODES:
        errors.append(RowError(line, f"unbekanntes Textkennzeichen „{type_code}“.", "type_code"))
    is_gemeinde = row.get("is_gemeinde", "").lower()
    if is_gemeinde not in {"true", "false", "1", "0", "ja", "nein"}:
        errors.append(
            RowError(line, f"„{row.get('is_gemeinde', '')}“ ist kein Wahrheitswert (true/false).", "is_gemeinde")
        )
    is_gemeinde = is_gemeinde in {"true", "1", "ja"}
    if ars and ags and ars[:5] + ars[9:] != ags:
        errors.append(RowError(line, f"AGS {ags} passt nicht zum ARS {ars}.", "ags"))
    if ars and land_code and not ars.startswith(land_code):
        errors.append(RowError(line, f"ARS {ars} liegt nicht im Land {land_code}.", "land_code"))
    if ars and kreis_ags and not ars.startswith(kreis_ags):
        errors.append(RowError(line, f"ARS {ars} liegt nicht im Kreis {kreis_ags}.", "kreis_ags"))
    if regbez_code and not row.get("regbez_name"):
        errors.append(RowError(line, "Wert fehlt.", "regbez_name"))
    verband_type = row.get("gemeindeverband_type", "")
    if verband_type not in NOT_A_VERBAND and not verband_ars:
        errors.append(RowError(line, "Wert fehlt.", "gemeindeverband_ars"))
    if row.get("kreis_name") and row.get("kreis_type", "") not in KREIS_TYPE_CODES:
        errors.append(RowError(line, f"unbekannte Kreisart „{row.get('kreis_type', '')}“.", "kreis_type"))

    area = _number(row, "area_km2", line, errors, german=german)
    population = _number(row, "population", line, errors, german=german, integer=True)
    density = _number(row, "density_per_km2", line, errors, german=german, required=False)
    longitude = _number(row, "lon", line, errors, german=german, required=is_gemeinde)
    latitude = _number(row, "lat", line, errors, german=german, required=is_gemeinde)
    if latitude is not None and longitude is not None:
        if latitude == 0 and longitude == 0:
            latitude = longitude = None
        elif not (47 <= latitude <= 55.5 and 5.5 <= longitude <= 15.5):
            errors.append(RowError(line, f"Koordinate {latitude}, {longitude} liegt nicht in Deutschland.", "lat"))
    urbanisation = row.get("urbanisation_code", "")
    if urbanisation and urbanisation.lstrip("0") not in {"1", "2", "3"}:
        errors.append(RowError(line, f"unbekannter Grad der Verstädterung „{urbanisation}“.", "urbanisation_code"))
    postcode = row.get("plz_seat", "")
    if postcode and not (len(postcode) == 5 and DIGITS.match(postcode)):
        errors.append(RowError(line, f"„{postcode}“ ist keine Postleitzahl.", "plz_seat"))
    if errors:
        return None, errors
    return {
        "line": line,
        "ars": ars,
        "ags": ags,
        "name": row["name"],
        "type_code": type_code,
        "type_label": row.get("type", ""),
        "is_gemeinde": is_gemeinde,
        "verband_ars": verband_ars if verband_type not in NOT_A_VERBAND else "",
        "verband_name": row.get("gemeindeverband_name", ""),
        "verband_type": verband_type,
        "kreis_ags": kreis_ags if row.get("kreis_name") else "",
        "kreis_name": row.get("kreis_name", ""),
        "kreis_type": row.get("kreis_type", ""),
        "regbez_code": regbez_code,
        "regbez_name": row.get("regbez_name", ""),
        "land_code": land_code,
        "land_name": row["land_name"],
        "area_km2": area,
        "population": population,
        "density": density,
        "latitude": latitude,
        "longitude": longitude,
        "postcode": postcode,
        "urbanisation": int(urbanisation) if urbanisation else None,
    }, []


def read_census(source) -> tuple[dict[str, int], list[RowError]]:
    table = read_table(source)
    errors = list(table.errors) + _check_columns(table.header, CENSUS_COLUMNS)
    if errors:
        return {}, errors
    census: dict[str, int] = {}
    for line, row in table.rows:
        row_errors: list[RowError] = []
        ars = _key(row, "ars", 12, line, row_errors)
        population = _number(row, "population_zensus_2022", line, row_errors, german=table.german_numbers, integer=True)
        if not row_errors:
            census[ars] = population
        errors.extend(row_errors)
    return census, errors


def read_register(source) -> tuple[list[dict], list[RowError]]:
    table = read_table(source)
    errors = list(table.errors) + _check_columns(table.header, REQUIRED_COLUMNS)
    if _check_columns(table.header, REQUIRED_COLUMNS):
        return [], errors
    records: list[dict] = []
    first_line_of_ars: dict[str, int] = {}
    for line, row in table.rows:
        ars = row.get("ars", "")
        if ars and ars in first_line_of_ars:
            errors.append(RowError(line, f"ARS {ars} steht bereits in Zeile {first_line_of_ars[ars]}.", "ars"))
            continue
        first_line_of_ars.setdefault(ars, line)
        record, row_errors = validate_register_row(line, row, german=table.german_numbers)
        errors.extend(row_errors)
        if record is not None:
            records.append(record)
    if not table.rows and not errors:
        errors.append(RowError(2, "Die Datei enthält keine Datenzeilen."))
    errors.extend(_check_consistency(records))
    return records, sorted(errors, key=lambda error: (error.line, error.column))


def _check_consistency(records: list[dict]) -> list[RowError]:
    """A Kreis, Regierungsbezirk, Land or Gemeindeverband must have one name throughout the file."""
    errors = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for record in records:
        for level, key, name in (
            ("land_name", record["land_code"], record["land_name"]),
            ("regbez_name", record["regbez_code"], record["regbez_name"]),
            ("kreis_name", record["kreis_ags"], record["kreis_name"]),
            ("gemeindeverband_name", record["verband_ars"], record["verband_name"]),
        ):
            if not key:
                continue
            previous = seen.setdefault((level, key), (name, record["line"]))
            if previous[0] != name:
                errors.append(
                    RowError(
                        record["line"],
                        f"„{name}“ widerspricht „{previous[0]}“ (Zeile {previous[1]}) für Schlüssel {key}.",
                        level,
                    )
                )
    return errors
