from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("anmelden/verwaltung/", views.ProviderLoginView.as_view(), name="oidc_login"),  # the single provider
    path("anmelden/verwaltung/<slug:key>/", views.ProviderLoginView.as_view(), name="oidc_login_at"),
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
]
