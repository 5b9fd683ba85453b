"""The invitation pages; included under /konto/ (the addresses they had in accounts)."""

from django.urls import path

from . import invitation_views as views

app_name = "invitations"
urlpatterns = [
    path("einladung/<str:token>/", views.invitation, name="show"),
    path("einladung/<str:token>/bestaetigen/<str:confirmation>/", views.invitation_confirm, name="confirm"),
]
