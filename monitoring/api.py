"""API of monitoring: status updates, indicators and measurements, dashboard, cabinet report.

Thin views: scope with a selector, validate with a serializer, call one service. The
one DRF permission class (``VocabularyPermission``) refuses anonymous users and
read-only cabinets on writes; the services check the object-level rules.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from common.api_filters import StrictFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, renderers, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.decorators import action as view_action
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.caching import CachedListMixin, cached_json
from actieplan.api.permissions import VocabularyPermission
from actieplan.actions.serializers import ErrorDetailSerializer
from common.exports import ExportMixin
from actieplan.models import Action, PolicyDomain
from actieplan.permissions import perms_for
from actieplan.actions.selectors import actions_visible_to
from common.ids import MAX_ID, IdModelChoiceFilter, parse_id
from common import datacache
from monitoring import reports, selectors, services
from monitoring.models import (
    LATEST_FIRST,
    SERIES_ORDER,
    TOTAL,
    ActionOutcome,
    Indicator,
    IndicatorUnit,
    Measurement,
    OutcomeValue,
    ProgressState,
    StatusUpdate,
)
from monitoring.reports import json_day, json_number
from werkgroepen.models import WorkingGroup
from werkgroepen.people import person_name

FIELD_ERRORS = OpenApiResponse(
    response={"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description=_("Ongeldige invoer: per veld een lijst met foutmeldingen."),
)
NOT_AUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description=_("Niet aangemeld."))
FORBIDDEN = OpenApiResponse(ErrorDetailSerializer, description=_("Uw rol of portefeuille laat dit niet toe."))
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description=_("Bestaat niet of u mag het niet zien."))
NO_PAGE = OpenApiResponse(ErrorDetailSerializer, description=_("Deze pagina van de lijst bestaat niet."))


def _decimal(**kwargs):
    return serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False, **kwargs)


# --------------------------------------------------------------------------- status updates
class StatusUpdateSerializer(serializers.ModelSerializer):
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all())
    date = serializers.DateField()
    action_code = serializers.CharField(source="action.code", read_only=True)
    progress_state_display = serializers.CharField(source="get_progress_state_display", read_only=True)
    created_by = serializers.SerializerMethodField()
    editable_until = serializers.SerializerMethodField()

    class Meta:
        model = StatusUpdate
        fields = [
            "id", "action", "action_code", "date", "progress_state", "progress_state_display", "percent_complete",
            "done", "next_steps", "blockers", "link", "created_by", "created_at", "editable_until",
        ]
        read_only_fields = ["created_at"]

    def get_created_by(self, obj) -> str:
        return person_name(obj.created_by, default="")

    def get_editable_until(self, obj) -> str:
        return (obj.created_at + services.EDIT_WINDOW).isoformat() if obj.created_at else ""

    def validate(self, attrs):
        if self.instance is not None and "action" in attrs and attrs["action"].pk != self.instance.action_id:
            raise serializers.ValidationError({"action": _("Een stand van zaken verhuist niet naar een andere actie.")})
        return attrs


class StatusUpdateFilter(django_filters.FilterSet):
    action = IdModelChoiceFilter(label=_("Actie"), queryset=Action.objects.all())
    progress_state = django_filters.ChoiceFilter(label=_("Voortgang"), choices=ProgressState.choices)
    domain = IdModelChoiceFilter(
        label=_("Trekker (beleidsdomein)"), queryset=PolicyDomain.objects.all(), field_name="action__lead_domain"
    )

    class Meta:
        model = StatusUpdate
        fields = ["action", "progress_state", "domain"]


@extend_schema_view(
    list=extend_schema(
        summary=_("Standen van zaken"),
        responses={200: StatusUpdateSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 404: NO_PAGE},
    ),
    retrieve=extend_schema(responses={200: StatusUpdateSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(
        summary=_("Stand van zaken plaatsen"),
        description=_("Door de contactpersoon van het trekkende beleidsdomein of een coördinator, vanaf de "
                      "opname in het actieplan."),
        responses={201: StatusUpdateSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
    update=extend_schema(
        summary=_("Stand van zaken corrigeren (binnen 24 uur)"),
        responses={200: StatusUpdateSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                   404: NOT_FOUND},
    ),
    partial_update=extend_schema(
        summary=_("Stand van zaken deels corrigeren (binnen 24 uur)"),
        responses={200: StatusUpdateSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                   404: NOT_FOUND},
    ),
)
class StatusUpdateViewSet(
    CachedListMixin,
    ExportMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress reports (standen van zaken) of the actions visible to the user."""

    serializer_class = StatusUpdateSerializer
    permission_classes = [VocabularyPermission]
    filter_backends = [StrictFilterBackend]
    filterset_class = StatusUpdateFilter

    def get_queryset(self):
        queryset = StatusUpdate.objects.all()
        visible = actions_visible_to(self.request.user)
        if visible.query.has_filters():  # a coordinator sees every report: no join to count them
            queryset = queryset.filter(action__in=visible)
        return queryset.select_related("action", "created_by").order_by("-date", "-id")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        action = data.pop("action")
        update = services.status_update_create(action=action, user=request.user, data=data)
        return Response(self.get_serializer(self.get_queryset().get(pk=update.pk)).data,
                        status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("action", None)
        update = services.status_update_edit(update=instance, user=request.user, data=data)
        return Response(self.get_serializer(self.get_queryset().get(pk=update.pk)).data)


# --------------------------------------------------------------------------- indicators
class MeasurementSerializer(serializers.ModelSerializer):
    value = _decimal()
    year = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=9999)
    date = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The plausible range (services.EARLIEST_YEAR .. this year), also in the schema.
        self.fields["year"] = serializers.IntegerField(
            required=False, allow_null=True, min_value=services.EARLIEST_YEAR, max_value=timezone.localdate().year)

    class Meta:
        model = Measurement
        fields = ["id", "year", "date", "value", "note", "target_group", "region", "created_at"]
        read_only_fields = ["created_at", "target_group", "region"]

    def validate(self, attrs):
        if attrs.get("year") is None and attrs.get("date") is None:
            raise serializers.ValidationError({"year": _("Geef het jaar of de datum van de meting op.")})
        return attrs


