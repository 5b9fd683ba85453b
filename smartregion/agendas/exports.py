"""The agenda for the council (PDF), for editing (DOCX, see docx.py), as data (JSON), and the
monitoring report (PDF). All exports are built from the same document as the page (document.py)."""

import json

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartregion.core.downloads import pdf_bytes

from . import charts
from .document import IST_GAPS_SHOWN


def file_stem(doc) -> str:
    agenda = doc.agenda
    return (
        f"digitalisierungskonzept-{slugify(agenda.territory.short_name or agenda.territory.name)}-{agenda.start_year}"
    )


def _pdf(template: str, doc, request) -> bytes:
    note = _("Smart Region Hub · Stand %(date)s") % {"date": date_format(doc.today, "SHORT_DATE_FORMAT")}
    context = {"doc": doc, "pdf": True, "generated_note": note, "gantt": charts.pdf_geometry()}
    if request is None:  # built by a worker (smartregion.jobs): no context processors
        context["LANGUAGE_CODE"] = get_language()
    html = render_to_string(template, context, request=request)
    return pdf_bytes(html)


def agenda_pdf(doc, *, request) -> bytes:
    return _pdf("agendas/pdf/agenda.html", doc, request)


def monitoring_pdf(doc, *, request) -> bytes:
    return _pdf("agendas/pdf/monitoring.html", doc, request)


def _number(value):
    return float(value) if value is not None else None


def _amounts(sums) -> dict:
    return {**{source: _number(amount) for source, amount in sums.amounts.items()}, "total": _number(sums.total)}


def _date(value):
    return value.isoformat() if value else None


def agenda_data(doc, *, base_url: str) -> dict:
    """The whole agenda as plain data (the JSON export; stable keys in English)."""
    agenda = doc.agenda
    ist = doc.ist
    summary = doc.participation
    return {
        "id": agenda.pk,
        "url": base_url.rstrip("/") + agenda.get_absolute_url(),
        "title": agenda.title,
        "territory": {"name": agenda.territory.name, "ars": agenda.territory.ars, "code": agenda.territory.code},
        "members": [{"name": t.name, "ars": t.ars} for t in doc.members[1:]],
        "status": agenda.status,
        "start_year": agenda.start_year,
        "schedule_years": agenda.schedule_years,
        "target_year": agenda.target_year,
        "decision": {"date": _date(agenda.decision_date), "reference": agenda.decision_reference}
        if agenda.decision_date
        else None,
        "is_example": agenda.is_example,
        "situation": {
            "concepts": [
                {
                    "kind": concept.kind,
                    "title": concept.title,
                    "year": concept.year,
                    "summary": concept.summary,
                    "url": concept.url or None,
                }
                for concept in doc.concepts
            ],
            "assessment": {
                "cycle": ist.assessment.cycle,
                "overall_index": _number(ist.overall.own),
                "domains": [{"label": row.label, "index": _number(row.own)} for row in ist.domains],
                "gaps": [
                    {
                        "domain": gap.answer.cell.domain.key,
                        "dimension": gap.answer.cell.dimension.key,
                        "current": gap.current,
                        "target": gap.target,
                    }
                    for gap in ist.gaps[:IST_GAPS_SHOWN]
                ],
            }
            if ist
            else None,
            "challenges": agenda.challenges,
        },
        "actors": [
            {
                "name": actor.display_name,
                "organisation": actor.display_organisation,
                "sector": actor.sector,
                "role": actor.role,
                "directory_id": actor.actor_id,
            }
            for _sector, actors in doc.actors_by_sector
            for actor in actors
        ],
        "vision": agenda.vision,
        "goals": [
            {
                "number": view.goal.position,
                "title": view.goal.title,
                "description": view.goal.description,
                "target_year": view.goal.target_year,
                "targets": [
                    {
                        "domain": target.target.cell.domain.key,
                        "dimension": target.target.cell.dimension.key,
                        "baseline_level": target.target.baseline_level,
                        "baseline_cycle": target.target.baseline_cycle,
                        "current_level": target.current_level,
                        "target_level": target.target.target_level,
                    }
                    for target in view.targets
                ],
            }
            for view in doc.goals
        ],
        "measures": [_measure_data(view) for view in doc.measures],
        "budget": {
            "years": doc.budget.columns,
            "rows": [
                {
                    "source": row.source,
                    "funding": row.label,
                    "amounts": [_number(a) for a in row.amounts],
                    "total": _number(row.total),
                }
                for row in doc.budget.rows
            ],
            "total": _number(doc.budget.total),
        },
        "resolution": {"text": doc.resolution.text, "generated": doc.resolution.generated},
        "participation": {
            "starts_on": _date(summary.consultation.starts_on),
            "ends_on": _date(summary.consultation.ends_on),
            "planned_ends_on": _date(summary.consultation.planned_ends_on),
            "participants": summary.participants,
            "comments": summary.comments,
            "ideas": summary.ideas,
            "supports": summary.supports,
            "hidden": summary.hidden,
            "top_ideas": [
                {
                    "title": idea.title,
                    "supports": idea.support_count,
                    "handling": idea.handling,
                    "note": idea.handling_note,
                }
                for idea in summary.top_ideas
            ],
            "conclusion": summary.consultation.conclusion,
        }
        if summary
        else None,
    }


def _measure_data(view) -> dict:
    measure = view.measure
    return {
        "number": measure.position,
        "code": measure.code,
        "title": measure.title,
        "description": measure.description,
        "goals": [goal.position for goal in measure.goal_list],
        "domains": [domain.key for domain in measure.domain_list],
        "responsible_actor": measure.responsible_actor.display_name if measure.responsible_actor else None,
        "responsible_territory": measure.responsible_territory.name if measure.responsible_territory else None,
        "partners": measure.partners,
        "starts_on": _date(measure.starts_on),
        "ends_on": _date(measure.ends_on),
        "depends_on": [other.code for other in measure.dependency_list],
        "budget": {str(year): _number(amount) for year, amount in sorted(view.budgets.items())},
        "financing": {
            "by_year": {str(row.year): _amounts(row.sums) for row in view.financing.rows},
            "totals": _amounts(view.sums),
        },
        "funding_warnings": view.warnings,
        "funding_programme": measure.funding_programme.code if measure.funding_programme else None,
        "funding": view.funding_label,
        "adopted_from": measure.adopted_from_id,
        "milestones": [
            {"title": m.title, "due_on": _date(m.due_on), "met_on": _date(m.met_on)} for m in measure.milestone_list
        ],
        "kpis": [
            {
                "name": kpi.name,
                "unit": kpi.unit,
                "baseline": _number(kpi.baseline),
                "target": _number(kpi.target),
                "latest": _number(latest),
            }
            for kpi, latest in view.latest_kpis
        ],
        "status": measure.status,
        "progress": measure.progress,
        "light": view.signal.light,
    }


def agenda_json(doc, *, base_url: str) -> HttpResponse:
    text = json.dumps(agenda_data(doc, base_url=base_url), ensure_ascii=False, indent=2)
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(doc)}.json"'
    return response
