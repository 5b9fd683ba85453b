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
    path("netzwerk/<slug:slug>/", views.network_map, name="network_map"),
]
