from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("", views.search, name="search"),
    path("methode/", views.method, name="method"),
    path("luecke/<int:assessment_pk>/<int:cell_pk>/", views.gap, name="gap"),
]
