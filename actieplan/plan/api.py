"""API of the plan part (phase 3); registered by ``actieplan.api.urls``.

* ``/plans/``                                   list, retrieve; coordinators create and update
* ``GET|POST plans/{id}/chapters/``             the chapters (coordinators add one)
* ``POST plans/{id}/items/``                    put a retained action in a chapter (coordinators)
* ``GET  plans/{id}/versions/``                 the frozen versions
* ``GET  plans/{id}/versions/{n}/``             one frozen version: the complete snapshot
* ``GET  plans/{id}/diff/?from=N&to=M``          what changed (``to=current``: the live draft)
* ``POST plans/{id}/consult/``                  draft → in_consultation
* ``POST plans/{id}/finalise/``                 in_consultation → final (``vr_reference``, ``vr_date``,
                                                 ``override_reason`` when incomplete)
* ``POST plans/{id}/reopen/``                   back to draft (after final: a new draft version)
* ``GET  plans/{id}/export.{pdf|docx|xlsx|csv}`` ``?version=N`` exports a frozen version
* ``/milestones/``                              list (``?action=``, ``?plan=``); coordinators write
* ``/signoffs/`` (``?plan=``), ``POST signoffs/{id}/sign/`` by the domain's contact
* ``/assignments/`` and ``/signoffs/`` are read by coordinators and domain contacts (their domains) only
* ``/assignments/`` (``?plan=``, ``?domain=``, ``?state=``, ``?mine=true``),
  ``POST assignments/{id}/accept/`` (optional ``remark``) and ``/decline/`` (``reason`` required)

Version numbers: after N frozen versions the live plan is version N+1 (draft), or N when final.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _
import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as view_action
from rest_framework.response import Response
from rest_framework.views import APIView

from actieplan.plan import exports
from actieplan.plan import selectors as sel
from actieplan.plan import services as svc
from actieplan.api.permissions import VocabularyPermission
from actieplan.actions.serializers import ErrorDetailSerializer
from common.exports import ExportMixin
from actieplan.models import (
    Action,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Barrier,
    Chapter,
    Milestone,
    Plan,
    PlanStatus,
    PlanVersion,
    SignOff,
    SignOffState,
)
from actieplan.permissions import perms_for
from actieplan.actions.selectors import actions_visible_to
from common.ids import IdFilter
from werkgroepen.people import person_name

NOT_AUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description=_("Niet aangemeld."))
FORBIDDEN = OpenApiResponse(ErrorDetailSerializer, description=_("Uw rol laat dit niet toe."))
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description=_("Bestaat niet."))
INVALID_PAGE = OpenApiResponse(ErrorDetailSerializer, description=_("Deze pagina bestaat niet."))
CONFLICT = OpenApiResponse(ErrorDetailSerializer, description=_("Niet mogelijk in de huidige stand van het actieplan."))
FIELD_ERRORS = OpenApiResponse(
    response={"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description=_("Ongeldige invoer: per veld een lijst met foutmeldingen."),
)


def _enum(choices):
    """A choice field documented inline (no shared enum component, so no name clashes)."""

    @extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})
    class EnumField(serializers.ChoiceField):
        pass

    return EnumField


PlanStatusField = _enum(PlanStatus.choices)
AssignmentStateField = _enum(AssignmentState.choices)
AssignmentRoleField = _enum(AssignmentRole.choices)
SignOffStateField = _enum(SignOffState.choices)


# --------------------------------------------------------------------------- serializers
class PlanSerializer(serializers.ModelSerializer):
    status = PlanStatusField(choices=PlanStatus.choices, read_only=True,
                             help_text=_("draft, in_consultation of final; wijzigt via consult/finalise/reopen."))
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    current_version = serializers.SerializerMethodField(
        help_text=_("Nummer van het plan zoals het nu is: N+1 (ontwerp) na N definitieve versies, N als definitief."))
    latest_version = serializers.SerializerMethodField(help_text=_("Nummer van de laatste definitieve versie (0: geen)."))
    introduction = serializers.CharField(required=False, allow_blank=True, max_length=50000,
                                         help_text=_("Opgemaakte tekst in Markdown (ruwe HTML wordt als tekst getoond)."))
    conclusion = serializers.CharField(required=False, allow_blank=True, max_length=50000,
                                       help_text=_("Opgemaakte tekst in Markdown (ruwe HTML wordt als tekst getoond)."))

    class Meta:
        model = Plan
        fields = ["id", "title", "introduction", "conclusion", "status", "status_display",
                  "current_version", "latest_version", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def _latest(self, obj) -> int:
        if hasattr(obj, "latest_number"):  # annotated by the viewset's queryset
            return obj.latest_number or 0
        return sel.latest_version_number(obj)

    @extend_schema_field(OpenApiTypes.INT)
    def get_current_version(self, obj) -> int:
        return sel.current_number(obj, self._latest(obj))

    @extend_schema_field(OpenApiTypes.INT)
    def get_latest_version(self, obj) -> int:
        return self._latest(obj)


class ChapterSerializer(serializers.ModelSerializer):
    barrier = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all(), allow_null=True, required=False)
    introduction = serializers.CharField(required=False, allow_blank=True, max_length=20000,
                                         help_text=_("Opgemaakte tekst in Markdown (ruwe HTML wordt als tekst getoond)."))
    actions = serializers.SerializerMethodField(help_text=_("Ids van de acties in dit hoofdstuk, in volgorde."))

    class Meta:
        model = Chapter
        fields = ["id", "title", "barrier", "introduction", "order", "actions"]
        read_only_fields = ["order"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, obj) -> list[int]:
        return [item.action_id for item in obj.items.all()]


class ItemSerializer(serializers.Serializer):
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all())
    chapter = serializers.PrimaryKeyRelatedField(queryset=Chapter.objects.all())
    id = serializers.IntegerField(read_only=True)


class VersionSerializer(serializers.ModelSerializer):
    finalised_by = serializers.SerializerMethodField()

    class Meta:
        model = PlanVersion
        fields = ["number", "finalised_at", "finalised_by", "vr_reference", "vr_date", "override_reason"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_finalised_by(self, obj) -> str | None:
        return person_name(obj.finalised_by, default=None)


class VersionDetailSerializer(VersionSerializer):
    snapshot = serializers.JSONField(help_text=_(
        "Het volledige bevroren actieplan: plan (teksten), chapters met hun actions (alle velden, "
        "mijlpalen, toewijzingen), domains en signoffs."))

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "snapshot"]


class FieldDiffSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class ActionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    chapter = serializers.CharField()


class MovedSerializer(ActionRefSerializer):
    from_chapter = serializers.CharField()
    to_chapter = serializers.CharField()


class ChangedSerializer(ActionRefSerializer):
    changes = FieldDiffSerializer(many=True)


class ChapterRenameSerializer(serializers.Serializer):
    old = serializers.CharField()
    new = serializers.CharField()


class ChapterDiffSerializer(serializers.Serializer):
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())
    renamed = ChapterRenameSerializer(many=True)


class DiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField(source="from")
    to_version = serializers.IntegerField(source="to")
    texts = FieldDiffSerializer(many=True)
    chapters = ChapterDiffSerializer()
    added = ActionRefSerializer(many=True)
    removed = ActionRefSerializer(many=True)
    moved = MovedSerializer(many=True)
    changed = ChangedSerializer(many=True)
    is_empty = serializers.BooleanField()


class FinaliseSerializer(serializers.Serializer):
    vr_reference = serializers.CharField(max_length=100, help_text=_("Bv. VR 2026 0307 MED.0123/1."))
    vr_date = serializers.DateField(help_text=_("Datum van de beslissing van de Vlaamse Regering."))
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text=_("Verplicht als nog niet alle domeinen ondertekenden of een actie onvolledig is."))


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "action", "title", "due_date", "description", "done_on"]


class SignOffSerializer(serializers.ModelSerializer):
    state = SignOffStateField(choices=SignOffState.choices, read_only=True)
    domain_name = serializers.CharField(source="domain.name", read_only=True)
    signed_by = serializers.SerializerMethodField()

    class Meta:
        model = SignOff
        fields = ["id", "plan", "domain", "domain_name", "state", "remark", "signed_by", "signed_at", "reset_reason"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_signed_by(self, obj) -> str | None:
        return person_name(obj.signed_by, default=None)


class SignSerializer(serializers.Serializer):
    remark = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignmentSerializer(serializers.ModelSerializer):
    state = AssignmentStateField(choices=AssignmentState.choices, read_only=True)
    role = AssignmentRoleField(choices=AssignmentRole.choices, read_only=True)
    action_code = serializers.CharField(source="action.code", read_only=True)
    domain_name = serializers.CharField(source="domain.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "action", "action_code", "domain", "domain_name", "role", "state", "remark",
                  "decided_at", "created_at"]
        read_only_fields = fields


class AcceptSerializer(serializers.Serializer):
    remark = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                   help_text=_("Met een opmerking wordt het ‘akkoord met opmerking’."))


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("Waarom het beleidsdomein niet akkoord gaat."))


# --------------------------------------------------------------------------- plans
def _int_param(request, name):
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise serializers.ValidationError({name: [_("Geef een getal op.")]})


@extend_schema_view(
    list=extend_schema(summary=_("Actieplannen"), responses={200: PlanSerializer(many=True), 401: NOT_AUTHENTICATED,
                                                           404: INVALID_PAGE}),
    retrieve=extend_schema(responses={200: PlanSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(
        summary=_("Actieplan aanmaken (met een hoofdstuk per prioritaire drempel)"),
        responses={201: PlanSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
    update=extend_schema(responses={200: PlanSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                    403: FORBIDDEN, 404: NOT_FOUND}),
    partial_update=extend_schema(responses={200: PlanSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                            403: FORBIDDEN, 404: NOT_FOUND}),
)
class PlanViewSet(ExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """The overarching action plan: every signed-in user reads it; coordinators assemble it."""

    serializer_class = PlanSerializer
    permission_classes = [VocabularyPermission]
    required_perms = {name: "can_manage_plans" for name in (
        "create", "update", "partial_update", "chapters", "items", "consult", "finalise", "reopen")}

    def get_queryset(self):
        from django.db.models import Max

        return Plan.objects.annotate(latest_number=Max("versions__number")).order_by("-created_at", "-pk")

    def _plan(self) -> Plan:
        return self.get_object()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = svc.plan_create(user=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        plan = self.get_object()
        serializer = self.get_serializer(plan, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data = {"title": plan.title, "introduction": plan.introduction, "conclusion": plan.conclusion}
        data.update(serializer.validated_data)
        svc.plan_update(plan=plan, user=request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(
        methods=["GET"], summary=_("Hoofdstukken van het actieplan"),
        responses={200: ChapterSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"], summary=_("Hoofdstuk toevoegen"), request=ChapterSerializer,
        responses={201: ChapterSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["get", "post"], pagination_class=None)
    def chapters(self, request, pk=None):
        plan = self._plan()
        if request.method == "POST":
            serializer = ChapterSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            chapter = svc.chapter_create(plan=plan, user=request.user, **serializer.validated_data)
            return Response(ChapterSerializer(chapter).data, status=status.HTTP_201_CREATED)
        chapters = plan.chapters.prefetch_related("items").order_by("order", "id")
        return Response(ChapterSerializer(chapters, many=True).data)

    @extend_schema(
        summary=_("Weerhouden actie in een hoofdstuk zetten"), request=ItemSerializer,
        responses={201: ItemSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        plan = self._plan()
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = svc.item_add(plan=plan, user=request.user, **serializer.validated_data)
        return Response({"id": item.pk, "action": item.action_id, "chapter": item.chapter_id},
                        status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Definitieve versies"),
        responses={200: VersionSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        plan = self._plan()
        versions = plan.versions.select_related("finalised_by").defer("snapshot").order_by("number")
        return Response(VersionSerializer(versions, many=True).data)

    @extend_schema(
        summary=_("Eén definitieve versie: het bevroren actieplan"),
        parameters=[OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Versienummer"))],
        responses={200: VersionDetailSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["get"], url_path="versions/<id:number>", url_name="version")
    def version(self, request, pk=None, number=None):
        plan = self._plan()
        data = VersionDetailSerializer(sel.version_get(plan, number)).data
        data["snapshot"] = sel.redact_snapshot(perms_for(request.user), data["snapshot"] or {})
        return Response(data)

    @extend_schema(
        summary=_("Verschillen tussen twee versies"),
        description=_("`from` en `to`: een definitief versienummer, of `current` (het plan zoals het nu is, "
                      "ook bereikbaar met zijn ontwerpnummer). Standaard: de laatste definitieve versie → current."),
        parameters=[
            OpenApiParameter("from", OpenApiTypes.STR, description=_("Versienummer of `current`.")),
            OpenApiParameter("to", OpenApiTypes.STR, description=_("Versienummer of `current`.")),
        ],
        responses={200: DiffSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        plan = self._plan()
        a_number, a, b_number, b = sel.diff_sides(plan, request.query_params.get("from"), request.query_params.get("to"))
        perms = perms_for(request.user)  # what domains answered, only where the reader may see it
        a, b = (sel.redact_snapshot(perms, side) if side else side for side in (a, b))
        return Response(DiffSerializer({**sel.plan_diff(a, b), "from": a_number, "to": b_number}).data)

    def _state_response(self, plan):
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(
        summary=_("In consultatie brengen (draft → in_consultation)"), request=None,
        responses={200: PlanSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND,
                   409: CONFLICT},
    )
    @view_action(detail=True, methods=["post"])
    def consult(self, request, pk=None):
        plan = svc.plan_consult(plan=self._plan(), user=request.user)
        return self._state_response(plan)

    @extend_schema(
        summary=_("Definitief maken (in_consultation → final)"),
        description=_("Bevriest een nieuwe versie en zet elke weerhouden actie op ‘opgenomen in actieplan’. "
                      "400 als het plan onvolledig is zonder `override_reason`; 409 als het niet in consultatie is."),
        request=FinaliseSerializer,
        responses={201: VersionSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                   404: NOT_FOUND, 409: CONFLICT},
    )
    @view_action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        plan = self._plan()
        serializer = FinaliseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = svc.plan_finalise(plan=plan, user=request.user, **serializer.validated_data)
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Terug naar ontwerp (na definitief: een nieuwe ontwerpversie)"), request=None,
        responses={200: PlanSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @view_action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        plan = svc.plan_reopen(plan=self._plan(), user=request.user)
        return self._state_response(plan)


class PlanExportView(APIView):
    """The plan as PDF, DOCX, XLSX or CSV; ``?version=N`` exports frozen version N."""

    permission_classes = [VocabularyPermission]

    @extend_schema(
        operation_id="plans_export",
        summary=_("Actieplan exporteren (PDF, DOCX, XLSX of CSV)"),
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Id van het actieplan.")),
            OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(exports.FORMATS),
                             description=_("Bestandsformaat.")),
            OpenApiParameter("version", OpenApiTypes.INT, description=_("Een definitieve versie; zonder: het plan zoals het nu is.")),
        ],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, exports.FORMATS["docx"]): OpenApiTypes.BINARY,
            (200, exports.FORMATS["xlsx"]): OpenApiTypes.BINARY,
            (200, "text/csv"): OpenApiTypes.STR,
            401: NOT_AUTHENTICATED, 404: NOT_FOUND,
        },
        tags=["plans"],
    )
    def get(self, request, id, fmt):
        plan = get_object_or_404(Plan, pk=id)
        version = _int_param(request, "version")
        content, content_type, name = exports.export(plan, fmt, version, perms=perms_for(request.user))
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --------------------------------------------------------------------------- milestones, sign-offs, assignments
class MilestoneFilter(django_filters.FilterSet):
    action = IdFilter(label=_("Actie"), field_name="action")
    plan = IdFilter(label=_("Actieplan"), field_name="action__plan_items__plan")  # an action is once in a plan

    class Meta:
        model = Milestone
        fields = ["action", "plan"]


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("action", OpenApiTypes.INT), OpenApiParameter("plan", OpenApiTypes.INT)],
        responses={200: MilestoneSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                   404: INVALID_PAGE}),
    retrieve=extend_schema(responses={200: MilestoneSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(responses={201: MilestoneSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN}),
    update=extend_schema(responses={200: MilestoneSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                    403: FORBIDDEN, 404: NOT_FOUND}),
    partial_update=extend_schema(responses={200: MilestoneSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                            403: FORBIDDEN, 404: NOT_FOUND}),
    destroy=extend_schema(responses={204: None, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND}),
)
class MilestoneViewSet(ExportMixin, viewsets.ModelViewSet):
    """Milestones of the actions' implementation trajectory (coordinators write)."""

    serializer_class = MilestoneSerializer
    permission_classes = [VocabularyPermission]
    required_perms = {name: "can_manage_plans" for name in ("create", "update", "partial_update", "destroy")}
    filterset_class = MilestoneFilter

    def get_queryset(self):
        # Scoped like the actions: a milestone of an action the user cannot see is a 404.
        visible = actions_visible_to(self.request.user).values("pk")
        return Milestone.objects.filter(action_id__in=visible).select_related("action").order_by("due_date", "id")

    def perform_create(self, serializer):
        serializer.instance = svc.milestone_create(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "action" in data and data["action"] != serializer.instance.action:
            raise serializers.ValidationError({"action": [_("Een mijlpaal verhuist niet naar een andere actie.")]})
        data.pop("action", None)
        serializer.instance = svc.milestone_update(milestone=serializer.instance, user=self.request.user, **data)

    def perform_destroy(self, instance):
        svc.milestone_delete(milestone=instance, user=self.request.user)


class SignOffFilter(django_filters.FilterSet):
    plan = IdFilter(label=_("Actieplan"), field_name="plan")

    class Meta:
        model = SignOff
        fields = ["plan"]


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("plan", OpenApiTypes.INT)],
                       responses={200: SignOffSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                  403: FORBIDDEN, 404: INVALID_PAGE}),
    retrieve=extend_schema(responses={200: SignOffSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                                      404: NOT_FOUND}),
)
class SignOffViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    """Per plan, one sign-off per lead domain of its actions.

    Read by the same rule as the pages: coordinators all, a domain contact those of their domains
    (``can_view_domain_answers``); other roles are refused (403), like on ``/plannen/<id>/goedkeuringen/…``.
    """

    serializer_class = SignOffSerializer
    permission_classes = [VocabularyPermission]
    required_read_perms = {"list": "can_view_assignments"}
    required_object_perms = {"retrieve": "can_view_signoff", "sign": "can_sign_off"}
    filterset_class = SignOffFilter

    def get_queryset(self):
        qs = SignOff.objects.select_related("domain", "signed_by").order_by("plan_id", "domain__order", "id")
        return sel.scoped_to_answer_domains(qs, perms_for(self.request.user)) if self.action == "list" else qs

    @extend_schema(
        summary=_("Ondertekenen voor het beleidsdomein"), request=SignSerializer,
        responses={200: SignOffSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                   404: NOT_FOUND, 409: CONFLICT},
    )
    @view_action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        signoff = self.get_object()
        serializer = SignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signoff = svc.signoff_sign(signoff=signoff, user=request.user, remark=serializer.validated_data["remark"])
        return Response(SignOffSerializer(self.get_queryset().get(pk=signoff.pk)).data)


