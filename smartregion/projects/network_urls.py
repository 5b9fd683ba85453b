"""Project pages under a network's address (/netzwerke/<slug>/…): the network lies below projects."""

from django.urls import path

from . import network_views

app_name = "network_projects"
urlpatterns = [
    path("<slug:slug>/dubletten/", network_views.network_duplicates, name="duplicates"),
]