class IndicatorSerializer(serializers.ModelSerializer):
    unit = serializers.ChoiceField(choices=IndicatorUnit.choices, read_only=True)
    unit_display = serializers.CharField(source="get_unit_display", read_only=True)
    baseline_value = _decimal(read_only=True, allow_null=True)
    target_value = _decimal(read_only=True, allow_null=True)
    latest_value = serializers.SerializerMethodField()
    latest_period = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id", "name", "slug", "definition", "unit", "unit_display", "source", "baseline_value", "baseline_year",
            "target_value", "target_year", "higher_is_better", "barriers", "actions", "latest_value",
            "latest_period",
        ]
        read_only_fields = fields

    def _latest(self, obj):
        series = getattr(obj, "series", None)
        return series[-1] if series else None

    def get_latest_value(self, obj) -> float | None:
        latest = self._latest(obj)
        return float(latest.value) if latest else None

    def get_latest_period(self, obj) -> str | None:
        latest = self._latest(obj)
        if latest is None:
            return None
        return latest.date.isoformat() if latest.date else str(latest.year)


@extend_schema_view(
    list=extend_schema(summary=_("Indicatoren"), responses={200: IndicatorSerializer(many=True),
                                                            401: NOT_AUTHENTICATED, 404: NO_PAGE}),
    retrieve=extend_schema(responses={200: IndicatorSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class IndicatorViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    """Indicators (the key figures of the concept note) with their latest measurement."""

    serializer_class = IndicatorSerializer
    permission_classes = [VocabularyPermission]
    filter_backends = []
    required_perms = {"measurements": "can_manage_indicators"}

    def get_queryset(self):
        # ``series``: only the latest measurement (the last in the series order) of each indicator
        latest_id = Measurement.objects.filter(TOTAL, indicator_id=OuterRef("pk")).order_by(*LATEST_FIRST)
        latest = Measurement.objects.filter(
            id__in=Indicator.objects.annotate(latest_id=Subquery(latest_id.values("id")[:1])).values("latest_id"))
        return Indicator.objects.prefetch_related(
            "barriers", "actions", Prefetch("measurements", queryset=latest, to_attr="series"),
        ).order_by("order", "name", "pk")

    @extend_schema(
        methods=["GET"], summary=_("Metingen van een indicator"),
        responses={200: MeasurementSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"], summary=_("Meting toevoegen"),
        description=_("Coördinatoren. Met `year` of `date`; een waarde buiten het aannemelijke bereik van de "
                      "eenheid (bv. een percentage boven 100) wordt geweigerd met 400."),
        request=MeasurementSerializer,
        responses={201: MeasurementSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                   404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["get", "post"], pagination_class=None)
    def measurements(self, request, pk=None):
        indicator = get_object_or_404(Indicator, pk=pk)
        if request.method == "GET":
            rows = indicator.measurements.order_by(*SERIES_ORDER)
            return Response(MeasurementSerializer(rows, many=True).data)
        serializer = MeasurementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        measurement = services.measurement_create(
            indicator=indicator, user=request.user, value=data["value"], year=data.get("year"),
            date=data.get("date"), note=data.get("note", ""),
        )
        return Response(MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


# --------------------------------------------------------------------------- dashboard
class ChoiceCountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    url = serializers.CharField(help_text=_("De gefilterde lijst achter dit getal."))


class ObjectCountSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="key")
    label = serializers.CharField()
    count = serializers.IntegerField()
    url = serializers.CharField(help_text=_("De gefilterde lijst achter dit getal."))


class OverdueUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    lead_domain = serializers.IntegerField(allow_null=True)
    last_update_on = serializers.DateField(allow_null=True)
    next_due_on = serializers.DateField()
    days_overdue = serializers.IntegerField()


class OverdueMilestoneSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    due_date = serializers.DateField()
    action = serializers.IntegerField()
    action_code = serializers.CharField()


class SlippedActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    baseline_planned_end = serializers.DateField()
    planned_end = serializers.DateField()
    slippage_days = serializers.IntegerField()


class IndicatorDistanceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=IndicatorUnit.choices)
    baseline_value = serializers.FloatField(allow_null=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    target_value = serializers.FloatField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    current_value = serializers.FloatField(allow_null=True)
    distance_to_target = serializers.FloatField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    today = serializers.DateField()
    domain = serializers.IntegerField(allow_null=True)
    working_group = serializers.IntegerField(allow_null=True)
    total = serializers.IntegerField()
    by_status = ChoiceCountSerializer(many=True)
    by_progress = ChoiceCountSerializer(many=True)
    reporting = ChoiceCountSerializer(many=True)
    by_barrier = ObjectCountSerializer(many=True)
    by_lead_domain = ObjectCountSerializer(many=True)
    overdue_updates = OverdueUpdateSerializer(many=True)
    overdue_milestones = OverdueMilestoneSerializer(many=True)
    slipped = SlippedActionSerializer(many=True)
    indicators = IndicatorDistanceSerializer(many=True)


def dashboard_data(board) -> dict:
    """The dashboard in JSON types, exactly as :class:`DashboardSerializer` would give it.

    Built directly: the lists hold every overdue row, thousands in a large plan, where the
    serializer would take most of the time (a test checks both give the same JSON).
    """
    def choices(rows):
        return [{"key": str(r["key"]), "label": str(r["label"]), "count": r["count"], "url": r["url"]} for r in rows]

    def objects(rows):
        return [{"id": r["key"], "label": str(r["label"]), "count": r["count"], "url": r["url"]} for r in rows]

    return {
        "today": json_day(board.today),
        "domain": board.domain.pk if board.domain else None,
        "working_group": board.working_group.pk if board.working_group else None,
        "total": board.total,
        "by_status": choices(board.by_status),
        "by_progress": choices(board.by_progress),
        "reporting": choices(board.reporting),
        "by_barrier": objects(board.by_barrier),
        "by_lead_domain": objects(board.by_lead_domain),
        "overdue_updates": [
            {"id": a.pk, "code": a.code, "title": a.title, "lead_domain": a.lead_domain_id,
             "last_update_on": json_day(a.reporting.last_update_on), "next_due_on": json_day(a.reporting.next_due_on),
             "days_overdue": a.reporting.days_overdue}
            for a in board.overdue_updates
        ],
        "overdue_milestones": [
            {"id": m.pk, "title": m.title, "due_date": json_day(m.due_date), "action": m.action_id,
             "action_code": m.action.code}
            for m in board.overdue_milestones
        ],
        "slipped": [
            {"id": a.pk, "code": a.code, "title": a.title, "baseline_planned_end": json_day(a.baseline.planned_end),
             "planned_end": json_day(a.planned_end), "slippage_days": a.slippage}
            for a in board.slipped
        ],
        "indicators": [
            {"id": r["indicator"].pk, "name": r["indicator"].name, "unit": r["indicator"].unit,
             "baseline_value": json_number(r["indicator"].baseline_value),
             "baseline_year": r["indicator"].baseline_year,
             "target_value": json_number(r["indicator"].target_value), "target_year": r["indicator"].target_year,
             "current_value": json_number(r["current"]),
             "distance_to_target": json_number(r["distance"])}
            for r in board.indicators
        ],
    }


class DashboardView(APIView):
    """The numbers behind the WEWIS dashboard; per policy domain (trekker) or working group."""

    permission_classes = [VocabularyPermission]

    @extend_schema(
        operation_id="dashboard_retrieve",
        summary=_("Dashboard"),
        parameters=[
            OpenApiParameter("domain", OpenApiTypes.INT, description=_("Alleen acties die dit beleidsdomein trekt.")),
            OpenApiParameter("working_group", OpenApiTypes.INT, description=_("Alleen acties van deze werkgroep.")),
        ],
        responses={200: DashboardSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
        tags=["dashboard"],
    )
    def get(self, request):
        perms = perms_for(request.user)
        domain = self._object(request, "domain", PolicyDomain)
        group = self._object(request, "working_group", WorkingGroup)
        if domain is None and group is None:
            allowed = perms.can_view_dashboard
        else:
            allowed = perms.can_view_dashboard or (
                (domain is None or perms.can_view_domain_dashboard(domain))
                and (group is None or perms.can_view_group_dashboard(group))
            )
        if not allowed:
            raise PermissionDenied(_("Dit dashboard valt buiten uw portefeuille."))
        def data():
            board = selectors.dashboard(user=request.user, domain=domain, working_group=group)
            return dashboard_data(board)  # the DashboardSerializer's output, built directly

        return cached_json(self, request, "monitoring-api-dashboard", request.user.pk,
                            domain.pk if domain else None, group.pk if group else None, data=data,
                            topics=datacache.user_scoped_topics(perms.is_coordinator))

    @staticmethod
    def _object(request, name, model):
        raw = request.query_params.get(name)
        if not raw:
            return None
        pk = parse_id(raw)
        if pk is None:
            raise serializers.ValidationError({name: [_("Onbekende waarde: %(v)s.") % {"v": raw}]})
        found = model.objects.filter(pk=pk).first()
        if found is None:
            raise NotFound()  # a dashboard of something that does not exist: "Niet gevonden."
        return found


# --------------------------------------------------------------------------- cabinet report
class ReportDomainSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()


class ReportUpdateSerializer(serializers.Serializer):
    date = serializers.DateField()
    progress_state = serializers.ChoiceField(choices=ProgressState.choices)
    percent_complete = serializers.IntegerField()
    done = serializers.CharField()
    next_steps = serializers.CharField(allow_blank=True)
    blockers = serializers.CharField(allow_blank=True)


class ReportMilestoneSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_date = serializers.DateField()


class ReportActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField()
    lead_domain = serializers.IntegerField(allow_null=True)
    lead_domain_name = serializers.CharField(allow_blank=True)
    planned_end = serializers.DateField(allow_null=True)
    progress_state = serializers.CharField(allow_null=True)
    progress_state_display = serializers.CharField()
    percent_complete = serializers.IntegerField(allow_null=True)
    reporting = serializers.CharField(allow_null=True, help_text=_("fresh, due of overdue op de rapportdatum"))
    next_update_due_on = serializers.DateField(allow_null=True)
    slippage_days = serializers.IntegerField(allow_null=True)
    overdue_milestones = ReportMilestoneSerializer(many=True)
    reasons = serializers.ListField(child=serializers.CharField())
    latest_update = ReportUpdateSerializer(allow_null=True)


class ReportBarrierSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    actions = ReportActionSerializer(many=True)


class ReportMeasurementSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    value = serializers.FloatField()


class ReportIndicatorSerializer(IndicatorDistanceSerializer):
    source = serializers.CharField()
    measurements = ReportMeasurementSerializer(many=True)


class ReportCountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class ReportHeadlineSerializer(serializers.Serializer):
    actions = serializers.IntegerField()
    by_status = ReportCountSerializer(many=True)
    by_progress = ReportCountSerializer(many=True)
    overdue_updates = serializers.IntegerField()
    slipped = serializers.IntegerField()
    overdue_milestones = serializers.IntegerField()
    exceptions = serializers.IntegerField()
    average_percent = serializers.IntegerField(allow_null=True)


class CabinetReportSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    generated_at = serializers.DateTimeField()
    all_domains = serializers.BooleanField()
    domains = ReportDomainSerializer(many=True)
    headline = ReportHeadlineSerializer()
    exceptions = ReportActionSerializer(many=True)
    barriers = ReportBarrierSerializer(many=True)
    indicators = ReportIndicatorSerializer(many=True)


REPORT_PARAMETERS = [
    OpenApiParameter("domains", {"type": "string", "pattern": reports.DOMAIN_IDS_PATTERN}, description=_(
        "Id's van beleidsdomeinen, gescheiden door komma's (bv. `3,5`). Zonder: uw portefeuille, of het hele "
        "plan voor coördinatoren en kabinetten met alle domeinen.")),
    OpenApiParameter("as_of", OpenApiTypes.DATE, description=_(
        "De toestand op deze datum (JJJJ-MM-DD), uit de geschiedenis. Zonder, of een datum in de toekomst: "
        "vandaag (het veld `as_of` van het antwoord zegt welke dag het rapport toont).")),
]


def _report_params(request) -> tuple[list[int] | None, object]:
    domain_ids = reports.parse_domain_ids(request.query_params.get("domains"))
    if request.query_params.get("as_of", None) == "":
        raise serializers.ValidationError({"as_of": [_("Geef de datum op als JJJJ-MM-DD, bv. 2026-09-30.")]})
    as_of = reports.parse_as_of(request.query_params.get("as_of"), timezone.localdate(), future_is_today=True)
    return reports.resolve_portfolio(perms_for(request.user), domain_ids), as_of


def _report(request):
    portfolio, as_of = _report_params(request)
    return selectors.cabinet_report(domain_ids=portfolio, as_of=as_of)


class CabinetReportView(APIView):
    """The cabinet summary report as JSON, for a portfolio and a date."""

    permission_classes = [VocabularyPermission]

    @extend_schema(
        operation_id="reports_cabinet_retrieve",
        summary=_("Kabinetsrapport (JSON)"),
        parameters=REPORT_PARAMETERS,
        responses={200: CabinetReportSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
        tags=["reports"],
    )
    def get(self, request):
        portfolio, as_of = _report_params(request)

        def data():
            report = selectors.cabinet_report(domain_ids=portfolio, as_of=as_of)
            return reports.report_json(report)  # the CabinetReportSerializer's output, built directly

        # The same for everybody who may read this portfolio; thousands of actions: cached.
        return cached_json(self, request, "monitoring-api-cabinet-report", portfolio, as_of, data=data,
                           topics=datacache.MONITORING_TOPICS)


class PDFRenderer(renderers.BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CabinetReportPdfView(APIView):
    """The cabinet summary report as PDF (same content as the page)."""

    permission_classes = [VocabularyPermission]
    renderer_classes = [PDFRenderer, renderers.JSONRenderer]

    @extend_schema(
        operation_id="reports_cabinet_pdf",
        summary=_("Kabinetsrapport (PDF)"),
        parameters=REPORT_PARAMETERS,
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description=_("Het rapport als PDF.")),
            (400, "application/json"): FIELD_ERRORS,
            (401, "application/json"): NOT_AUTHENTICATED,
            (403, "application/json"): FORBIDDEN,
        },
        tags=["reports"],
    )
    def get(self, request):
        report = _report(request)
        response = HttpResponse(reports.render_pdf_cached(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="kabinetsrapport-{report["as_of"]:%Y-%m-%d}.pdf"'
        return response

    def handle_exception(self, exc):
        # Errors are JSON, whatever the client accepted.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return response


# --------------------------------------------------------------------------- outcomes per action
class OutcomeValueSerializer(serializers.ModelSerializer):
    value = _decimal(read_only=True)
    date = serializers.DateField(source="status_update.date", read_only=True,
                                 help_text=_("De datum van de stand van zaken met deze meting."))
    fictitious = serializers.BooleanField(source="is_fictitious", read_only=True,
                                          help_text=_("Waar voor fictieve demogegevens."))

    class Meta:
        model = OutcomeValue
        fields = ["status_update", "date", "value", "note", "fictitious"]
        read_only_fields = fields


class ActionOutcomeSerializer(serializers.ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    unit_display = serializers.CharField(source="get_unit_display", read_only=True)
    baseline_value = _decimal(read_only=True, allow_null=True)
    target_value = _decimal(read_only=True)
    values = OutcomeValueSerializer(source="measured", many=True, read_only=True,
                                    help_text=_("De gemeten waarden uit de standen van zaken, oudste eerst."))

    class Meta:
        model = ActionOutcome
        fields = ["id", "action", "indicator", "indicator_name", "kind", "kind_display", "description", "unit",
                  "unit_display", "baseline_value", "baseline_year", "target_value", "target_year", "values"]
        read_only_fields = fields


@extend_schema_view(get=extend_schema(
    summary=_("Beoogde resultaten van een actie"),
    description=_("De beoogde outputs en outcomes van de actie (indicator, basiswaarde, streefwaarde, streefjaar) "
                  "met de waarden gemeten in de standen van zaken. Wie de actie mag zien, mag ze lezen."),
    parameters=[OpenApiParameter("id", {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID},
                                 OpenApiParameter.PATH, description=_("De id van de actie."))],
    responses={200: ActionOutcomeSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
))
class ActionOutcomeListView(generics.ListAPIView):
    serializer_class = ActionOutcomeSerializer
    permission_classes = [VocabularyPermission]
    filter_backends = []

    def get_queryset(self):
        action = get_object_or_404(actions_visible_to(self.request.user), pk=parse_id(self.kwargs["pk"]))
        return selectors.action_outcomes(action)
