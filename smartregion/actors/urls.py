from django.urls import path

from . import views

app_name = "actors"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("in-der-naehe/", views.near, name="near"),
    path("neu/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/loeschen/", views.delete, name="delete"),
]
