from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from governance import views

urlpatterns = [
    path("overleg/", views.index, name="governance_index"),
    path("overleg/nieuw/", views.meeting_create, name="governance_meeting_create"),
    path("overleg/<id:pk>/", views.meeting_detail, name="governance_meeting_detail"),
    path("overleg/<id:pk>/bewerken/", views.meeting_edit, name="governance_meeting_edit"),
    path("overleg/<id:pk>/verwijderen/", views.meeting_delete, name="governance_meeting_delete"),
    path("overleg/<id:pk>/agendapunten/", views.agenda_item_create, name="governance_agenda_item_create"),
    path("overleg/<id:pk>/agenda.docx", views.meeting_agenda_docx, name="governance_meeting_agenda_docx"),
    path("overleg/<id:pk>/beslissingen.docx", views.meeting_decisions_docx, name="governance_meeting_decisions_docx"),
    path("overleg/agendapunten/<id:pk>/verwijderen/", views.agenda_item_delete, name="governance_agenda_item_delete"),
    path("overleg/agendapunten/<id:pk>/beslissingen/", views.decision_create, name="governance_decision_create"),
    path("overleg/beslissingen/<id:pk>/verwijderen/", views.decision_delete, name="governance_decision_delete"),
    path("overleg/organen/nieuw/", views.body_create, name="governance_body_create"),
    path("overleg/organen/<id:pk>/", views.body_detail, name="governance_body_detail"),
    path("overleg/organen/<id:pk>/bewerken/", views.body_edit, name="governance_body_edit"),
    path("acties/<id:pk>/escaleren/", views.action_escalate, name="governance_action_escalate"),
]
