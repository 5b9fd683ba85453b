from django.urls import path

from . import views

app_name = "toolkit"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/<str:what>.<str:fmt>", views.export, name="export"),
    path("leitfaeden/neu/", views.guide_create, name="guide_create"),
    path("leitfaeden/pruefen/", views.review, name="review"),
    path("leitfaeden/<slug:slug>/", views.guide_detail, name="guide"),
    path("leitfaeden/<slug:slug>/bearbeiten/", views.guide_edit, name="guide_edit"),
    path("leitfaeden/<slug:slug>/versionen/", views.guide_versions, name="guide_versions"),
    path("leitfaeden/<slug:slug>/dateien/", views.attachment_upload, name="attachment_upload"),
    path(
        "leitfaeden/<slug:slug>/dateien/<int:attachment_id>/entfernen/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("dateien/<int:attachment_id>/<str:name>", views.attachment_download, name="attachment"),
    path("empfehlungen/", views.recommendation_list, name="recommendations"),
    path("empfehlungen/neu/", views.recommendation_create, name="recommendation_create"),
    path("empfehlungen/<slug:slug>/", views.recommendation_detail, name="recommendation"),
    path("empfehlungen/<slug:slug>/bearbeiten/", views.recommendation_edit, name="recommendation_edit"),
    path("bestandsaufnahme/", views.stocktake_start, name="stocktake_start"),
    path("bestandsaufnahme/<str:code>/eintrag/<int:entry_id>/", views.stocktake_entry_edit, name="stocktake_entry"),
    path(
        "bestandsaufnahme/<str:code>/eintrag/<int:entry_id>/entfernen/",
        views.stocktake_entry_remove,
        name="stocktake_entry_remove",
    ),
    path("bestandsaufnahme/<str:code>/<str:kind>.<str:fmt>", views.stocktake_download, name="stocktake_download"),
    path("bestandsaufnahme/<str:code>/<str:step>/", views.stocktake_step, name="stocktake"),
]
