from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.assessments import queries as assessment_queries
from smartregion.assessments.models import Answer
from smartregion.core.pagecache import for_visitors
from smartregion.core.sections import Section
from smartregion.needs import queries as need_queries
from smartregion.territories import queries as territory_queries

from . import engine, sources, weights
from .forms import FreeQueryForm
from .sections import funding_used_ids


def _results_section(matches, funding_form) -> Section:
    return Section(
        key="matches",
        title="",
        template="matching/includes/results.html",
        context={"matches": matches, "funding_form": funding_form},
    )


@for_visitors
def search(request):
    form = FreeQueryForm(request.GET or None)
    section = territory = None
    if form.is_valid():
        data = form.cleaned_data
        territory = territory_queries.find_one(data["gebiet"])
        query = engine.MatchQuery(
            text=data["text"],
            domain_ids=tuple(domain.pk for domain in data["feld"]),
            territory=territory,
            funding_used_ids=tuple(programme.pk for programme in data["genutzt"]),
            label=data["text"],
        )
        section = _results_section(engine.match(query, today=timezone.localdate()), None)
    return render(request, "matching/search.html", {"form": form, "section": section, "territory": territory})


def gap(request, assessment_pk, cell_pk):
    assessment = assessment_queries.visible_to(request.user).filter(pk=assessment_pk).first()
    if assessment is None:
        raise Http404
    answer = (
        Answer.objects.filter(assessment=assessment, cell_id=cell_pk)
        .select_related("assessment__territory", "cell__domain", "cell__dimension")
        .first()
    )
    if answer is None or answer.target_level is None:
        raise Http404
    used, funding_form = funding_used_ids(request)
    query = sources.for_gap(answer, funding_used_ids=used)
    matches = engine.match(query, today=timezone.localdate())
    need = (
        need_queries.visible_to(request.user)
        .filter(territory=assessment.territory, origin_key=answer.cell.gap_key)
        .first()
    )
    context = {
        "assessment": assessment,
        "answer": answer,
        "query": query,
        "need": need,
        "section": _results_section(matches, funding_form),
    }
    return render(request, "matching/gap.html", context)


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _percent(value: float) -> str:
    return f"{value * 100:+g} %".replace(".", ",").replace("-", "−")


def _project_rows() -> list[tuple[str, str]]:
    """The project weights as the method page shows them (labels in German through gettext)."""
    w = weights
    fields = w.PROJECT_FIELD_WEIGHTS
    return [
        (
            _("Felder: Titel / Stichworte / Kurzbeschreibung / Problem und Lösung"),
            " / ".join(_number(fields[name]) for name in ("title", "keywords", "summary", "body")),
        ),
        (_("Wort wie geschrieben"), _number(w.PROJECT_WORD)),
        (_("Synonym aus dem Vokabular (z. B. Dorfbüro → Coworking)"), _number(w.PROJECT_SYNONYM)),
        (_("zusammengesetztes Wort in seinen Teilen (Pegelsensor → Pegel … Sensor)"), _number(w.PROJECT_WORD_PARTS)),
        (
            _("ähnlich geschriebenes Wort, wenn das Wort unbekannt ist (Tippfehler), mal Ähnlichkeit"),
            _number(w.PROJECT_TYPO),
        ),
        (_("verwandte Beschreibung des Bedarfs (z. B. Pendler → Coworking)"), _number(w.PROJECT_RELATED)),
        (_("längeres Wort mit dem Begriff als Teil (Sensor → Pegelsensor)"), _number(w.PROJECT_PART_OF)),
        (_("Handlungsfeld angegeben oder erkannt: Relevanz mal (1 + Gewicht × Anteil)"), _number(w.PROJECT_DOMAIN)),
        (
            _("nur bei fast gleicher Relevanz: in Betrieb oder abgeschlossen / in Umsetzung / Idee"),
            " / ".join(_percent(w.PROJECT_STATUS[key]) for key in ("betrieb", "umsetzung", "idee")),
        ),
        (
            _("nur bei fast gleicher Relevanz: selber Kreis / bis 60 km / selber Regierungsbezirk / selbes Land"),
            " / ".join(
                _percent(v)
                for v in (w.PROJECT_SAME_KREIS, w.PROJECT_NEARBY, w.PROJECT_SAME_REGBEZ, w.PROJECT_SAME_LAND)
            ),
        ),
        (
            _("nur bei fast gleicher Relevanz: gleiche Größenklasse / gleicher Verstädterungsgrad / je Nachnutzung"),
            " / ".join(_percent(v) for v in (w.PROJECT_SAME_SIZE, w.PROJECT_SAME_URBANISATION, w.PROJECT_REUSE_EACH)),
        ),
        (_("angezeigt ab diesem Anteil der Relevanz des besten Treffers"), f"{w.PROJECT_MIN_SHARE * 100:g} %"),
        (
            _("sind es weniger als %(n)s Treffer, füllen Vorhaben im selben Handlungsfeld auf, ab diesem Anteil")
            % {"n": w.PROJECT_FILL_TO},
            f"{w.PROJECT_FILL_SHARE * 100:g} %",
        ),
    ]


def method(request):
    return render(request, "matching/method.html", {"weights": weights, "project_rows": _project_rows()})
