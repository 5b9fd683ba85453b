"""Pages that bring several apps together: the start page, the data-sources page and the site search."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartregion.accounts.rules import has_no_role
from smartregion.actors.queries import filtered as actors
from smartregion.actors.queries import list_queryset as actor_list
from smartregion.core.pagecache import for_visitors
from smartregion.funding.queries import filtered as programmes
from smartregion.glossary.queries import filtered as glossary_terms
from smartregion.network.queries import network_overview
from smartregion.offerings.queries import filtered as offerings
from smartregion.opendata.queries import search as search_datasets
from smartregion.projects.filters import ProjectFilter
from smartregion.projects.queries import catalog_queryset
from smartregion.territories.queries import latest_register_import, register_summary
from smartregion.toolkit.queries import guide_list, recommendation_list


class SiteSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Suchbegriff"), max_length=200)


@for_visitors
def home(request):
    context = {
        "summary": register_summary(),
        "networks": network_overview()[:4],
        "access_help": has_no_role(request.user),  # signed in without any role: how to get rights (ADR 0021)
    }
    return render(request, "home.html", context)


def data_sources(request):
    return render(request, "data_sources.html", {"register_import": latest_register_import()})


@dataclass
class Hit:
    title: str
    url: str
    text: str = ""


@dataclass
class Group:
    key: str
    title: str
    count: int
    hits: list
    more_url: str
    exports: list = field(default_factory=list)


SEARCH_HITS = 5


def _group(key, title, queryset_or_list, hit, more_url, exports=()) -> Group:
    page = Paginator(queryset_or_list, SEARCH_HITS).get_page(1)
    return Group(key, title, page.paginator.count, [hit(item) for item in page.object_list], more_url, list(exports))


def search(request):
    """One search box over the catalog and the Werkzeugkasten: results grouped by kind, each linking on."""
    form = SiteSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    groups = []
    if query:
        encoded = urlencode({"q": query})
        groups = [
            _group(
                "projekte",
                _("Projekte"),
                ProjectFilter({"q": query, "sortierung": "relevanz"}).apply(catalog_queryset(request.user)),
                lambda p: Hit(p.title, p.get_absolute_url(), p.summary),
                f"{reverse('projects:catalog')}?{encoded}",
                [
                    ("CSV", f"{reverse('projects:export', args=['csv'])}?{encoded}"),
                    ("JSON", f"{reverse('projects:export', args=['json'])}?{encoded}"),
                ],
            ),
            _group(
                "leitfaeden",
                _("Leitfäden und Vorlagen"),
                guide_list(request.user, q=query),
                lambda g: Hit(g.title, g.get_absolute_url(), g.summary),
                f"{reverse('toolkit:index')}?{encoded}",
                [
                    ("CSV", reverse("toolkit:export", args=["leitfaeden", "csv"])),
                    ("JSON", reverse("toolkit:export", args=["leitfaeden", "json"])),
                ],
            ),
            _group(
                "empfehlungen",
                _("Empfehlungen"),
                recommendation_list(q=query),
                lambda r: Hit(r.title, r.get_absolute_url(), r.why),
                reverse("toolkit:recommendations"),
                [("CSV", reverse("toolkit:export", args=["empfehlungen", "csv"]))],
            ),
            _group(
                "daten",
                _("Offene Datenbestände"),
                search_datasets(query).order_by("title", "pk"),
                lambda d: Hit(d.title, d.get_absolute_url(), d.description),
                f"{reverse('opendata:inventory')}?{encoded}",
                [("Turtle", "/catalog.ttl")],
            ),
            _group(
                "glossar",
                _("Begriffe im Glossar"),
                glossary_terms(query).order_by("term_de"),
                lambda t: Hit(t.term, t.get_absolute_url(), t.definition),
                f"{reverse('glossary:list')}?{encoded}",
                [
                    ("CSV", reverse("glossary:export", args=["csv"])),
                    ("JSON", reverse("glossary:export", args=["json"])),
                ],
            ),
            _group(
                "foerderung",
                _("Förderprogramme"),
                programmes({"q": query}),
                lambda p: Hit(p.name, p.get_absolute_url(), p.description),
                f"{reverse('funding:list')}?{encoded}",
            ),
            _group(
                "angebote",
                _("Angebote für Kommunen"),
                offerings({"q": query}),
                lambda o: Hit(o.name, o.get_absolute_url(), o.summary),
                f"{reverse('offerings:list')}?{encoded}",
                [
                    ("CSV", f"{reverse('offerings:export', args=['csv'])}?{encoded}"),
                    ("JSON", f"{reverse('offerings:export', args=['json'])}?{encoded}"),
                ],
            ),
            _group(
                "experten",
                _("Expertinnen, Experten und Organisationen"),
                actors({"q": query}, actor_list()),
                lambda a: Hit(a.name, a.get_absolute_url(), a.organisation),
                f"{reverse('actors:directory')}?{encoded}",
            ),
        ]
    context = {"form": form, "query": query, "groups": groups, "total": sum(group.count for group in groups)}
    return render(request, "search.html", context)
