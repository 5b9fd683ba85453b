from django.urls import path

from . import attachment_views, views

app_name = "projects"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("karte/", views.map_view, name="map"),
    path("karte.geojson", views.map_data, name="map_data"),
    path("export.<str:fmt>", views.export, name="export"),
    path("katalog.<str:fmt>", views.catalogue_file, name="catalogue_file"),
    path("neu/", views.create, name="create"),
    path("aehnliche/", views.similar_preview, name="similar_preview"),
    path("import/", views.import_view, name="import"),
    path("import/vorlage.<str:fmt>", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aehnliche/", views.similar_projects, name="similar"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("<int:pk>/nachnutzen/", views.adopt, name="adopt"),
    path("<int:pk>/nachnutzung/", views.reuse_edit, name="reuse_edit"),
    path("<int:pk>/loeschen/", views.delete, name="delete"),
    path("<int:pk>/kontakt/", views.contact, name="contact"),
    path("<int:pk>/dateien/", attachment_views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/dateien/<int:attachment_id>/", attachment_views.attachment_file, name="attachment"),
    path(
        "<int:pk>/dateien/<int:attachment_id>/entfernen/", attachment_views.attachment_remove, name="attachment_remove"
    ),
]
