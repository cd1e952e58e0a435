from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from reporting import views

urlpatterns = [
    path("rapport/voortgangsrapporten/", views.report_list, name="progress_report_list"),
    path("rapport/voortgangsrapporten/<id:pk>/", views.report_detail, name="progress_report_detail"),
    path("rapport/voortgangsrapporten/<id:pk>/goedkeuren/", views.report_approve, name="progress_report_approve"),
    path("rapport/voortgangsrapporten/<id:pk>/voortgangsrapport.pdf", views.report_pdf, name="progress_report_pdf"),
    path("rapport/voortgangsrapporten/<id:pk>/voortgangsrapport.docx", views.report_docx,
         name="progress_report_docx"),
]
