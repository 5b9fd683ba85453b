"""Jobs: /auftraege/… (included in smartregion/urls.py)."""

from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<slug:kind>/<str:object_id>/erstellen", views.start, name="start"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/datei", views.download, name="download"),
]
