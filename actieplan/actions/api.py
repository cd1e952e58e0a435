"""API views: thin. Scope with a selector, validate with a serializer, call one service."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from common.api_filters import StrictFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action as view_action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from actieplan.actions import serializers as s
from common.api.caching import CachedListMixin
from actieplan.api.permissions import VocabularyPermission
from actieplan.api_tokens import login_token_issue
from common.exports import ExportMixin
from actieplan.actions.filters import ActionFilter
from actieplan.models import Barrier, LinkedPlan, Organisation, PolicyDomain, Round, TargetGroup
from actieplan.actions.selectors import LIST_RELATED, M2M_PREFETCH, actions_visible_to
from actieplan.actions.services import action_create, action_transition, action_update
from werkgroepen.models import WorkingGroup

# Error bodies for the schema.
FIELD_ERRORS = OpenApiResponse(
    response={"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description=_("Ongeldige invoer: per veld een lijst met foutmeldingen."),
)
NOT_AUTHENTICATED = OpenApiResponse(s.ErrorDetailSerializer, description=_("Niet aangemeld."))
FORBIDDEN = OpenApiResponse(s.ErrorDetailSerializer, description=_("Uw rol laat dit niet toe."))
NOT_FOUND = OpenApiResponse(s.ErrorDetailSerializer, description=_("Bestaat niet of u mag het niet zien."))


# --------------------------------------------------------------------------- auth
class BadCredentials(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("Gebruikersnaam of wachtwoord is onjuist, of de account is niet actief.")
    default_code = "invalid_credentials"


class TokenObtainView(APIView):
    """Exchange a username and password for an API token (a new login token each time).

    ``authenticate()`` gets Django's own request, so django-axes counts a wrong password
    here as on the login page; after too many its middleware answers 429 instead
    (werkgroepen/lockout.py).
    """

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        operation_id="auth_token_create",
        summary=_("API-token opvragen"),
        description=_("Geef gebruikersnaam en wachtwoord; stuur het token daarna mee als `Authorization: Token …`."),
        request=s.TokenRequestSerializer,
        responses={
            200: s.TokenSerializer,
            400: OpenApiResponse(
                s.ErrorDetailSerializer,
                description=_("Onjuiste gegevens (`detail`) of ontbrekende velden (per veld)."),
            ),
            429: OpenApiResponse(
                s.ErrorDetailSerializer,
                description=_(
                    "Te veel mislukte pogingen voor deze gebruikersnaam vanaf dit adres, of te veel aanvragen: "
                    "`detail` zegt vanaf wanneer het opnieuw kan, `Retry-After` na hoeveel seconden."
                ),
            ),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        serializer = s.TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise BadCredentials()
        _token, key = login_token_issue(user=user)
        return Response(s.TokenSerializer({"token": key}).data)


# --------------------------------------------------------------------------- reference data
class ReadOnlyViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [VocabularyPermission]
    filter_backends = [OrderingFilter]
    ordering_fields = ["id", "name"]


@extend_schema_view(
    list=extend_schema(responses={200: s.BarrierSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.BarrierSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class BarrierViewSet(ReadOnlyViewSet):
    """Barriers to work (drempels) from the concept note."""

    queryset = Barrier.objects.order_by("order", "name", "pk")
    serializer_class = s.BarrierSerializer
    ordering_fields = ["id", "name", "order"]


@extend_schema_view(
    list=extend_schema(responses={200: s.TargetGroupSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.TargetGroupSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class TargetGroupViewSet(ReadOnlyViewSet):
    queryset = TargetGroup.objects.order_by("order", "name", "pk")
    serializer_class = s.TargetGroupSerializer
    ordering_fields = ["id", "name", "order"]


@extend_schema_view(
    list=extend_schema(responses={200: s.PolicyDomainSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.PolicyDomainSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class PolicyDomainViewSet(ReadOnlyViewSet):
    queryset = PolicyDomain.objects.order_by("order", "name", "pk")
    serializer_class = s.PolicyDomainSerializer
    ordering_fields = ["id", "name", "abbreviation", "order"]


@extend_schema_view(
    list=extend_schema(responses={200: s.OrganisationSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.OrganisationSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class OrganisationViewSet(ReadOnlyViewSet):
    queryset = Organisation.objects.order_by("name", "pk")
    serializer_class = s.OrganisationSerializer


@extend_schema_view(
    list=extend_schema(responses={200: s.LinkedPlanSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.LinkedPlanSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class LinkedPlanViewSet(ReadOnlyViewSet):
    queryset = LinkedPlan.objects.order_by("name", "pk")
    serializer_class = s.LinkedPlanSerializer


@extend_schema_view(
    list=extend_schema(responses={200: s.RoundSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.RoundSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class RoundViewSet(ReadOnlyViewSet):
    """Rounds (rondes) of proposals, each with its deadlines for proposals, alignment and the plan update."""

    queryset = Round.objects.order_by("number", "pk")
    serializer_class = s.RoundSerializer
    ordering_fields = ["id", "number", "name", "starts_on"]


@extend_schema_view(
    list=extend_schema(responses={200: s.WorkingGroupSerializer(many=True), 401: NOT_AUTHENTICATED}),
    retrieve=extend_schema(responses={200: s.WorkingGroupSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
)
class WorkingGroupViewSet(ReadOnlyViewSet):
    queryset = WorkingGroup.objects.prefetch_related("barriers", "target_groups").order_by("name", "pk")
    serializer_class = s.WorkingGroupSerializer


# --------------------------------------------------------------------------- actions
@extend_schema_view(
    list=extend_schema(
        summary=_("Acties (gefilterd zoals de lijstpagina)"),
        responses={200: s.ActionSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED},
    ),
    retrieve=extend_schema(responses={200: s.ActionSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(
        summary=_("Actie voorstellen (concept)"),
        responses={201: s.ActionSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
    update=extend_schema(
        summary=_("Actie wijzigen (met `version`)"),
        request=s.ActionUpdateSerializer,
        responses={
            200: s.ActionSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND,
            409: OpenApiResponse(s.EditConflictSerializer, description=_("Intussen gewijzigd door iemand anders.")),
        },
    ),
    partial_update=extend_schema(
        summary=_("Actie deels wijzigen (met `version`)"),
        request=s.ActionUpdateSerializer,
        responses={
            200: s.ActionSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND,
            409: OpenApiResponse(s.EditConflictSerializer, description=_("Intussen gewijzigd door iemand anders.")),
        },
    ),
)
class ActionViewSet(
    CachedListMixin,
    ExportMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Actions visible to the user, with the same filters and permissions as the pages."""

    serializer_class = s.ActionSerializer
    permission_classes = [VocabularyPermission]
    filter_backends = [StrictFilterBackend]
    filterset_class = ActionFilter
    required_perms = {"create": "can_create_actions"}
    required_object_perms = {"update": "can_edit_action", "partial_update": "can_edit_action"}

    def get_queryset(self):
        return (
            actions_visible_to(self.request.user)
            .select_related(*LIST_RELATED, "created_by", "updated_by")
            .prefetch_related(*M2M_PREFETCH)
            .order_by("code", "pk")
        )

    def filter_queryset(self, queryset):
        # The FilterSet narrows lists; a single action is found by id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _respond(self, action, status_code):
        fresh = self.get_queryset().get(pk=action.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, m2m = serializer.service_arguments()
        action = action_create(user=request.user, data=data, m2m=m2m)
        return self._respond(action, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data, m2m = serializer.service_arguments()
        action = action_update(
            action=instance, user=request.user, data=data, m2m=m2m,
            expected_version=serializer.validated_data.get("version"),
        )
        return self._respond(action, status.HTTP_200_OK)

    @extend_schema(
        summary=_("Status wijzigen"),
        description=_(
            "Voert een statusovergang uit volgens de levenscyclus. 403 als uw rol dit niet mag, "
            "409 als de overgang vanuit de huidige status niet bestaat, 400 als de reden ontbreekt. "
            "Samenvoegen: `{\"to\": \"merged\", \"into\": <id>, \"reason\": \"…\"}`; ongedaan maken met "
            "`POST /api/v1/actions/{id}/unmerge/`."
        ),
        request=s.TransitionSerializer,
        responses={
            200: s.TransitionResultSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: OpenApiResponse(
                s.ErrorDetailSerializer, description=_("Overgang niet toegelaten vanuit deze status.")
            ),
        },
    )
    @view_action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        instance = self.get_object()
        serializer = s.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        action = action_transition(
            action=instance, user=request.user, to=data["to"], reason=data["reason"],
            into=data.get("into"), carry_over=data.get("carry_over"),
        )
        return Response(s.TransitionResultSerializer(action).data)
