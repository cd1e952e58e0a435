"""HTML pages of the plan part (phase 3: the overarching action plan)."""

from django.urls import path

from actieplan import plan_views as v

urlpatterns = [
    path("plannen/", v.plan_list, name="plan_list"),
    path("plannen/nieuw/", v.plan_create, name="plan_create"),
    path("plannen/<int:pk>/", v.plan_detail, name="plan_detail"),
    path("plannen/<int:pk>/bewerken/", v.plan_edit, name="plan_edit"),
    path("plannen/<int:pk>/hoofdstukken/nieuw/", v.chapter_create, name="plan_chapter_create"),
    path("plannen/<int:pk>/hoofdstukken/<int:chapter_pk>/bewerken/", v.chapter_edit, name="plan_chapter_edit"),
    path("plannen/<int:pk>/hoofdstukken/<int:chapter_pk>/verplaatsen/", v.chapter_move, name="plan_chapter_move"),
    path("plannen/<int:pk>/hoofdstukken/<int:chapter_pk>/verwijderen/", v.chapter_delete, name="plan_chapter_delete"),
    path("plannen/<int:pk>/acties/toevoegen/", v.item_add, name="plan_item_add"),
    path("plannen/<int:pk>/items/<int:item_pk>/verplaatsen/", v.item_move, name="plan_item_move"),
    path("plannen/<int:pk>/items/<int:item_pk>/verwijderen/", v.item_remove, name="plan_item_remove"),
    path("plannen/<int:pk>/acties/<int:action_pk>/traject/", v.action_trajectory, name="plan_action_trajectory"),
    path("plannen/<int:pk>/acties/<int:action_pk>/mijlpalen/", v.milestone_add, name="plan_milestone_add"),
    path(
        "plannen/<int:pk>/acties/<int:action_pk>/mijlpalen/<int:milestone_pk>/verwijderen/",
        v.milestone_delete,
        name="plan_milestone_delete",
    ),
    path("plannen/<int:pk>/consultatie/", v.plan_consult, name="plan_consult"),
    path("plannen/<int:pk>/definitief/", v.plan_finalise, name="plan_finalise"),
    path("plannen/<int:pk>/heropenen/", v.plan_reopen, name="plan_reopen"),
    path("plannen/<int:pk>/goedkeuringen/", v.plan_signoffs, name="plan_signoffs"),
    path("plannen/<int:pk>/goedkeuringen/<int:signoff_pk>/", v.plan_signoff, name="plan_signoff"),
    path("plannen/<int:pk>/versies/", v.plan_versions, name="plan_versions"),
    path("plannen/<int:pk>/versies/<int:number>/", v.plan_version, name="plan_version"),
    path("plannen/<int:pk>/verschil/", v.plan_diff, name="plan_diff"),
    path("plannen/<int:pk>/tijdlijn/", v.plan_timeline, name="plan_timeline"),
    path("ter-bevestiging/", v.assignment_list, name="assignment_list"),
    path("ter-bevestiging/<int:pk>/", v.assignment_respond, name="assignment_respond"),
]
