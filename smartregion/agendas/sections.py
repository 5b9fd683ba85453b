from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.sections import Section
from smartregion.matching import engine
from smartregion.matching.query import MatchQuery
from smartregion.toolkit import queries as toolkit_queries

from . import queries


def territory_agendas(request, territory) -> Section | None:
    agendas = list(queries.of_territory(territory, request.user)[:5])
    can_add = request.user.has_perm("agendas.add_agenda", territory)
    return Section(
        key="agenda",
        title=_("Digitalagenda"),
        template="agendas/includes/territory_section.html",
        context={"agendas": agendas, "territory": territory, "can_add": can_add},
    )


def network_monitoring_link(request, network) -> Section | None:
    if not request.user.has_perm("agendas.view_network_monitoring", network):
        return None
    return Section(
        key="agenda-monitoring",
        title=_("Umsetzung der Digitalagenden"),
        template="agendas/includes/network_section.html",
        context={"network": network},
    )


def measure_matches(request, measure) -> Section:
    """Proven projects, experts and eligible programmes for a measure; its own funding counts as used."""
    query = MatchQuery(
        text=f"{measure.title} {measure.description}",
        domain_ids=tuple(domain.pk for domain in measure.domain_list),
        territory=measure.responsible_territory or measure.agenda.territory,
        funding_used_ids=(measure.funding_programme_id,) if measure.funding_programme_id else (),
        label=measure.title,
    )
    return Section(
        key="matches",
        title=_("Passende Projekte, Fachleute und Förderprogramme"),
        template="matching/includes/results.html",
        context={"matches": engine.match(query, today=timezone.localdate())},
    )


def measure_toolkit(request, measure) -> Section | None:
    """The Empfehlungen a measure follows and the guides for carrying it out (Werkzeugkasten)."""
    recommendations = list(measure.recommendations.only("slug", "title", "position"))
    guides = toolkit_queries.guides_for_measure({domain.pk for domain in measure.domain_list})
    if not recommendations and not guides:
        return None
    return Section(
        key="werkzeugkasten",
        title=_("Aus dem Werkzeugkasten"),
        template="agendas/includes/measure_toolkit.html",
        context={"recommendations": recommendations, "guides": guides},
    )
