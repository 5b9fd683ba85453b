from django.urls import path

from . import event_views, follow_up_views, views

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("partnerschaften/<int:pk>/vereinbarung/", event_views.partnership_agreement, name="partnership_agreement"),
    path(
        "partnerschaften/<int:pk>/veroeffentlichung/",
        event_views.partnership_publication,
        name="partnership_publication",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.edit, name="edit"),
    path("<slug:slug>/mitglieder/neu/", views.add_member, name="add_member"),
    path("<slug:slug>/mitglieder/<int:territory_id>/entfernen/", views.remove_member, name="remove_member"),
    path("<slug:slug>/verbund-neu/", views.alliance_create, name="alliance_create"),
    path("<slug:slug>/koordination/", views.coordination, name="coordination"),
    path("<slug:slug>/dubletten/", views.duplicates, name="duplicates"),
    path("<slug:slug>/veranstaltungen/", event_views.event_list, name="events"),
    path("<slug:slug>/veranstaltungen.ics", event_views.network_ics, name="events_ics"),
    path("<slug:slug>/veranstaltungen/neu/", event_views.event_create, name="event_create"),
    path("<slug:slug>/veranstaltungen/gastgeber-absage/", event_views.decline, name="host_decline"),
    path("<slug:slug>/veranstaltungen/<int:pk>/", event_views.event_detail, name="event"),
    path("<slug:slug>/veranstaltungen/<int:pk>.ics", event_views.event_ics, name="event_ics"),
    path("<slug:slug>/veranstaltungen/<int:pk>/bearbeiten/", event_views.event_edit, name="event_edit"),
    path("<slug:slug>/veranstaltungen/<int:pk>/absagen/", event_views.event_cancel, name="event_cancel"),
    path("<slug:slug>/veranstaltungen/<int:pk>/anmelden/", event_views.register, name="event_register"),
    path("<slug:slug>/veranstaltungen/<int:pk>/abmelden/", event_views.unregister, name="event_unregister"),
    path("<slug:slug>/veranstaltungen/<int:pk>/protokoll/", event_views.minutes, name="event_minutes"),
    path("<slug:slug>/veranstaltungen/<int:pk>/folgeaufgaben/", follow_up_views.follow_up, name="event_follow_up"),
    path("<slug:slug>/veranstaltungen/<int:pk>/teilnahme/", event_views.walk_in, name="event_walk_in"),
    path(
        "<slug:slug>/veranstaltungen/<int:pk>/teilnahme/<int:walk_in_id>/entfernen/",
        event_views.walk_in_remove,
        name="event_walk_in_remove",
    ),
    path("<slug:slug>/nachverfolgung/", follow_up_views.follow_up_list, name="follow_ups"),
    path("<slug:slug>/nachverfolgung/<int:pk>/bearbeiten/", follow_up_views.follow_up_edit, name="follow_up_edit"),
    path("<slug:slug>/veranstaltungen/<int:pk>/karten/", event_views.card, name="event_card"),
    path("<slug:slug>/veranstaltungen/<int:pk>/karten/<int:card_id>/stimme/", event_views.card_vote, name="card_vote"),
    path("<slug:slug>/veranstaltungen/<int:pk>/bericht.pdf", event_views.workshop_report, name="workshop_report"),
    path("<slug:slug>/partnerschaften/neu/", event_views.partnership_create, name="partnership_create"),
]
