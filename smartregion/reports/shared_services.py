"""Candidates for a central or shared service (issue 22): where several territories of a network build or plan
the same kind of solution — look-alike projects and measures of their Digitalisierungskonzepte — the
coordinators see the group, who is in it and the money they plan for it.

What is compared: the projects of the network's territories (network_scope) that are published, running or
planned, or led by a member (the coordinators see members' drafts), without the entries of the shipped
programme lists (their text is the programme's: alike by construction); and the measures (not stopped) of the
territories' agendas that the coordinators see (past the draft, or a member's own).

Two entries are alike when they come from different territories, share a Handlungsfeld and their stemmed
significant words overlap, leaving out the words common to many of the compared entries (COMMON_SHARE): a
Jaccard similarity of at least MIN_JACCARD, or, for a short measure text beside a long project description, at
least MIN_SHARED words making MIN_OVERLAP of the shorter one. A re-use joins too (a measure adopted from a
project, a project's Nachnutzung). Groups are the connected entries; a group is a candidate when it spans at
least two territories. The money is the sum of the measures' budget lines (all
years and sources); a territory without budget lines has "keine Angabe", not zero.

Reads: a fixed number of queries (projects with keywords and Handlungsfelder, measures with theirs, the
budget sums, the Handlungsfelder), whatever the size of the network. Pairs are compared within a Handlungsfeld.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from smartregion.agendas.enums import AgendaStatus, MeasureStatus
from smartregion.agendas.financing import euro
from smartregion.agendas.models import Measure, MeasureBudget
from smartregion.core import text as german
from smartregion.projects.enums import ProjectStatus, Publication
from smartregion.projects.models import Project
from smartregion.projects.queries import programme_list_entries
from smartregion.taxonomy.models import Domain

MIN_JACCARD = 0.25
MIN_SHARED = 3
MIN_OVERLAP = 0.5
TERMS_PER_ENTRY = 40
# A word on more than this share of the compared entries (and on more than COMMON_MIN of them) is no signal:
# "Stadt", "digital", "Plattform" would join unrelated entries.
COMMON_SHARE = 0.1
COMMON_MIN = 5
SHARED_TERMS = 6
LABEL_WORDS = 4
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Entry:
    """A project or a measure in a candidate."""

    kind: str  # "project" or "measure"
    pk: int
    title: str
    url: str
    territory_key: object  # the territory's id (or its name when a project names no territory)
    territory_name: str
    status_label: str
    domain_ids: tuple
    terms: frozenset
    written: dict  # stem → the word as written
    money: Decimal | None = None  # a measure's budget lines, None without any
    adopted_from_id: int | None = None

    @property
    def is_measure(self) -> bool:
        return self.kind == "measure"

    @property
    def lead_name(self) -> str:  # as a project (the white paper's templates name the project's lead)
        return self.territory_name

    def get_status_display(self) -> str:
        return self.status_label


def money_label(value: Decimal | None) -> str:
    return euro(value) if value is not None else _("keine Angabe")


@dataclass
class Participant:
    """One territory in a candidate: its projects and measures and the money its measures plan."""

    name: str
    projects: list = field(default_factory=list)
    measures: list = field(default_factory=list)

    @property
    def money(self) -> Decimal | None:
        amounts = [entry.money for entry in self.measures if entry.money is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def money_label(self) -> str:
        return money_label(self.money)


@dataclass
class Candidate:
    label: str
    domain: str  # the Handlungsfeld they share
    shared_terms: list
    participants: list  # Participant, by name

    @property
    def territories(self) -> list[str]:
        return [participant.name for participant in self.participants]

    @property
    def projects(self) -> list:
        return [entry for participant in self.participants for entry in participant.projects]

    @property
    def measures(self) -> list:
        return [entry for participant in self.participants for entry in participant.measures]

    @property
    def total(self) -> Decimal | None:
        amounts = [participant.money for participant in self.participants if participant.money is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def total_label(self) -> str:
        return money_label(self.total)


def terms_of(*texts) -> tuple[frozenset, dict]:
    """The stemmed significant words of the texts, and each stem's first word as written (for the labels)."""
    text = " ".join(texts)
    stems = frozenset(german.stem_terms(german.significant_terms(text, limit=TERMS_PER_ENTRY)))
    written: dict[str, str] = {}
    for word in _WORD.findall(text):
        stem = german.stem_word(word.lower())
        if stem in stems:
            written.setdefault(stem, word)
    return stems, written


