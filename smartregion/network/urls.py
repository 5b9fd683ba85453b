from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.edit, name="edit"),
    path("<slug:slug>/mitglieder/neu/", views.add_member, name="add_member"),
    path("<slug:slug>/mitglieder/<int:territory_id>/entfernen/", views.remove_member, name="remove_member"),
    path("<slug:slug>/verbund-neu/", views.alliance_create, name="alliance_create"),
    path("<slug:slug>/koordination/", views.coordination, name="coordination"),
]
