from django.urls import path

from .views import agenda, consultation, exports, measures

app_name = "agendas"
urlpatterns = [
    path("", agenda.agenda_list, name="list"),
    path("neu/", agenda.create, name="create"),
    path("netzwerk/<slug:slug>/", measures.network_monitoring, name="network_monitoring"),
    path("<int:pk>/", agenda.detail, name="detail"),
    path("<int:pk>/bearbeiten/", agenda.edit, name="edit"),
    path("<int:pk>/verlauf/", agenda.agenda_history, name="history"),
    path("<int:pk>/loeschen/", agenda.delete, name="delete"),
    path("<int:pk>/status/<slug:step>/", agenda.status_step, name="status"),
    path("<int:pk>/konzepte/neu/", agenda.concept_form, name="concept_create"),
    path("<int:pk>/konzepte/<int:concept_pk>/", agenda.concept_form, name="concept_edit"),
    path("<int:pk>/konzepte/<int:concept_pk>/dokument/", agenda.concept_document, name="concept_document"),
    path("<int:pk>/akteure/neu/", agenda.actor_form, name="actor_create"),
    path("<int:pk>/akteure/<int:actor_pk>/", agenda.actor_form, name="actor_edit"),
    path("<int:pk>/ziele/neu/", agenda.goal_form, name="goal_create"),
    path("<int:pk>/ziele/<int:goal_pk>/", agenda.goal_form, name="goal_edit"),
    path("<int:pk>/ziele/<int:goal_pk>/zielstufen/", agenda.goal_targets, name="goal_targets"),
    path("<int:pk>/entfernen/<slug:kind>/<int:part_pk>/", agenda.remove_part, name="remove_part"),
    path("<int:pk>/massnahmen/neu/", measures.measure_form, name="measure_create"),
    path("<int:pk>/massnahmen/<int:measure_pk>/", measures.measure_detail, name="measure"),
    path("<int:pk>/massnahmen/<int:measure_pk>/bearbeiten/", measures.measure_form, name="measure_edit"),
    path("<int:pk>/massnahmen/<int:measure_pk>/loeschen/", measures.measure_delete, name="measure_delete"),
    path("<int:pk>/massnahmen/<int:measure_pk>/fortschritt/", measures.progress, name="progress"),
    path("<int:pk>/monitoring/", measures.agenda_monitoring, name="monitoring"),
    path("<int:pk>/monitoring.pdf", exports.monitoring_pdf, name="monitoring_pdf"),
    path("<int:pk>/export/<slug:fmt>/", exports.export, name="export"),
    path("<int:pk>/beteiligung/", consultation.consultation, name="consultation"),
    path("<int:pk>/kommentar/<slug:audience>/", consultation.comment, name="comment"),
    path("<int:pk>/beteiligung/idee/", consultation.propose_idea, name="propose_idea"),
    path("<int:pk>/beteiligung/idee/<int:idea_pk>/unterstuetzen/", consultation.support, name="support"),
    path("<int:pk>/beteiligung/umgang/", consultation.handle_idea, name="handle_idea"),
    path("<int:pk>/beteiligung/fazit/", consultation.conclusion, name="conclusion"),
    path("<int:pk>/moderation/<slug:audience>/", consultation.moderate, name="moderate"),
]