def _name(territory) -> str:
    return territory.short_name or territory.name


def _project_entries(scope) -> list[Entry]:
    projects = (
        Project.objects.filter(scope.covers("lead_territory_id", "kreis_id"))
        .filter(Q(publication=Publication.PUBLISHED) | Q(lead_territory_id__in=sorted(scope.member_ids)))
        .exclude(status=ProjectStatus.DISCONTINUED)
        .exclude(programme_list_entries())
        .select_related("lead_territory")
        .only(
            "pk",
            "title",
            "summary",
            "status",
            "lead_label",
            "lead_territory__name",
            "lead_territory__short_name",
            "primary_domain_id",
            "adopted_from_id",
        )
        .prefetch_related("keywords", "domains")
        .order_by("pk")
    )
    entries = []
    for project in projects:
        domains = {project.primary_domain_id} | {domain.pk for domain in project.domains.all()}
        keywords = " ".join(keyword.label for keyword in project.keywords.all())
        terms, written = terms_of(project.title, project.summary, keywords)
        entries.append(
            Entry(
                kind="project",
                pk=project.pk,
                title=project.title,
                url=project.get_absolute_url(),
                territory_key=project.lead_territory_id or project.lead_label,
                territory_name=_name(project.lead_territory) if project.lead_territory_id else project.lead_label,
                status_label=project.get_status_display(),
                domain_ids=tuple(sorted(domain for domain in domains if domain)),
                terms=terms,
                written=written,
                adopted_from_id=project.adopted_from_id,
            )
        )
    return entries


def _measure_entries(scope) -> list[Entry]:
    measures = list(
        Measure.objects.filter(scope.covers("agenda__territory_id", "agenda__territory__kreis_id"))
        .filter(agenda__deleted_at__isnull=True)
        .filter(~Q(agenda__status=AgendaStatus.DRAFT) | Q(agenda__territory_id__in=sorted(scope.member_ids)))
        .exclude(status=MeasureStatus.STOPPED)
        .select_related("agenda__territory")
        .only(
            "pk",
            "title",
            "description",
            "status",
            "adopted_from_id",
            "agenda__territory__name",
            "agenda__territory__short_name",
        )
        .prefetch_related("domains")
        .order_by("pk")
    )
    money = dict(
        MeasureBudget.objects.filter(measure_id__in=[measure.pk for measure in measures])
        .values_list("measure_id")
        .annotate(total=Sum("amount_eur"))
        .order_by()
    )
    entries = []
    for measure in measures:
        terms, written = terms_of(measure.title, measure.description)
        entries.append(
            Entry(
                kind="measure",
                pk=measure.pk,
                title=measure.title,
                url=measure.get_absolute_url(),
                territory_key=measure.agenda.territory_id,
                territory_name=_name(measure.agenda.territory),
                status_label=measure.get_status_display(),
                domain_ids=tuple(sorted(domain.pk for domain in measure.domains.all())),
                terms=terms,
                written=written,
                money=money.get(measure.pk),
                adopted_from_id=measure.adopted_from_id,
            )
        )
    return entries


def alike_terms(first: frozenset, second: frozenset) -> bool:
    """Two texts about the same thing by their stemmed words."""
    if not first or not second:
        return False
    shared = len(first & second)
    if not shared:
        return False
    if shared / len(first | second) >= MIN_JACCARD:
        return True
    return shared >= MIN_SHARED and shared / min(len(first), len(second)) >= MIN_OVERLAP


