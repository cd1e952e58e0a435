"""API of data exchange: Excel imports and API tokens (read-only ones and login tokens).

``GET  /api/v1/imports/template.xlsx``   the template (``?working_group=`` fills it with that group's actions)
``POST /api/v1/imports/``                multipart ``file`` (+ ``working_group`` or ``proposing_domain``) → 201
``GET  /api/v1/imports/{id}/``           ``status``, ``preview`` rows and ``errors``
``POST /api/v1/imports/{id}/confirm/``   write all rows or none
``GET/POST /api/v1/api-tokens/``, ``POST /api/v1/api-tokens/{id}/revoke/``
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action as view_action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from actieplan import api_tokens
from actieplan.exchange import importer
from actieplan.actions.serializers import ErrorDetailSerializer
from common.exports import XLSX_MEDIA_TYPE, ExportMixin, file_response
from actieplan.models import ApiToken, ImportJob, ImportStatus, PolicyDomain
from actieplan.permissions import perms_for
from actieplan.actions.selectors import M2M_PREFETCH, actions_visible_to
from common.ids import parse_id
from common.api.negotiation import check_single_values
from werkgroepen.models import WorkingGroup
from werkgroepen.people import person_name

NOT_AUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description=_("Niet aangemeld."))
FORBIDDEN = OpenApiResponse(ErrorDetailSerializer, description=_("Uw rol laat dit niet toe."))
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description=_("Bestaat niet of u mag het niet zien."))
CONFLICT = OpenApiResponse(ErrorDetailSerializer, description=_("Niet (meer) klaar om in te lezen."))
BAD_REQUEST = OpenApiResponse(
    {"type": "object", "additionalProperties": True},
    description=_("Geweigerd bestand (`detail`) of ongeldige velden (per veld een lijst met meldingen)."),
)


class FirstRendererNegotiation(BaseContentNegotiation):
    """The template is a file whatever the client accepts; errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        check_single_values(request.query_params, (getattr(request, "parser_context", None) or {}).get("view"))
        return renderers[0], renderers[0].media_type


# --------------------------------------------------------------------------- serializers
class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=_("Rijnummer in Excel (1 = kolomtitels; 0 = het hele bestand)."))
    column = serializers.CharField(allow_blank=True, help_text=_("Kolomtitel; leeg als de fout het hele bestand of de hele rij betreft."))
    message = serializers.CharField()


class ImportPreviewRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    operation = serializers.ChoiceField(
        choices=["create", "update", "unchanged", "error"],
        help_text=_("create: nieuwe actie; update: bestaande actie met dezelfde code wijzigt; "
                    "unchanged: niets te doen; error: de rij heeft fouten (zie `errors`)."),
    )
    code = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    action_id = serializers.IntegerField(allow_null=True)
    changes = serializers.ListField(child=serializers.CharField(), help_text=_("Gewijzigde kolommen (bij update)."))


class ImportCountsSerializer(serializers.Serializer):
    create = serializers.IntegerField()
    update = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    error = serializers.IntegerField()


class ImportJobSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=ImportStatus.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    created_by = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    can_confirm = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id", "filename", "status", "status_display", "progress", "total_rows",
            "working_group", "proposing_domain", "created_by", "created_at", "finished_at",
            "counts", "can_confirm",
        ]
        read_only_fields = fields

    def get_created_by(self, obj) -> str:
        return person_name(obj.created_by)

    @extend_schema_field(ImportCountsSerializer)
    def get_counts(self, obj):
        return importer.counts(obj)

    def get_can_confirm(self, obj) -> bool:
        return bool(importer.can_confirm(obj))


