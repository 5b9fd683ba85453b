"""Requests for access and personal API keys; included under /konto/ (the addresses they had in accounts)."""

from django.urls import path

from . import access_views as views

app_name = "access"
urlpatterns = [
    path("api-schluessel/", views.api_tokens, name="api_tokens"),
    path("api-schluessel/<int:pk>/widerrufen/", views.api_token_revoke, name="api_token_revoke"),
    path("zugangsanfragen/", views.access_requests_list, name="requests"),
    path("zugangsanfragen/<int:pk>/", views.access_request_detail, name="request"),
    path("zugangsanfragen/<int:pk>/annehmen/", views.access_request_approve, name="request_approve"),
    path("zugangsanfragen/<int:pk>/ablehnen/", views.access_request_decline, name="request_decline"),
    path("zugangsanfragen/<int:pk>/zurueckziehen/", views.access_request_withdraw, name="request_withdraw"),
]
