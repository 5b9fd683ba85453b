from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("matrix/", views.matrix_view, name="matrix"),
    path("gebiet/<int:territory_id>/neu/", views.start, name="start"),
    path("<int:pk>/", views.results_view, name="results"),
    path("<int:pk>/feld/<slug:domain>/", views.questionnaire, name="questionnaire"),
    path("<int:pk>/zelle/<int:cell_id>/", views.save_cell, name="save_cell"),
    path("<int:pk>/abschliessen/", views.submit, name="submit"),
    path("<int:pk>/sichtbarkeit/", views.visibility, name="visibility"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/review-einladen/", views.invite, name="invite"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/abschliessen/", views.review_done, name="review_done"),
    path("netzwerk/<slug:slug>/", views.network_dashboard, name="dashboard"),
    path("netzwerk/<slug:slug>/export.<str:fmt>", views.dashboard_export, name="dashboard_export"),
]
