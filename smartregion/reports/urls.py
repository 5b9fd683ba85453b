"""The white paper of a network, under /netzwerke/<slug>/weissbuch/ (included in smartregion/urls.py)."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.page, name="whitepaper"),
    path("weissbuch.pdf", views.pdf, name="whitepaper_pdf"),
    path("weissbuch.docx", views.docx, name="whitepaper_docx"),
]
