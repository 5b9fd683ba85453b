"""The funding-gap analysis of a network, under /netzwerke/<slug>/foerderluecken/ (included in smartregion/urls.py:
the network app sits below matching and cannot name these views)."""

from django.urls import path

from . import gap_views

app_name = "funding_gaps"
urlpatterns = [
    path("", gap_views.report, name="report"),
    path("export.csv", gap_views.export, name="export"),
    path("empfehlung/<str:grouping>/<str:key>/", gap_views.recommendation_edit, name="recommendation_edit"),
]
