"""Pages that bring several apps together: the start page and the data-sources page."""

from django.shortcuts import render

from smartregion.network.queries import network_overview
from smartregion.territories.queries import latest_register_import, register_summary


def home(request):
    return render(request, "home.html", {"summary": register_summary(), "networks": network_overview()[:4]})


def data_sources(request):
    return render(request, "data_sources.html", {"register_import": latest_register_import()})
