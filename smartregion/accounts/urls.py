from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("api-schluessel/", views.api_tokens, name="api_tokens"),
    path("api-schluessel/<int:pk>/widerrufen/", views.api_token_revoke, name="api_token_revoke"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("anmelden/verwaltung/", views.ProviderLoginView.as_view(), name="oidc_login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("registrieren/", views.register, name="register"),
    path("registrieren/gesendet/", views.register_sent, name="register_sent"),
    path("registrieren/<str:token>/", views.register_confirm, name="register_confirm"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("passwort-neu/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("zugangsanfragen/", views.access_requests_list, name="access_requests"),
    path("zugangsanfragen/<int:pk>/", views.access_request_detail, name="access_request"),
    path("zugangsanfragen/<int:pk>/annehmen/", views.access_request_approve, name="access_request_approve"),
    path("zugangsanfragen/<int:pk>/ablehnen/", views.access_request_decline, name="access_request_decline"),
    path("zugangsanfragen/<int:pk>/zurueckziehen/", views.access_request_withdraw, name="access_request_withdraw"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("einladung/<str:token>/bestaetigen/<str:confirmation>/", views.invitation_confirm, name="invitation_confirm"),
]
