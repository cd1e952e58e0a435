"""API of the meetings: ``/api/v1/meetings/`` (list and detail with agenda items and decisions; writes for
coordinators: the meeting, its agenda items and their decisions)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as view_action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from actieplan.api.permissions import VocabularyPermission
from actieplan.models import Action, StatusChange
from common.exports import ExportMixin
from governance import selectors, services
from governance.models import AgendaItem, Body, Decision, Meeting
from monitoring.api import FIELD_ERRORS, FORBIDDEN, NO_PAGE, NOT_AUTHENTICATED, NOT_FOUND
from werkgroepen.people import person_name


class MeetingDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "agenda_item", "text", "responsible", "due_date", "created_at"]
        read_only_fields = ["id", "created_at"]


class MeetingDecisionCreateSerializer(serializers.Serializer):
    agenda_item = serializers.IntegerField(min_value=1, help_text=_("Id van het agendapunt van deze vergadering."))
    text = serializers.CharField(max_length=5000)
    responsible = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    status_change = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None,
        help_text=_("Optioneel: id van de statuswijziging van de actie die in deze vergadering beslist werd."))


class AgendaItemSerializer(serializers.ModelSerializer):
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.exclude(status="draft"), required=False,
                                                allow_null=True)
    action_code = serializers.CharField(source="action.code", read_only=True, default=None, allow_null=True)
    decisions = MeetingDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "action", "action_code", "notes", "is_escalation", "decisions"]
        read_only_fields = ["id", "order", "is_escalation", "decisions"]


class ActionDecisionSerializer(serializers.ModelSerializer):
    action_code = serializers.CharField(source="action.code")

    class Meta:
        model = StatusChange
        fields = ["id", "action", "action_code", "from_status", "to_status", "at", "reason"]


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.all())
    body_name = serializers.CharField(source="body.name", read_only=True)
    attendees = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True),
                                                   many=True, required=False)
    attendee_names = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "body", "body_name", "date", "location", "attendees", "attendee_names", "minutes",
                  "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def get_attendee_names(self, obj) -> list[str]:
        return [person_name(u) for u in obj.attendees.all()]


class MeetingDetailSerializer(MeetingSerializer):
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    action_decisions = ActionDecisionSerializer(source="status_changes", many=True, read_only=True)
    export_agenda_docx = serializers.SerializerMethodField()
    export_decisions_docx = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = MeetingSerializer.Meta.fields + ["agenda_items", "action_decisions", "export_agenda_docx",
                                                  "export_decisions_docx"]

    def get_export_agenda_docx(self, obj) -> str:
        return f"/overleg/{obj.pk}/agenda.docx"

    def get_export_decisions_docx(self, obj) -> str:
        return f"/overleg/{obj.pk}/beslissingen.docx"


def _service_call(func, **kwargs):
    try:
        return func(**kwargs)
    except PermissionDenied as error:
        raise ApiPermissionDenied(str(error))
    except ValidationError as error:
        raise ApiValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


WRITE = {"create": "is_coordinator", "update": "is_coordinator", "partial_update": "is_coordinator",
         "destroy": "is_coordinator", "agenda_items": "is_coordinator", "decisions": "is_coordinator"}


@extend_schema_view(
    list=extend_schema(summary=_("Vergaderingen"),
                       responses={200: MeetingSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                  404: NO_PAGE}),
    retrieve=extend_schema(summary=_("Vergadering met agenda en beslissingen"),
                           responses={200: MeetingDetailSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(summary=_("Vergadering aanmaken (coördinatoren)"),
                         responses={201: MeetingDetailSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                    403: FORBIDDEN}),
    update=extend_schema(responses={200: MeetingDetailSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                    403: FORBIDDEN, 404: NOT_FOUND}),
    partial_update=extend_schema(responses={200: MeetingDetailSerializer, 400: FIELD_ERRORS,
                                            401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND}),
    destroy=extend_schema(responses={204: None, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND}),
)
@extend_schema(tags=["meetings"])
class MeetingViewSet(ExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Meetings of the governance bodies (stuurgroep, werkgroepen, coördinatie WEWIS); the list exports with
    ``?format=csv|xlsx``."""

    export_basename = "vergaderingen"

    permission_classes = [VocabularyPermission]
    required_perms = WRITE
    filterset_class = selectors.MeetingFilter
    ordering_fields = ["date", "id"]

    def get_serializer_class(self):
        if self.action == "list":
            return MeetingSerializer
        if self.action == "agenda_items":
            return AgendaItemSerializer
        if self.action == "decisions":
            return MeetingDecisionCreateSerializer
        return MeetingDetailSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        if self.action == "list":
            return selectors.meetings().prefetch_related("attendees").order_by("-date", "-id")
        return selectors.meeting_detail_queryset()

    def _detail(self, meeting, code=status.HTTP_200_OK):
        meeting = selectors.meeting_detail_queryset().get(pk=meeting.pk)
        return Response(MeetingDetailSerializer(meeting, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        attendees = data.pop("attendees", None)
        meeting = _service_call(services.meeting_create, user=request.user, data=data, attendees=attendees)
        return self._detail(meeting, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        meeting = self.get_object()
        serializer = self.get_serializer(meeting, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        attendees = data.pop("attendees", None)
        meeting = _service_call(services.meeting_update, meeting=Meeting.objects.get(pk=meeting.pk),
                                user=request.user, data=data, attendees=attendees)
        return self._detail(meeting)

    def destroy(self, request, *args, **kwargs):
        meeting = self.get_object()
        _service_call(services.meeting_delete, meeting=meeting, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary=_("Agendapunt toevoegen (coördinatoren)"), request=AgendaItemSerializer,
                   responses={201: MeetingDetailSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                              403: FORBIDDEN, 404: NOT_FOUND})
    @view_action(detail=True, methods=["post"], url_path="agenda-items")
    def agenda_items(self, request, pk=None):
        meeting = self.get_object()
        serializer = AgendaItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _service_call(services.agenda_item_create, meeting=meeting, user=request.user, title=data["title"],
                      action=data.get("action"), notes=data.get("notes", ""))
        return self._detail(meeting, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Beslissing noteren bij een agendapunt (coördinatoren)"),
                   request=MeetingDecisionCreateSerializer,
                   responses={201: MeetingDetailSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                              403: FORBIDDEN, 404: NOT_FOUND})
    @view_action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        meeting = self.get_object()
        serializer = MeetingDecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = AgendaItem.objects.filter(meeting=meeting, pk=data["agenda_item"]).select_related("meeting").first()
        if item is None:
            raise ApiValidationError({"agenda_item": [_("Dit agendapunt hoort niet bij deze vergadering.")]})
        change = None
        if data.get("status_change"):
            change = StatusChange.objects.filter(pk=data["status_change"]).first()
            if change is None:
                raise ApiValidationError({"status_change": [_("Deze statuswijziging bestaat niet.")]})
        _service_call(services.decision_create, item=item, user=request.user, text=data["text"],
                      responsible=data["responsible"], due_date=data["due_date"], status_change=change)
        return self._detail(meeting, status.HTTP_201_CREATED)