class ImportJobDetailSerializer(ImportJobSerializer):
    preview = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    class Meta(ImportJobSerializer.Meta):
        fields = [*ImportJobSerializer.Meta.fields, "preview", "errors", "result"]
        read_only_fields = fields

    @extend_schema_field(ImportPreviewRowSerializer(many=True))
    def get_preview(self, obj):
        return importer.public_preview(obj)

    @extend_schema_field(ImportErrorSerializer(many=True))
    def get_errors(self, obj):
        return obj.errors or []

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_result(self, obj):
        return obj.result or {}


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, help_text=_("Een Excel-werkmap (.xlsx), maximaal 10 MB en 10.000 acties, zonder formules of macro's."))
    working_group = serializers.PrimaryKeyRelatedField(
        queryset=WorkingGroup.objects.all(), required=False, allow_null=True,
        help_text=_("De werkgroep waarin de acties komen. Mag ontbreken voor een voorzitter van één werkgroep."),
    )
    proposing_domain = serializers.PrimaryKeyRelatedField(
        queryset=PolicyDomain.objects.all(), required=False, allow_null=True,
        help_text=_("Alleen coördinatoren: acties als voorstellen van dit beleidsdomein (zonder werkgroep)."),
    )


class ApiTokenSerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()
    revoked_by = serializers.SerializerMethodField()
    revoked_reason = serializers.SerializerMethodField()
    is_active = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "kind", "prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at",
                  "revoked_by", "revoked_reason", "is_active"]
        read_only_fields = fields

    def get_user(self, obj) -> str:
        return person_name(obj.user)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_revoked_by(self, obj):
        return person_name(obj.revoked_by, default=None)

    @extend_schema_field(serializers.ChoiceField(choices=ApiToken.RevokedReason.choices, allow_null=True))
    def get_revoked_reason(self, obj):
        return obj.revoked_reason or None

    def get_is_active(self, obj) -> bool:
        return obj.is_active


class ApiTokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text=_("Waarvoor het token dient, bv. ‘rapportering kabinet’."))


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text=_("De sleutel: alleen nu zichtbaar. Stuur mee als `Token …`."))

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


# --------------------------------------------------------------------------- template
def _template_group(request):
    raw = request.query_params.get("working_group")
    if raw in (None, ""):
        return None
    pk = parse_id(raw)
    if pk is None:
        raise exceptions.ValidationError({"working_group": [_("Geef het nummer (id) van een werkgroep.")]})
    group = WorkingGroup.objects.filter(pk=pk).first()
    if group is None:
        raise exceptions.NotFound(_("Deze werkgroep bestaat niet."))
    return group


def template_actions(user, group):
    """The actions a prefilled template holds: the group's actions the user may see."""
    if group is None:
        return []
    return (
        actions_visible_to(user).filter(working_group=group)
        .select_related("primary_barrier", "lead_domain")
        .prefetch_related(*M2M_PREFETCH)
        .order_by("code", "pk")
    )


class ImportTemplateView(APIView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        operation_id="imports_template",
        summary=_("Importsjabloon (XLSX)"),
        description=_("Het Excel-sjabloon met keuzelijsten uit de referentiedata. Met `working_group` staan de "
                      "acties van die werkgroep erin (die u mag zien): aanpassen en opnieuw opladen."),
        parameters=[OpenApiParameter("working_group", OpenApiTypes.INT, required=False,
                                     description=_("Vul het sjabloon met de acties van deze werkgroep."))],
        responses={
            (200, XLSX_MEDIA_TYPE): OpenApiTypes.BINARY,
            400: BAD_REQUEST, 401: NOT_AUTHENTICATED,
        },
        tags=["imports"],
    )
    def get(self, request):
        group = _template_group(request)
        content = importer.template_workbook(actions=template_actions(request.user, group))
        basename = f"acties-{group.code_prefix.lower()}" if group else "sjabloon-acties"
        return file_response(content, "xlsx", basename)


