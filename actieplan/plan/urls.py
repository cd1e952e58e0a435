"""HTML pages of the plan part (phase 3: the overarching action plan)."""

from django.urls import path

from actieplan.plan import views as v
from common import ids  # noqa: F401  (registers the <id:…> path converter)

urlpatterns = [
    path("plannen/", v.plan_list, name="plan_list"),
    path("plannen/nieuw/", v.plan_create, name="plan_create"),
    path("plannen/<id:pk>/", v.plan_detail, name="plan_detail"),
    path("plannen/<id:pk>/bewerken/", v.plan_edit, name="plan_edit"),
    path("plannen/<id:pk>/hoofdstukken/nieuw/", v.chapter_create, name="plan_chapter_create"),
    path("plannen/<id:pk>/hoofdstukken/<id:chapter_pk>/bewerken/", v.chapter_edit, name="plan_chapter_edit"),
    path("plannen/<id:pk>/hoofdstukken/<id:chapter_pk>/verplaatsen/", v.chapter_move, name="plan_chapter_move"),
    path("plannen/<id:pk>/hoofdstukken/<id:chapter_pk>/verwijderen/", v.chapter_delete, name="plan_chapter_delete"),
    path("plannen/<id:pk>/acties/toevoegen/", v.item_add, name="plan_item_add"),
    path("plannen/<id:pk>/items/<id:item_pk>/verplaatsen/", v.item_move, name="plan_item_move"),
    path("plannen/<id:pk>/items/<id:item_pk>/verwijderen/", v.item_remove, name="plan_item_remove"),
    path("plannen/<id:pk>/acties/<id:action_pk>/traject/", v.action_trajectory, name="plan_action_trajectory"),
    path("plannen/<id:pk>/acties/<id:action_pk>/mijlpalen/", v.milestone_add, name="plan_milestone_add"),
    path(
        "plannen/<id:pk>/acties/<id:action_pk>/mijlpalen/<id:milestone_pk>/verwijderen/",
        v.milestone_delete,
        name="plan_milestone_delete",
    ),
    path("plannen/<id:pk>/consultatie/", v.plan_consult, name="plan_consult"),
    path("plannen/<id:pk>/definitief/", v.plan_finalise, name="plan_finalise"),
    path("plannen/<id:pk>/heropenen/", v.plan_reopen, name="plan_reopen"),
    path("plannen/<id:pk>/goedkeuringen/", v.plan_signoffs, name="plan_signoffs"),
    path("plannen/<id:pk>/goedkeuringen/<id:signoff_pk>/", v.plan_signoff, name="plan_signoff"),
    path("plannen/<id:pk>/versies/", v.plan_versions, name="plan_versions"),
    path("plannen/<id:pk>/versies/<id:number>/", v.plan_version, name="plan_version"),
    path("plannen/<id:pk>/verschil/", v.plan_diff, name="plan_diff"),
    path("plannen/<id:pk>/tijdlijn/", v.plan_timeline, name="plan_timeline"),
    path("ter-bevestiging/", v.assignment_list, name="assignment_list"),
    path("ter-bevestiging/<id:pk>/", v.assignment_respond, name="assignment_respond"),
]
