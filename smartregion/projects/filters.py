"""One filter definition for the catalog: the list page, the map, the exports and the API use it.

Parameters (German, as they appear in addresses): q, feld, status, land, bezirk, kreis, groesse,
jahr, opensource, nachnutzbar, sortierung. Facet counts are "disjunctive": each facet counts the
projects matching every *other* active filter, so choosing a value never hides its alternatives.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import OnlyField
from smartregion.core.freshness import Kept
from smartregion.taxonomy.models import Domain
from smartregion.territories.enums import SizeClass, TerritoryKind
from smartregion.territories.models import Territory

from . import fulltext, ranked
from .enums import OpenSource, ProjectStatus, Publication
from .models import Project

SORTS = {
    "relevanz": _("Relevanz"),
    "neu": _("neueste zuerst"),
    "nachnutzung": _("am häufigsten nachgenutzt"),
}


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    feld = forms.SlugField(label=_("Handlungsfeld"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "")] + list(ProjectStatus.choices))
    land = forms.RegexField(label=_("Land"), regex=r"^[0-9]{2}$", required=False)
    bezirk = forms.RegexField(label=_("Regierungsbezirk"), regex=r"^[0-9]{3}$", required=False)
    kreis = forms.RegexField(label=_("Kreis"), regex=r"^[0-9]{5}$", required=False)
    groesse = forms.ChoiceField(label=_("Größenklasse"), required=False, choices=[("", "")] + list(SizeClass.choices))
    jahr = forms.IntegerField(label=_("Startjahr"), required=False, min_value=1990, max_value=2100)
    opensource = OnlyField(label=_("nur Open Source"), required=False)
    nachnutzbar = OnlyField(label=_("nur zur Nachnutzung geeignet"), required=False)
    sortierung = forms.ChoiceField(label=_("Sortierung"), required=False, choices=list(SORTS.items()))


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


class ProjectFilter:
    FACETS = ["feld", "status", "land", "bezirk", "kreis", "groesse", "jahr", "opensource", "nachnutzbar"]

    def __init__(self, params, *, published_only: bool = False):
        """`published_only`: the querysets given are exactly the published catalogue (queries.sees_only_published);
        then a text query's evaluation is the one everybody shares, kept until a project changes."""
        self.published_only = published_only
        self.form = ProjectFilterForm(params)
        self.is_valid = self.form.is_valid()
        self.data = self.form.cleaned_data if self.is_valid else {}
        self.errors = self.form.errors

    @property
    def query(self) -> str:
        return (self.data.get("q") or "").strip()

    @property
    def sort(self) -> str:
        default = "relevanz" if self.query else "neu"
        sort = self.data.get("sortierung") or default
        return "neu" if sort == "relevanz" and not self.query else sort

    def _conditions(self, *, skip: str = "") -> Q:
        data = self.data
        condition = Q()
        if data.get("feld") and skip != "feld":
            condition &= Q(primary_domain__key=data["feld"]) | Q(domains__key=data["feld"])
        if data.get("status") and skip != "status":
            condition &= Q(status=data["status"])
        if data.get("land") and skip != "land":
            condition &= Q(land__ars=data["land"])
        if data.get("bezirk") and skip != "bezirk":
            condition &= Q(regbez__ars=data["bezirk"])
        if data.get("kreis") and skip != "kreis":
            condition &= Q(kreis__ars=data["kreis"])
        if data.get("groesse") and skip != "groesse":
            condition &= Q(size_class=data["groesse"])
        if data.get("jahr") and skip != "jahr":
            condition &= Q(start_year=data["jahr"])
        if data.get("opensource") and skip != "opensource":
            condition &= Q(open_source=OpenSource.YES)
        if data.get("nachnutzbar") and skip != "nachnutzbar":
            condition &= Q(is_reusable=True)
        return condition

    def _searched(self, queryset):
        return fulltext.search(queryset, self.query) if self.query else queryset

    def _evaluation(self, queryset, *, facets: bool = True):
        """The text query's matches evaluated once (see ranked.py), or None for the SQL path."""
        if not self.query:
            return None
        cached = getattr(self, "_cached_evaluation", None)
        if cached is not None and cached[0] is queryset:
            return cached[1]
        if self.published_only:
            evaluation = _published_evaluations.get(self.query, tuple(self._criteria().items()), self.sort, facets)
        else:
            evaluation = ranked.evaluate(queryset, self.query, self._criteria(), self.sort, facets=facets)
        self._cached_evaluation = (queryset, evaluation)
        return evaluation

    def _criteria(self) -> dict:
        """The active filters with keys and ARS resolved to database ids, for the in-memory path."""
        if getattr(self, "_cached_criteria", None) is None:
            self._cached_criteria = self._resolve_criteria()
        return self._cached_criteria

    def _resolve_criteria(self) -> dict:
        data = self.data
        places = {
            territory.ars: territory.pk
            for territory in Territory.objects.filter(
                ars__in=[data.get(k) for k in ("land", "bezirk", "kreis") if data.get(k)]
            )
        }
        domain = (
            Domain.objects.filter(key=data["feld"]).values_list("pk", flat=True).first() if data.get("feld") else None
        )
        return {
            "feld": (domain if domain is not None else -1) if data.get("feld") else None,
            "status": data.get("status"),
            "land": places.get(data.get("land"), -1) if data.get("land") else None,
            "bezirk": places.get(data.get("bezirk"), -1) if data.get("bezirk") else None,
            "kreis": places.get(data.get("kreis"), -1) if data.get("kreis") else None,
            "groesse": data.get("groesse"),
            "jahr": data.get("jahr"),
            "opensource": data.get("opensource"),
            "nachnutzbar": data.get("nachnutzbar"),
        }

    def apply(self, queryset, *, facets: bool = True):
        """Filtered and sorted; `relevance` is annotated when there is a query. Without `facets` (the API, which
        shows none) a text query's evaluation counts none."""
        evaluation = self._evaluation(queryset, facets=facets)
        if evaluation is not None:
            return ranked.RankedResults(evaluation.ordered_ids(), queryset)
        queryset = self._searched(queryset).filter(self._conditions())
        if self.data.get("feld"):
            queryset = queryset.distinct()
        if self.sort == "relevanz":
            return queryset.order_by("-relevance", "-published_at", "-id")
        if self.sort == "nachnutzung":
            adoptions = Count(
                "adoptions",
                filter=Q(adoptions__publication=Publication.PUBLISHED, adoptions__deleted_at__isnull=True),
            )
            return queryset.annotate(adoption_count=adoptions).order_by("-adoption_count", "-published_at", "-id")
        return queryset.order_by("-published_at", "-id")

    def facets(self, queryset) -> list[Facet]:
        evaluation = self._evaluation(queryset)
        counts, place_names = (
            self._memory_counter(evaluation) if evaluation is not None else (self._sql_counter(queryset), None)
        )
        data = self.data
        result = []

        domain_counts = counts("feld", "primary_domain__key")
        domains = Domain.objects.filter(key__in=domain_counts).order_by("position")
        result.append(
            Facet(
                "feld",
                str(_("Handlungsfeld")),
                [FacetValue(d.key, d.label, domain_counts[d.key], data.get("feld") == d.key) for d in domains],
            )
        )
        status_counts = counts("status", "status")
        result.append(
            Facet(
                "status",
                str(_("Status")),
                [
                    FacetValue(value, label, status_counts[value], data.get("status") == value)
                    for value, label in ProjectStatus.choices
                    if value in status_counts
                ],
            )
        )
        for name, field, label, kind in (
            ("land", "land__ars", _("Land"), TerritoryKind.LAND),
            ("bezirk", "regbez__ars", _("Regierungsbezirk"), TerritoryKind.REGBEZ),
            ("kreis", "kreis__ars", _("Kreis"), TerritoryKind.KREIS),
        ):
            if name == "bezirk" and not data.get("land"):
                continue
            if name == "kreis" and not (data.get("land") or data.get("bezirk")):
                continue
            place_counts = counts(name, field)
            names = place_names or dict(
                Territory.objects.filter(kind=kind, ars__in=place_counts).values_list("ars", "name")
            )
            values = [
                FacetValue(ars, names.get(ars, ars), count, data.get(name) == ars)
                for ars, count in place_counts.items()
            ]
            result.append(Facet(name, str(label), sorted(values, key=lambda value: value.label)))
        size_counts = counts("groesse", "size_class")
        result.append(
            Facet(
                "groesse",
                str(_("Größenklasse")),
                [
                    FacetValue(value, label, size_counts[value], data.get("groesse") == value)
                    for value, label in SizeClass.choices
                    if value in size_counts
                ],
            )
        )
        year_counts = counts("jahr", "start_year")
        result.append(
            Facet(
                "jahr",
                str(_("Startjahr")),
                [
                    FacetValue(str(year), str(year), count, data.get("jahr") == year)
                    for year, count in sorted(year_counts.items(), reverse=True)
                ],
            )
        )
        open_count = counts("opensource", "open_source").get("1", 0)
        reusable_count = counts("nachnutzbar", "is_reusable").get("1", 0)
        result.append(
            Facet(
                "opensource",
                str(_("Open Source")),
                [FacetValue("1", str(_("Open Source")), open_count, bool(data.get("opensource")))],
            )
        )
        result.append(
            Facet(
                "nachnutzbar",
                str(_("Nachnutzung")),
                [FacetValue("1", str(_("zur Nachnutzung geeignet")), reusable_count, bool(data.get("nachnutzbar")))],
            )
        )
        return [facet for facet in result if facet.values]

    def _sql_counter(self, queryset):
        base = self._searched(queryset)

        def counts(name, field):
            if name == "opensource":
                total = (
                    base.filter(self._conditions(skip=name), open_source=OpenSource.YES).values("id").distinct().count()
                )
                return {"1": total}
            if name == "nachnutzbar":
                return {"1": base.filter(self._conditions(skip=name), is_reusable=True).values("id").distinct().count()}
            fields = [field, "domains__key"] if name == "feld" else [field]
            result: dict = {}
            for group_field in fields:
                rows = (
                    base.filter(self._conditions(skip=name))
                    .values(group_field)
                    .annotate(total=Count("id", distinct=True))
                    .order_by()
                )
                for row in rows:
                    if row[group_field] not in (None, ""):
                        result[row[group_field]] = result.get(row[group_field], 0) + row["total"]
            return result

        return counts

    def _memory_counter(self, evaluation):
        places = {
            pk: (ars, name)
            for pk, ars, name in Territory.objects.filter(pk__in=evaluation.place_ids()).values_list(
                "pk", "ars", "name"
            )
        }
        key_of = dict(Domain.objects.values_list("pk", "key"))

        def counts(name, field):
            raw = evaluation.facet_counts(name)
            if name == "feld":
                return {key_of[pk]: count for pk, count in raw.items() if pk in key_of}
            if name in ("land", "bezirk", "kreis"):
                return {places[pk][0]: count for pk, count in raw.items() if pk in places}
            return dict(raw)

        return counts, dict(places.values())


def _evaluate_published(query: str, criteria: tuple, sort: str, facets: bool):
    published = Project.objects.filter(publication=Publication.PUBLISHED)
    return ranked.evaluate(published, query, dict(criteria), sort, facets=facets)


# A text query over the published catalogue, evaluated once for everybody who sees just that catalogue (the result
# ids in order and the facet counts; 15 to 40 ms of full-text matching at 100,000 projects) and kept until a project
# or its links change: paging through the results, the catalog page and the API of the same search read it.
_published_evaluations = Kept("catalog-search", _evaluate_published, depends_on=(Project,), per_language=False)
