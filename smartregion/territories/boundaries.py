"""Loading BKG VG5000 outlines (GeoJSON) into `Boundary` rows."""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from smartregion.core.freshness import bulk_written

from .enums import BoundaryLevel
from .models import Boundary

BOUNDARY_FILES = {
    BoundaryLevel.LAND: "vg5000_2021-01-01_laender.geojson",
    BoundaryLevel.REGBEZ: "vg5000_2021-01-01_regierungsbezirke.geojson",
    BoundaryLevel.KREIS: "vg5000_2021-01-01_kreise.geojson",
    BoundaryLevel.GEMEINDE: "vg5000_2021-01-01_gemeinden_de.geojson",
}
VINTAGE = date(2021, 1, 1)


def _bounds(geometry: dict) -> tuple[float, float, float, float]:
    lons, lats = [], []
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            for lon, lat in ring:
                lons.append(lon)
                lats.append(lat)
    return min(lons), min(lats), max(lons), max(lats)


@transaction.atomic
def import_boundaries(level: str, path: Path) -> tuple[int, int]:
    """Create or update the outlines of one level; returns (created, updated)."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    existing = {boundary.ars: boundary for boundary in Boundary.objects.filter(level=level)}
    to_create, to_update = [], []
    for feature in collection["features"]:
        properties = feature["properties"]
        geometry = feature["geometry"]
        if not geometry:
            continue
        min_lon, min_lat, max_lon, max_lat = _bounds(geometry)
        values = {
            "name": properties.get("name", ""),
            "geometry": geometry,
            "min_lon": min_lon,
            "min_lat": min_lat,
            "max_lon": max_lon,
            "max_lat": max_lat,
            "vintage": VINTAGE,
        }
        boundary = existing.get(properties["ars"])
        if boundary is None:
            to_create.append(Boundary(level=level, ars=properties["ars"], **values))
        elif any(getattr(boundary, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(boundary, name, value)
            to_update.append(boundary)
    Boundary.objects.bulk_create(to_create, batch_size=500)
    Boundary.objects.bulk_update(
        to_update, ["name", "geometry", "min_lon", "min_lat", "max_lon", "max_lat", "vintage"], batch_size=500
    )
    bulk_written(Boundary)
    return len(to_create), len(to_update)
