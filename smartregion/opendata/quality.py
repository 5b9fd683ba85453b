"""Metadata quality of the data inventory, in the spirit of GovData's quality checks.

Each check names a property DCAT-AP.de 3.0 recommends (or GovData's checks ask for) that the holding's record
lacks, with the form field that fixes it. A holding's score is the share of checks it passes (0–100); a
territory's and a network member's score is the mean of their holdings' scores. The checks read only the
holding and its distributions (prefetched): one query per list.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .enums import Frequency, Licence
from .models import Dataset

# Licences that ask users to name the source (dcatde:licenseAttributionByText).
ATTRIBUTION_LICENCES = frozenset({Licence.DL_BY, Licence.CC_BY, Licence.CC_BY_SA})
MIN_DESCRIPTION = 80  # characters: a sentence on content, origin and coverage


@dataclass(frozen=True)
class Check:
    key: str
    label: str  # what is missing, in words
    property: str  # the DCAT property it fills
    field: str  # the form field that fixes it (anchor on the edit page)
    passes: Callable


def _distributions(dataset) -> list:
    return list(dataset.distributions.all())


CHECKS = (
    Check("contact", _("Kontakt-E-Mail"), "dcat:contactPoint (vcard:hasEmail)", "contact_email",
          lambda d: bool(d.contact_email)),
    Check("distribution", _("Distribution (Adresse der Daten)"), "dcat:distribution", "url_0",
          lambda d: bool(_distributions(d))),
    Check("keywords", _("Schlagworte"), "dcat:keyword", "keywords", lambda d: bool(d.keyword_list)),
    Check("frequency", _("Aktualisierungsrhythmus"), "dct:accrualPeriodicity", "frequency",
          lambda d: d.frequency != Frequency.UNKNOWN),
    Check("temporal", _("Zeitlicher Bezug"), "dct:temporal", "temporal_start",
          lambda d: bool(d.temporal_start or d.temporal_end)),
    Check("domain", _("Handlungsfeld"), "dcat:theme", "domain", lambda d: d.domain_id is not None),
    Check("open_licence", _("Offene Lizenz"), "dct:license", "licence", lambda d: d.licence != Licence.CLOSED),
    Check("attribution", _("Namensnennung (von der Lizenz verlangt)"), "dcatde:licenseAttributionByText",
          "attribution", lambda d: d.licence not in ATTRIBUTION_LICENCES or bool(d.attribution)),
    Check("standards", _("Standards"), "dct:conformsTo", "standards", lambda d: bool(d.standard_list)),
    Check("description", _("Ausführliche Beschreibung"), "dct:description", "description",
          lambda d: len(d.description.strip()) >= MIN_DESCRIPTION),
)  # fmt: skip


@dataclass
class Rating:
    dataset: Dataset
    missing: list[Check] = field(default_factory=list)

    @property
    def score(self) -> int:
        return round(100 * (len(CHECKS) - len(self.missing)) / len(CHECKS))


def rate(dataset: Dataset) -> Rating:
    return Rating(dataset, [check for check in CHECKS if not check.passes(dataset)])


def _mean(ratings) -> int | None:
    return round(sum(rating.score for rating in ratings) / len(ratings)) if ratings else None


@dataclass
class Summary:
    ratings: list[Rating]
    score: int | None  # None: no holdings
    # check → number of holdings missing it, the most frequent first (what to fix first)
    gaps: list[tuple[Check, int]]


def summarise(ratings: list[Rating]) -> Summary:
    counts = {check.key: 0 for check in CHECKS}
    for rating in ratings:
        for check in rating.missing:
            counts[check.key] += 1
    gaps = sorted(((check, counts[check.key]) for check in CHECKS if counts[check.key]), key=lambda pair: -pair[1])
    return Summary(ratings, _mean(ratings), gaps)


def of_territory(territory) -> Summary:
    """Every holding of the territory (open, restricted and internal: all are its editors' metadata)."""
    datasets = Dataset.objects.filter(territory=territory).prefetch_related("distributions").order_by("title", "pk")
    ratings = sorted((rate(dataset) for dataset in datasets), key=lambda rating: (rating.score, rating.dataset.title))
    return summarise(ratings)


@dataclass
class MemberScore:
    territory: object
    summary: Summary


def of_network(network) -> tuple[Summary, list[MemberScore]]:
    """The network's score and one per member (every holding of the members)."""
    members = list(network.territories.order_by("name"))
    datasets = (
        Dataset.objects.filter(territory__in=members)
        .select_related("territory")
        .prefetch_related("distributions")
        .order_by("title", "pk")
    )
    by_member: dict = {member.pk: [] for member in members}
    ratings = []
    for dataset in datasets:
        rating = rate(dataset)
        by_member[dataset.territory_id].append(rating)
        ratings.append(rating)
    scores = [MemberScore(member, summarise(by_member[member.pk])) for member in members]
    return summarise(ratings), scores
