"""The network dashboard's maps: the overall index by Kreis (with Kreise of too few assessments pooled into the
next larger area) and by Gemeinde (members that shared their results), each with its title, legend and notes
inside the SVG so that a map pasted into a report carries them.

Pooling (k ≥ MIN_PEERS): a Kreis with fewer than MIN_PEERS submitted assessments shows no value of its own. Such
Kreise are pooled per Regierungsbezirk; those whose pool is still too small, per Land; the rest across the
network. Only the small Kreise are pooled (never a Kreis that shows its own value), so no pool's average can be
computed back from averages shown beside it. A pool that stays below MIN_PEERS shows "zu wenige Werte".
"""

from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean

from django.utils.translation import gettext as _

from smartregion.territories.maps import HATCH, LegendItem, SvgMap, build_map
from smartregion.territories.models import Boundary, Territory

from .enums import MIN_PEERS

# Five steps of the overall index, light to dark (ColorBrewer PuBu without its near-white step, so that the
# lowest step stays apart from "keine Selbsteinschätzung", drawn white).
CHORO_COLOURS = ["#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d"]
NO_ASSESSMENT = "#ffffff"
GEMEINDE_NAMES = 40  # the largest Gemeinden are named; more names would cover the colours of the small ones


def _source() -> str:
    return _("Umrisse: © GeoBasis-DE / BKG 2021 (Daten verändert)")


