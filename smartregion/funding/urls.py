from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("fristen/", views.deadlines, name="deadlines"),
    path("fristen.ics", views.deadlines_ics, name="deadlines_ics"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/", views.import_view, name="import"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/bearbeiten/", views.edit, name="edit"),
]
