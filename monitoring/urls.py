"""HTML pages of monitoring."""

from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from monitoring import views

urlpatterns = [
    # progress of one action
    path("acties/<id:pk>/voortgang/", views.action_progress, name="action_progress"),
    path("acties/<id:pk>/mijlpalen/<id:milestone_pk>/gerealiseerd/", views.milestone_done, name="milestone_done"),
    path("acties/<id:pk>/resultaten/", views.action_outcomes, name="action_outcomes"),
    path("acties/<id:pk>/resultaten/<id:outcome_pk>/", views.action_outcome_edit, name="action_outcome_edit"),
    path("acties/<id:pk>/resultaten/<id:outcome_pk>/verwijderen/", views.action_outcome_delete,
         name="action_outcome_delete"),
    path("voortgang/standen/<id:pk>/corrigeren/", views.status_update_edit, name="status_update_edit"),
    path("voortgang/standen/<id:pk>/bijlage/", views.status_update_attachment, name="status_update_attachment"),
    # dashboards
    path("voortgang/", views.dashboard, name="dashboard"),
    path("voortgang/dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("voortgang/beleidsdomeinen/<id:pk>/", views.domain_dashboard, name="domain_dashboard"),
    path("voortgang/beleidsdomeinen/<id:pk>/dashboard.xlsx", views.domain_dashboard_xlsx,
         name="domain_dashboard_xlsx"),
    path("voortgang/werkgroepen/<id:pk>/", views.group_dashboard, name="group_dashboard"),
    path("voortgang/werkgroepen/<id:pk>/dashboard.xlsx", views.group_dashboard_xlsx, name="group_dashboard_xlsx"),
    path("voortgang/acties/", views.progress_list, name="progress_list"),
    # phases
    path("voortgang/fasen/", views.phase_tracker, name="phase_tracker"),
    path("voortgang/fasen/burn-up.svg", views.phase_burnup_chart, name="phase_burnup_chart"),
    # indicators
    path("indicatoren/", views.indicator_list, name="indicator_list"),
    path("indicatoren/<id:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicatoren/<id:pk>/grafiek.svg", views.indicator_chart, name="indicator_chart"),
    # cabinet report
    path("rapport/kabinet/", views.cabinet_report, name="cabinet_report"),
    path("rapport/kabinet.pdf", views.cabinet_report_pdf, name="cabinet_report_pdf"),
]
