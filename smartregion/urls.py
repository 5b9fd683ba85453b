from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from smartregion import home
from smartregion.accounts.views import ProviderCallbackView
from smartregion.core.views import healthz
from smartregion.opendata import views as opendata_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("smartregion.api.urls")),
    path("catalog-full.ttl", opendata_views.catalog_file, name="dcat_catalog_file"),
    path("catalog.<str:fmt>", opendata_views.catalog, name="dcat_catalog"),
    # The identity providers' way back (ADR 0027): one address per provider for every language, as registered
    # there; the single provider of OIDC_ISSUER … keeps the address it had before there were several.
    path("oidc/callback/", ProviderCallbackView.as_view(), name="oidc_callback"),
    path("oidc/callback/<slug:key>/", ProviderCallbackView.as_view(), name="oidc_callback_at"),
]
urlpatterns += i18n_patterns(
    path("", home.home, name="home"),
    path("datenquellen/", home.data_sources, name="data_sources"),
    path("", include("smartregion.core.urls")),
    path("konto/", include("smartregion.accounts.urls")),
    path("konto/", include("smartregion.territories.access_urls")),  # requests for access, API keys
    path("konto/", include("smartregion.network.invitation_urls")),  # invitations
    path("konto/benachrichtigungen/", include("smartregion.notifications.urls")),
    path("gebiete/", include("smartregion.territories.urls")),
    path("projekte/", include("smartregion.projects.urls")),
    path("netzwerke/<slug:slug>/foerderluecken/", include("smartregion.matching.gap_urls")),
    path("netzwerke/<slug:slug>/weissbuch/", include("smartregion.reports.urls")),
    path("netzwerke/", include("smartregion.events.urls")),  # events, follow-ups, partnerships
    path("netzwerke/", include("smartregion.projects.network_urls")),  # similar projects of the members
    path("netzwerke/", include("smartregion.network.urls")),
    path("selbsteinschaetzung/", include("smartregion.assessments.urls")),
    path("foerderung/", include("smartregion.funding.urls")),
    path("angebote/", include("smartregion.offerings.urls")),
    path("experten/", include("smartregion.actors.urls")),
    path("bedarfe/", include("smartregion.needs.urls")),
    path("passend/", include("smartregion.matching.urls")),
    path("glossar/", include("smartregion.glossary.urls")),
    path("digitalagenda/", include("smartregion.agendas.urls")),
    path("werkzeugkasten/", include("smartregion.toolkit.urls")),
    path("daten/", include("smartregion.opendata.urls")),
    path("auftraege/", include("smartregion.jobs.urls")),
    path("suche/", home.search, name="search"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# Uploads under MEDIA_ROOT are never served by path (not even with DEBUG): every stored file goes through its
# owner's view and permission rule (core.downloads.file_response; tests/test_file_access.py walks them all).

admin.site.site_header = admin.site.site_title = "Smart Region Hub – Betrieb"
admin.site.index_title = "Verwaltung"

handler403 = "smartregion.core.errors.permission_denied"
handler404 = "smartregion.core.errors.page_not_found"
