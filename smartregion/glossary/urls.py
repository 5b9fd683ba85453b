from django.urls import path

from . import views

app_name = "glossary"
urlpatterns = [
    path("", views.term_list, name="list"),
    path("neu/", views.create, name="create"),
    path("glossar.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.edit, name="edit"),
]
