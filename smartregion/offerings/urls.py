from django.urls import path

from . import views

app_name = "offerings"
urlpatterns = [
    path("", views.offering_list, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/", views.import_view, name="import"),
    path("neu/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/bearbeiten/", views.edit, name="edit"),
]