def choro_fill(value: float) -> str:
    steps = len(CHORO_COLOURS)
    return CHORO_COLOURS[min(steps - 1, max(0, int(value // (100 / steps))))]


def legend() -> list[tuple[str, str]]:
    width = 100 // len(CHORO_COLOURS)
    return [(colour, f"{step * width}–{(step + 1) * width}") for step, colour in enumerate(CHORO_COLOURS)]


def peer_mean(values) -> float | None:
    values = [value for value in values if value is not None]
    return round(fmean(values), 1) if len(values) >= MIN_PEERS else None


@dataclass
class Pool:
    """Kreise of too few assessments each, shown together."""

    label: str
    level: str  # regbez, land, network
    kreise: list[str] = field(default_factory=list)
    count: int = 0
    average: float | None = None


@dataclass
class KreisArea:
    name: str
    ars: str
    average: float | None  # the Kreis's own average, None below MIN_PEERS
    count: int
    pool: Pool | None = None  # where its assessments are counted when it has too few

    @property
    def shown(self) -> float | None:
        """The value the map shows for this Kreis: its own, else its pool's."""
        if self.average is not None:
            return self.average
        return self.pool.average if self.pool else None


@dataclass
class KreisInfo:
    pk: int
    ars: str
    name: str
    regbez: tuple[int, str] | None
    land: tuple[int, str] | None


def kreis_infos(kreis_ids) -> list[KreisInfo]:
    """The Kreise with their Regierungsbezirk and Land; a name two Kreise share (the town of Hof and the Landkreis
    around it) gets its kind in brackets."""
    rows = list(
        Territory.objects.filter(pk__in=list(kreis_ids)).values_list(
            "pk", "ars", "short_name", "type_label", "regbez_id", "regbez__short_name", "land_id", "land__short_name"
        )
    )
    names = Counter(row[2] for row in rows)
    return [
        KreisInfo(
            pk,
            ars,
            f"{name} ({kind})" if names[name] > 1 and kind else name,
            (regbez, regbez_name) if regbez else None,
            (land, land_name) if land else None,
        )
        for pk, ars, name, kind, regbez, regbez_name, land, land_name in rows
    ]


def pool_kreise(infos: list[KreisInfo], values: dict[int, list[float]]) -> tuple[list[KreisArea], list[Pool]]:
    """Each Kreis with its own average or its pool (see the module's docstring), and the pools."""
    areas = {
        info.pk: KreisArea(info.name, info.ars, peer_mean(values.get(info.pk, [])), len(values.get(info.pk, [])))
        for info in infos
    }
    small = [info for info in infos if areas[info.pk].average is None and areas[info.pk].count]
    pools: list[Pool] = []
    levels = (
        ("regbez", lambda info: info.regbez, lambda name: _("Regierungsbezirk %(name)s") % {"name": name}),
        ("land", lambda info: info.land, lambda name: name),
        ("network", lambda info: (0, ""), lambda name: _("übrige Kreise des Netzwerks")),
    )
    for level, key_of, label_of in levels:
        groups: dict[tuple, list[KreisInfo]] = {}
        for info in small:
            key = key_of(info)
            if key:
                groups.setdefault(key, []).append(info)
        for (_pk, name), members in sorted(groups.items(), key=lambda item: item[0][1]):
            pooled = [value for info in members for value in values.get(info.pk, [])]
            if len(pooled) >= MIN_PEERS or level == "network":
                names = sorted(info.name for info in members)
                pool = Pool(label_of(name), level, names, len(pooled), peer_mean(pooled))
                pools.append(pool)
                for info in members:
                    areas[info.pk].pool = pool
        small = [info for info in small if areas[info.pk].pool is None]
    return sorted(areas.values(), key=lambda area: area.name), pools


def pooling_note(pools: list[Pool]) -> str:
    if not pools:
        return ""
    levels = {pool.level for pool in pools if pool.average is not None}
    if levels == {"regbez"}:
        where = _("zum Regierungsbezirk")
    elif levels == {"land"}:
        where = _("zum Land")
    elif levels:
        where = _("zum Regierungsbezirk, zum Land oder zu den übrigen Kreisen des Netzwerks")
    else:
        where = ""
    note = ""
    if where:
        note = _(
            "Kreise mit weniger als %(n)s Selbsteinschätzungen sind %(where)s zusammengefasst (gestrichelt umrandet)."
        ) % {"n": MIN_PEERS, "where": where}
    if any(pool.average is None for pool in pools):
        note += " " + _("Wo auch zusammengefasst weniger als %(n)s Werte vorliegen: zu wenige Werte (schraffiert).") % {
            "n": MIN_PEERS
        }
    return note.strip()


def kreis_map(areas: list[KreisArea], boundaries: list, pools: list[Pool]) -> SvgMap:
    fills, labels, dashed = {}, {}, set()
    for area in areas:
        if area.shown is not None:
            fills[area.ars] = choro_fill(area.shown)
        elif area.count:
            fills[area.ars] = HATCH
        else:
            fills[area.ars] = NO_ASSESSMENT
        if area.average is not None:
            labels[area.ars] = f"{area.name}: {area.average:.1f} ({area.count})"
        elif area.pool and area.pool.average is not None:
            dashed.add(area.ars)
            labels[area.ars] = f"{area.name}: {area.pool.label} {area.pool.average:.1f} ({area.pool.count})"
        elif area.count:
            labels[area.ars] = f"{area.name}: {_('zu wenige Werte')}"
        else:
            labels[area.ars] = f"{area.name}: {_('keine Selbsteinschätzung')}"
    svg_map = build_map(
        title=_("Durchschnittlicher Gesamtindex nach Kreis"),
        boundaries=boundaries,
        fills=fills,
        labels=labels,
        key="kreis-map",
        place_names={area.ars: area.name for area in areas},
        dashed_ars=dashed,
    )
    if svg_map.is_empty:
        return svg_map
    notes = [
        _("Durchschnitt der abgeschlossenen Selbsteinschätzungen der Mitglieder je Kreis (ab %(n)s Werten).")
        % {"n": MIN_PEERS}
    ]
    note = pooling_note(pools)
    if note:
        notes.append(note)
    notes.append(_source())
    items = [LegendItem(colour, label) for colour, label in legend()]
    if dashed:
        items.append(LegendItem(CHORO_COLOURS[2], _("zusammengefasst"), dashed=True))
    items += [LegendItem(HATCH, _("zu wenige Werte")), LegendItem(NO_ASSESSMENT, _("keine Selbsteinschätzung"))]
    svg_map.frame(legend_title=_("Gesamtindex (0–100)"), legend=items, notes=notes)
    return svg_map


def gemeinde_map(shared: dict[str, tuple[str, float]], background: list) -> SvgMap:
    """`shared`: ARS → (name, overall index) of the members that shared their results."""
    boundaries = list(Boundary.objects.filter(level="gemeinde", ars__in=list(shared)))
    svg_map = build_map(
        title=_("Gesamtindex der Gemeinden, die ihre Ergebnisse freigegeben haben"),
        boundaries=boundaries,
        fills={ars: choro_fill(value) for ars, (_name, value) in shared.items() if value is not None},
        labels={ars: f"{name}: {value:.1f}" for ars, (name, value) in shared.items() if value is not None},
        background=background,
        key="gemeinde-map",
        place_names={ars: name for ars, (name, _value) in shared.items()},
        name_size=15.0,
        max_names=GEMEINDE_NAMES,
    )
    if svg_map.is_empty:
        return svg_map
    notes = [
        _("Nur Gemeinden, die ihre Ergebnisse für Netzwerke oder öffentlich freigegeben haben; grau: ihre Kreise."),
        _("Benannt sind die größten Gemeinden; die Tabelle nennt alle."),
        _source(),
    ]
    items = [LegendItem(colour, label) for colour, label in legend()]
    svg_map.frame(legend_title=_("Gesamtindex (0–100)"), legend=items, notes=notes)
    return svg_map