# --------------------------------------------------------------------------- imports
@extend_schema_view(
    list=extend_schema(summary=_("Mijn imports"), responses={200: ImportJobSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(
        summary=_("Status, voorbeeld en fouten van een import"),
        responses={200: ImportJobDetailSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    ),
    create=extend_schema(
        summary=_("Excel-bestand opladen"),
        description=_("Controleert het bestand en maakt een voorbeeld; er wordt nog niets opgeslagen. Grote bestanden "
                      "(meer dan 500 rijen) worden op de achtergrond gecontroleerd: volg `status` en `progress`."),
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportJobDetailSerializer, 400: BAD_REQUEST, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
)
class ImportJobViewSet(ExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    """Excel imports of proposed actions: upload, preview with errors, confirm (all rows or none)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = ImportJobSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ImportJob.objects.none()
        return importer.jobs_visible_to(self.request.user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        if self.action == "create":
            return ImportUploadSerializer
        if self.action in ("retrieve", "confirm"):
            return ImportJobDetailSerializer
        return ImportJobSerializer

    def create(self, request, *args, **kwargs):
        perms = perms_for(request.user)
        if not importer.can_import(perms):
            raise exceptions.PermissionDenied(
                _("Alleen de voorzitter van een werkgroep of een coördinator kan acties inlezen.")
            )
        serializer = ImportUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = serializer.validated_data.get("working_group")
        domain = serializer.validated_data.get("proposing_domain")
        if group is None and domain is None and len(perms.chair_group_ids) == 1 and not perms.is_coordinator:
            group = WorkingGroup.objects.get(pk=next(iter(perms.chair_group_ids)))
        try:
            job = importer.import_start(
                user=request.user, upload=serializer.validated_data["file"],
                working_group=group, proposing_domain=domain,
            )
        except importer.RefusedFile as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict)
        job.refresh_from_db()
        return Response(ImportJobDetailSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Import bevestigen: alle rijen of geen"),
        description=_("Schrijft alle rijen van het voorbeeld in één transactie, via dezelfde regels als het "
                      "formulier. Mislukt één rij, dan wordt niets opgeslagen (400, met `errors`). Grote bestanden "
                      "worden op de achtergrond ingelezen (202): volg dan `status`."),
        request=None,
        responses={
            200: ImportJobDetailSerializer, 202: ImportJobDetailSerializer,
            400: OpenApiResponse(ImportJobDetailSerializer, description=_("Niets ingelezen: zie `errors`.")),
            401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT,
        },
    )
    @view_action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        job = self.get_object()
        try:
            job = importer.import_confirm(job=job, user=request.user)
        except importer.ImportNotReady as not_ready:
            return Response({"detail": str(not_ready)}, status=status.HTTP_409_CONFLICT)
        data = ImportJobDetailSerializer(job).data
        if job.status == ImportStatus.FAILED:
            return Response({**data, "detail": job.errors[0]["message"] if job.errors else ""},
                            status=status.HTTP_400_BAD_REQUEST)
        code = status.HTTP_202_ACCEPTED if job.status == ImportStatus.IMPORTING else status.HTTP_200_OK
        return Response(data, status=code)


# --------------------------------------------------------------------------- tokens
@extend_schema_view(
    list=extend_schema(
        summary=_("Mijn API-tokens (coördinatoren: alle)"),
        description=_(
            "Alleen-lezen tokens (`kind` `read_only`) en de tokens van `POST /api/v1/auth/token/` "
            "(`kind` `login`), met laatste gebruik, vervaldatum en intrekking."
        ),
        responses={200: ApiTokenSerializer(many=True), 401: NOT_AUTHENTICATED},
    ),
    retrieve=extend_schema(responses={200: ApiTokenSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(
        summary=_("Alleen-lezen API-token maken"),
        description=_("De sleutel (`key`) staat alleen in dit antwoord; bewaar hem meteen."),
        request=ApiTokenCreateSerializer,
        responses={201: ApiTokenCreatedSerializer, 400: BAD_REQUEST, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
)
class ApiTokenViewSet(ExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """API tokens: make a read-only one; list both kinds with last use and expiry; revoke."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return api_tokens.tokens_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return ApiTokenCreateSerializer
        return ApiTokenSerializer

    def create(self, request, *args, **kwargs):
        serializer = ApiTokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = api_tokens.api_token_create(user=request.user, name=serializer.validated_data["name"])
        data = ApiTokenCreatedSerializer(token).data
        data["key"] = key
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("API-token intrekken"),
        request=None,
        responses={200: ApiTokenSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @view_action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        token = self.get_object()
        token = api_tokens.api_token_revoke(token=token, user=request.user)
        return Response(ApiTokenSerializer(token).data)


urlpatterns = [
    path("imports/template.xlsx", ImportTemplateView.as_view(), name="import-template"),
]


def register(router) -> None:
    """Register this part's viewsets on the shared router."""
    router.register("imports", ImportJobViewSet, basename="import")
    router.register("api-tokens", ApiTokenViewSet, basename="api-token")
