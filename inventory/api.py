"""API of the inventory: ``/api/v1/measures/`` and ``/api/v1/evidence/``.

Read by every signed-in user; measures are written by coordinators and the contacts of the
measure's responsible domain, evidence by coordinators; read-only users (cabinets) only read.
Lists filter with the same FilterSets as the pages and export with ``?format=csv|xlsx``.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from actieplan.actions.selectors import actions_visible_to
from actieplan.api.permissions import VocabularyPermission
from actieplan.models import Action, Barrier, Organisation, PolicyDomain, TargetGroup
from common.api_filters import StrictFilterBackend
from common.exports import ExportMixin
from inventory import selectors, services
from inventory.filters import EvidenceFilter, MeasureFilter
from inventory.models import EvidenceSource, LinkKind, Measure, MeasureActionLink, MeasureStatus, SourceType
from monitoring.api import FIELD_ERRORS, FORBIDDEN, NO_PAGE, NOT_AUTHENTICATED, NOT_FOUND


class MeasureActionLinkSerializer(serializers.Serializer):
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all(), label=_("actie"))
    action_code = serializers.CharField(source="action.code", read_only=True, label=_("actiecode"))
    kind = serializers.ChoiceField(choices=LinkKind.choices, label=_("relatie"))
    kind_display = serializers.CharField(source="get_kind_display", read_only=True, label=_("relatie (tekst)"))


class MeasureSerializer(serializers.ModelSerializer):
    responsible_domain = serializers.PrimaryKeyRelatedField(queryset=PolicyDomain.objects.all(),
                                                            label=_("beleidsdomein"))
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), allow_null=True,
                                                      required=False, label=_("organisatie"))
    target_groups = serializers.PrimaryKeyRelatedField(queryset=TargetGroup.objects.all(), many=True,
                                                       required=False, label=_("doelgroepen"))
    barriers = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all(), many=True, required=False,
                                                  label=_("drempels"))
    status = serializers.ChoiceField(choices=MeasureStatus.choices, required=False, label=_("status"))
    status_display = serializers.CharField(source="get_status_display", read_only=True, label=_("status (tekst)"))
    action_links = serializers.SerializerMethodField(label=_("gekoppelde acties"))
    set_action_links = MeasureActionLinkSerializer(many=True, required=False, write_only=True,
                                            label=_("gekoppelde acties (vervangt de koppelingen)"))

    class Meta:
        model = Measure
        fields = ["id", "name", "description", "responsible_domain", "organisation", "target_groups", "barriers",
                  "basis", "link", "status", "status_display", "action_links", "set_action_links", "created_at",
                  "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    @extend_schema_field(MeasureActionLinkSerializer(many=True))
    def get_action_links(self, obj) -> list[dict]:
        links = getattr(obj, "visible_links", None)
        if links is None:
            request = self.context.get("request")
            links = selectors.action_links_visible_to(request.user, obj) if request else []
        return [{"action": link.action_id, "action_code": link.action.code, "kind": link.kind,
                 "kind_display": link.get_kind_display()} for link in links]

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "set_action_links" in values:
            values["set_action_links"] = [(row["action"], row["kind"]) for row in values["set_action_links"]]
        return values


def _split(validated: dict, m2m_names) -> tuple[dict, dict, list | None]:
    data = dict(validated)
    links = data.pop("set_action_links", None)
    m2m = {name: data.pop(name) for name in m2m_names if name in data}
    return data, m2m, links


def _visible_links(user):
    return Prefetch("action_links", to_attr="visible_links",
                    queryset=MeasureActionLink.objects.filter(action__in=actions_visible_to(user))
                    .select_related("action").order_by("action__code", "pk"))


LIST_ERRORS = {400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 404: NO_PAGE}
WRITE_ERRORS = {400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN}
OBJECT_WRITE_ERRORS = {**WRITE_ERRORS, 404: NOT_FOUND}


@extend_schema_view(
    list=extend_schema(summary=_("Bestaande maatregelen"), responses={200: MeasureSerializer(many=True),
                                                                     **LIST_ERRORS}),
    retrieve=extend_schema(summary=_("Eén bestaande maatregel"),
                           responses={200: MeasureSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(summary=_("Maatregel toevoegen"),
                         description=_("Coördinatoren, en contactpersonen voor een maatregel van hun beleidsdomein."),
                         responses={201: MeasureSerializer, **WRITE_ERRORS}),
    update=extend_schema(summary=_("Maatregel wijzigen"), responses={200: MeasureSerializer, **OBJECT_WRITE_ERRORS}),
    partial_update=extend_schema(summary=_("Maatregel deels wijzigen"),
                                 responses={200: MeasureSerializer, **OBJECT_WRITE_ERRORS}),
)
class MeasureViewSet(ExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Existing Flemish measures against barriers to work, with the actions that build on them."""

    serializer_class = MeasureSerializer
    permission_classes = [VocabularyPermission]
    filter_backends = [StrictFilterBackend]
    filterset_class = MeasureFilter
    required_perms = {"create": "can_manage_measures"}
    required_object_perms = {"update": "can_edit_measure", "partial_update": "can_edit_measure"}
    export_basename = "maatregelen"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Measure.objects.none()
        return selectors.measures().prefetch_related(_visible_links(self.request.user)).order_by("name", "pk")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _respond(self, measure, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=measure.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, m2m, links = _split(serializer.validated_data, services.MEASURE_M2M)
        measure = services.measure_create(user=request.user, data=data, m2m=m2m, links=links)
        return self._respond(measure, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        measure = self.get_object()
        serializer = self.get_serializer(measure, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data, m2m, links = _split(serializer.validated_data, services.MEASURE_M2M)
        services.measure_update(measure=measure, user=request.user, data=data, m2m=m2m, links=links)
        return self._respond(measure)


class EvidenceSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(required=False, allow_null=True, min_value=1900, max_value=2100,
                                    label=_("jaar"))
    source_type = serializers.ChoiceField(choices=SourceType.choices, label=_("soort bron"))
    source_type_display = serializers.CharField(source="get_source_type_display", read_only=True,
                                                label=_("soort bron (tekst)"))
    barriers = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all(), many=True, required=False,
                                                  label=_("drempels"))
    target_groups = serializers.PrimaryKeyRelatedField(queryset=TargetGroup.objects.all(), many=True,
                                                       required=False, label=_("doelgroepen"))
    measures = serializers.PrimaryKeyRelatedField(queryset=Measure.objects.all(), many=True, required=False,
                                                  label=_("maatregelen"))
    actions = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all(), many=True, required=False,
                                                 label=_("acties"))

    class Meta:
        model = EvidenceSource
        fields = ["id", "title", "authors", "year", "source_type", "source_type_display", "link", "key_findings",
                  "barriers", "target_groups", "measures", "actions", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


@extend_schema_view(
    list=extend_schema(summary=_("Onderzoek en evidentie"), responses={200: EvidenceSerializer(many=True),
                                                                      **LIST_ERRORS}),
    retrieve=extend_schema(summary=_("Eén bron"),
                           responses={200: EvidenceSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(summary=_("Bron toevoegen"), description=_("Coördinatoren."),
                         responses={201: EvidenceSerializer, **WRITE_ERRORS}),
    update=extend_schema(summary=_("Bron wijzigen"), responses={200: EvidenceSerializer, **OBJECT_WRITE_ERRORS}),
    partial_update=extend_schema(summary=_("Bron deels wijzigen"),
                                 responses={200: EvidenceSerializer, **OBJECT_WRITE_ERRORS}),
)
class EvidenceViewSet(ExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Studies, evaluations and figures with their key findings, linked to barriers, groups, measures, actions."""

    serializer_class = EvidenceSerializer
    permission_classes = [VocabularyPermission]
    filter_backends = [StrictFilterBackend]
    filterset_class = EvidenceFilter
    required_perms = {"create": "can_manage_evidence", "update": "can_manage_evidence",
                      "partial_update": "can_manage_evidence"}
    export_basename = "evidentie"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return EvidenceSource.objects.none()
        return selectors.evidence().prefetch_related(
            "measures",
            # only the actions the reader may see (a draft of another group stays hidden)
            Prefetch("actions", queryset=actions_visible_to(self.request.user).order_by("code", "pk")),
        ).order_by("-year", "title", "pk")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _respond(self, source, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=source.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, m2m, _links = _split(serializer.validated_data, services.EVIDENCE_M2M)
        source = services.evidence_create(user=request.user, data=data, m2m=m2m)
        return self._respond(source, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        source = self.get_object()
        serializer = self.get_serializer(source, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data, m2m, _links = _split(serializer.validated_data, services.EVIDENCE_M2M)
        services.evidence_update(source=source, user=request.user, data=data, m2m=m2m)
        return self._respond(source)
