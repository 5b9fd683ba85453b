from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("ungelesen/", views.badge, name="badge"),
    path("gelesen/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/gelesen/", views.mark_read, name="mark_read"),
    path("einstellungen/", views.settings_page, name="settings"),
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("beobachten/<str:model>/<int:pk>/", views.watch, name="watch"),
]
