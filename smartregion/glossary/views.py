from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smartregion.core.downloads import csv_response, csv_table, json_download
from smartregion.core.editing import edit_page

from . import services
from .filters import TermFilter
from .forms import TermForm
from .models import Term


def term_list(request):
    term_filter = TermFilter(request.GET or None, queryset=Term.objects.all())
    form = term_filter.form
    terms = sorted(term_filter.results, key=lambda t: t.term.lower())
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.term[:1].upper())]
    context = {
        "form": form,
        "letters": letters,
        "count": len(terms),
        "can_add": request.user.has_perm("glossary.add_term"),
    }
    return render(request, "glossary/list.html", context)


def _term(slug) -> Term:
    term = Term.objects.filter(slug=slug).first()
    if term is None:
        raise Http404
    return term


def detail(request, slug):
    term = _term(slug)
    return render(
        request, "glossary/detail.html", {"term": term, "can_edit": request.user.has_perm("glossary.change_term", term)}
    )


@login_required
def create(request):
    if not request.user.has_perm("glossary.add_term"):
        raise PermissionDenied
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        term = services.create_term(by=request.user, slug=form.cleaned_data["slug"], **form.values())
        messages.success(request, _("Begriff angelegt."))
        return redirect(term)
    return render(request, "glossary/form.html", {"form": form, "term": None})


@login_required
def edit(request, slug):
    term = _term(slug)
    if not request.user.has_perm("glossary.change_term", term):
        raise PermissionDenied

    return edit_page(
        request, term, form_class=TermForm, update=services.update_term, template="glossary/form.html", name="term"
    )


def export(request, fmt):
    """All terms as open data (CSV for German Excel, or JSON)."""
    records = [
        {
            "slug": term.slug,
            "begriff_de": term.term_de,
            "begriff_en": term.term_en,
            "erklaerung_de": term.definition_de,
            "erklaerung_en": term.definition_en,
            "schreibweisen": term.aliases,
            "quelle": term.source_url,
        }
        for term in Term.objects.order_by("term_de")
    ]
    if fmt == "json":
        return json_download(records, "glossar.json")
    if fmt != "csv":
        raise Http404
    header = list(records[0]) if records else ["slug"]
    return csv_response(csv_table(header, (record.values() for record in records)), "glossar.csv")
