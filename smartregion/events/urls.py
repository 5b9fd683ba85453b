"""A network's events, follow-ups and partnerships; their addresses stay under /netzwerke/<slug>/ (issue 23)."""

from django.urls import path

from . import follow_up_views, views

app_name = "events"
urlpatterns = [
    path("partnerschaften/<int:pk>/vereinbarung/", views.partnership_agreement, name="partnership_agreement"),
    path("partnerschaften/<int:pk>/veroeffentlichung/", views.partnership_publication, name="partnership_publication"),
    path("<slug:slug>/veranstaltungen/", views.event_list, name="list"),
    path("<slug:slug>/veranstaltungen.ics", views.network_ics, name="list_ics"),
    path("<slug:slug>/veranstaltungen/neu/", views.event_create, name="create"),
    path("<slug:slug>/veranstaltungen/gastgeber-absage/", views.decline, name="host_decline"),
    path("<slug:slug>/veranstaltungen/<int:pk>/", views.event_detail, name="detail"),
    path("<slug:slug>/veranstaltungen/<int:pk>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/veranstaltungen/<int:pk>/bearbeiten/", views.event_edit, name="edit"),
    path("<slug:slug>/veranstaltungen/<int:pk>/absagen/", views.event_cancel, name="cancel"),
    path("<slug:slug>/veranstaltungen/<int:pk>/anmelden/", views.register, name="register"),
    path("<slug:slug>/veranstaltungen/<int:pk>/abmelden/", views.unregister, name="unregister"),
    path("<slug:slug>/veranstaltungen/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("<slug:slug>/veranstaltungen/<int:pk>/folgeaufgaben/", follow_up_views.follow_up, name="follow_up"),
    path("<slug:slug>/veranstaltungen/<int:pk>/teilnahme/", views.walk_in, name="walk_in"),
    path(
        "<slug:slug>/veranstaltungen/<int:pk>/teilnahme/<int:walk_in_id>/entfernen/",
        views.walk_in_remove,
        name="walk_in_remove",
    ),
    path("<slug:slug>/nachverfolgung/", follow_up_views.follow_up_list, name="follow_ups"),
    path("<slug:slug>/nachverfolgung/<int:pk>/bearbeiten/", follow_up_views.follow_up_edit, name="follow_up_edit"),
    path("<slug:slug>/veranstaltungen/<int:pk>/karten/", views.card, name="card"),
    path("<slug:slug>/veranstaltungen/<int:pk>/karten/<int:card_id>/stimme/", views.card_vote, name="card_vote"),
    path("<slug:slug>/veranstaltungen/<int:pk>/bericht.pdf", views.workshop_report, name="workshop_report"),
    path("<slug:slug>/partnerschaften/neu/", views.partnership_create, name="partnership_create"),
]