class AssignmentFilter(django_filters.FilterSet):
    plan = IdFilter(label=_("Actieplan"), field_name="action__plan_items__plan")  # an action is once in a plan
    domain = IdFilter(label=_("Beleidsdomein"), field_name="domain")
    state = django_filters.ChoiceFilter(label=_("Stand"), choices=AssignmentState.choices,
                                        error_messages={"invalid_choice": _("Onbekende stand.")})
    mine = django_filters.BooleanFilter(label=_("Alleen mijn beleidsdomeinen"), method="filter_mine")

    class Meta:
        model = Assignment
        fields = ["plan", "domain", "state", "mine"]

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(domain_id__in=perms_for(self.request.user).contact_domain_ids)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("plan", OpenApiTypes.INT), OpenApiParameter("domain", OpenApiTypes.INT),
            OpenApiParameter("state", OpenApiTypes.STR, enum=[v for v, _l in AssignmentState.choices]),
            OpenApiParameter("mine", OpenApiTypes.BOOL, description=_("Alleen de domeinen waarvan u contactpersoon bent.")),
        ],
        responses={200: AssignmentSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                   403: FORBIDDEN, 404: INVALID_PAGE}),
    retrieve=extend_schema(responses={200: AssignmentSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                                      404: NOT_FOUND}),
)
class AssignmentViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    """Domains made lead or partner of an action in a plan, and whether they agree.

    Read by the same rule as "Ter bevestiging": coordinators all, a domain contact those of their
    domains (``can_view_domain_answers``); other roles are refused (403).
    """

    serializer_class = AssignmentSerializer
    permission_classes = [VocabularyPermission]
    required_read_perms = {"list": "can_view_assignments"}
    required_object_perms = {"retrieve": "can_view_assignment",
                             "accept": "can_respond_assignment", "decline": "can_respond_assignment"}
    filterset_class = AssignmentFilter

    def get_queryset(self):
        qs = Assignment.objects.select_related("action", "domain").order_by("domain__order", "action__code", "id")
        return sel.scoped_to_answer_domains(qs, perms_for(self.request.user)) if self.action == "list" else qs

    def _respond(self, assignment):
        return Response(AssignmentSerializer(self.get_queryset().get(pk=assignment.pk)).data)

    @extend_schema(
        summary=_("Akkoord (met een opmerking: akkoord met opmerking)"), request=AcceptSerializer,
        responses={200: AssignmentSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        assignment = self.get_object()
        serializer = AcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._respond(svc.assignment_respond(
            assignment=assignment, user=request.user, decision="accept", remark=serializer.validated_data["remark"]))

    @extend_schema(
        summary=_("Niet akkoord, met een reden"), request=DeclineSerializer,
        responses={200: AssignmentSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        assignment = self.get_object()
        serializer = DeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._respond(svc.assignment_respond(
            assignment=assignment, user=request.user, decision="decline", remark=serializer.validated_data["reason"]))


class ExportFormatConverter:
    """``<plan_export_format:fmt>``: one of the formats a plan exports to."""

    regex = "|".join(exports.FORMATS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "plan_export_format")

urlpatterns = [
    path("plans/<id:id>/export.<plan_export_format:fmt>", PlanExportView.as_view(), name="plan-export"),
]


def register(router) -> None:
    """Register this part's viewsets on the shared router."""
    router.register("plans", PlanViewSet, basename="plan")
    router.register("milestones", MilestoneViewSet, basename="milestone")
    router.register("signoffs", SignOffViewSet, basename="signoff")
    router.register("assignments", AssignmentViewSet, basename="assignment")
