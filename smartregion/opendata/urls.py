from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.inventory, name="inventory"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("gebiet/<str:code>/", views.territory_inventory, name="territory"),
    path("gebiet/<str:code>/neu/", views.create, name="create"),
    path("gebiet/<str:code>/import/", views.import_file, name="import"),
    path("gebiet/<str:code>/qualitaet/", views.territory_quality, name="quality"),
    path("netzwerk/<slug:slug>/", views.network_map, name="network_map"),
    path("netzwerk/<slug:slug>/qualitaet/", views.network_quality, name="network_quality"),
]