def alike_pairs(terms: list, domains: list, owners: list):
    """(i, j), i < j, of the items that are alike (alike_terms on their words without the common ones), share a
    Handlungsfeld and have different owners. Only items sharing a Handlungsfeld and a word are compared (an index
    per Handlungsfeld and word), so hundreds of members' items do not make every pair a comparison."""
    frequency = Counter(term for item in terms for term in item)
    common = {term for term, count in frequency.items() if count > max(COMMON_MIN, COMMON_SHARE * len(terms))}
    distinctive = [item - common for item in terms]
    postings: dict[tuple, list[int]] = {}
    for index, words in enumerate(distinctive):
        for domain_id in domains[index]:
            for word in words:
                postings.setdefault((domain_id, word), []).append(index)
    for first, words in enumerate(distinctive):
        seen: set[int] = set()
        for domain_id in domains[first]:
            for word in words:
                for second in postings[(domain_id, word)]:
                    if second <= first or second in seen:
                        continue
                    seen.add(second)
                    if owners[first] != owners[second] and alike_terms(words, distinctive[second]):
                        yield first, second


def _groups(entries: list[Entry]) -> list[list[Entry]]:
    """Connected entries (union-find) of at least two territories."""
    parent = list(range(len(entries)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(first: int, second: int) -> None:
        parent[root(first)] = root(second)

    for first, second in alike_pairs(
        [entry.terms for entry in entries],
        [entry.domain_ids for entry in entries],
        [entry.territory_key for entry in entries],
    ):
        join(first, second)
    # Re-use links the copy with its original, and two copies of the same original.
    projects = {entry.pk: index for index, entry in enumerate(entries) if entry.kind == "project"}
    for index, entry in enumerate(entries):
        if entry.adopted_from_id in projects:
            join(index, projects[entry.adopted_from_id])
    grouped: dict[int, list[Entry]] = {}
    for index, entry in enumerate(entries):
        grouped.setdefault(root(index), []).append(entry)
    return [group for group in grouped.values() if len({entry.territory_key for entry in group}) >= 2]


def _label(group: list[Entry], shared: list[str]) -> str:
    """The shared words as they are written in the group's shortest title ("Urbane Datenplattform")."""
    wanted = set(shared)
    for entry in sorted(group, key=lambda entry: (len(entry.title), entry.title)):
        words = [word for word in _WORD.findall(entry.title) if german.stem_word(word.lower()) in wanted]
        if words:
            return " ".join(dict.fromkeys(words[:LABEL_WORDS]))
    return ""


def _written(group: list[Entry], stem: str) -> str:
    for entry in group:
        if stem in entry.written:
            return entry.written[stem]
    return stem


def _candidate(group: list[Entry], domain_labels: dict) -> Candidate:
    counts = Counter(term for entry in group for term in entry.terms)
    shared = [term for term, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if count >= 2]
    domains = Counter(domain_id for entry in group for domain_id in entry.domain_ids)
    domain = domain_labels.get(min(domains, key=lambda domain_id: (-domains[domain_id], domain_id)), "")
    participants: dict[object, Participant] = {}
    for entry in sorted(group, key=lambda entry: (entry.territory_name, entry.kind, entry.title)):
        participant = participants.setdefault(entry.territory_key, Participant(entry.territory_name))
        (participant.measures if entry.is_measure else participant.projects).append(entry)
    return Candidate(
        label=_label(group, shared) or domain,
        domain=domain,
        shared_terms=[_written(group, stem) for stem in shared[:SHARED_TERMS]],
        participants=sorted(participants.values(), key=lambda participant: participant.name),
    )


def candidates(scope) -> list[Candidate]:
    """The network's shared-service candidates: most territories first, then most money, then by label."""
    entries = _project_entries(scope) + _measure_entries(scope)
    domain_labels = {domain.pk: domain.label for domain in Domain.objects.all()}
    found = [_candidate(group, domain_labels) for group in _groups(entries)]
    found.sort(key=lambda item: (-len(item.participants), -(item.total or 0), item.label))
    return found
