from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("barrierefreiheit/rueckmeldungen/", views.accessibility_feedback_list, name="accessibility_feedback"),
    path(
        "barrierefreiheit/rueckmeldungen/<int:pk>/beantwortet/",
        views.accessibility_feedback_answered,
        name="accessibility_feedback_answered",
    ),
    path("leichte-sprache/", views.easy_read, name="easy_read"),
    path("leichte-sprache/<slug:page>/", views.easy_read, name="easy_read_page"),
    path("gebaerdensprache/", views.sign_language, name="sign_language"),
    path("verlauf/<str:app_label>/<str:model_name>/<int:pk>/", views.history, name="history"),
]
