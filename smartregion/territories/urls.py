from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.search, name="search"),
    path("karten/<str:level>.geojson", views.level_geojson, name="level_geojson"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/umriss.geojson", views.boundary_geojson, name="boundary_geojson"),
    path("<str:code>/bearbeiten/", views.alliance_edit, name="alliance_edit"),
    path("<str:code>/loeschen/", views.alliance_delete, name="alliance_delete"),
    path("<str:code>/team/", views.team, name="team"),
    path("<str:code>/team/<int:role_id>/entziehen/", views.revoke_role, name="revoke_role"),
    path("<str:code>/team/website/", views.website, name="website"),
    path("<str:code>/zugang-beantragen/", views.access_request, name="access_request"),
]
