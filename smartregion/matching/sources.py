"""What a match query is built from: a need or an assessment gap (free queries are built in the views)."""

from django.utils.translation import gettext as _

from smartregion.assessments.models import Answer

from .engine import MatchQuery


def for_need(need, *, funding_used_ids=()) -> MatchQuery:
    return MatchQuery(
        text=f"{need.title} {need.description}",
        domain_ids=tuple(domain.pk for domain in need.domains.all()),
        territory=need.territory,
        funding_used_ids=tuple(funding_used_ids),
        label=need.title,
    )


def for_gap(answer: Answer, *, funding_used_ids=()) -> MatchQuery:
    cell = answer.cell
    return MatchQuery(
        text=cell.gap_text_de(answer.target_level or 0),
        domain_ids=(cell.domain_id,),
        territory=answer.assessment.territory,
        funding_used_ids=tuple(funding_used_ids),
        label=_("%(field)s – %(dimension)s: Stufe %(current)s → %(target)s")
        % {
            "field": cell.domain.label,
            "dimension": cell.dimension.label,
            "current": answer.current_level,
            "target": answer.target_level,
        },
    )
