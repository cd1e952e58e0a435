"""API of the alignment part (phase 2); registered by ``actieplan.api.urls``.

* ``GET  actions/{id}/similar/``                    overlap suggestions, best first
* ``GET  actions/similar-to/?title=…&description=…``  existing actions like a proposal being typed
* ``POST actions/{id}/similar/{other_id}/dismiss/`` "geen overlap" for a pair (coordinators)
* ``GET  actions/{id}/lineage/``                    where an action came from through merges
* ``POST actions/{id}/unmerge/``                    undo a merge (coordinators)
* ``/action-links/``                               typed links between actions
* ``GET  decisions/``                               the decision log (filterable)
* ``GET  coverage/``                                barriers × policy domains / target groups

Decisions themselves use ``POST actions/{id}/transition/`` (``actieplan.actions.api``).
"""

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from common.api_filters import StrictFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import ListAPIView
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from actieplan.alignment import services as alignment
from actieplan.alignment import similarity
from actieplan.api.permissions import VocabularyPermission
from common.api.throttling import UserThrottle
from actieplan.actions.serializers import ErrorDetailSerializer, TransitionResultSerializer
from actieplan.models import Action, ActionLink, LinkType, Status
from actieplan.permissions import perms_for
from actieplan.actions.selectors import actions_visible_to
from common.ids import IdModelChoiceFilter
from overlap import services as overlap
from werkgroepen.people import person_name

NOT_AUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description=_("Niet aangemeld."))
FORBIDDEN = OpenApiResponse(ErrorDetailSerializer, description=_("Uw rol laat dit niet toe."))
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description=_("Bestaat niet of u mag het niet zien."))
INVALID_PAGE = OpenApiResponse(ErrorDetailSerializer, description=_("Deze pagina bestaat niet."))
FIELD_ERRORS = OpenApiResponse(
    response={"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description=_("Ongeldige invoer: per veld een lijst met foutmeldingen."),
)


class AlignmentPermission(VocabularyPermission):
    """The project's permission class, extended for plain API views.

    ``required_read_perms`` names a Perms property needed to read; on views without
    viewset actions ``required_perms`` is keyed by HTTP method (``{"post": "can_align"}``).
    """

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            name = getattr(view, "required_read_perms", None)
            message = _("Alleen coördinatoren en kabinetten raadplegen dit overzicht.")
        else:
            name = None if hasattr(view, "action") else getattr(view, "required_perms", {}).get(request.method.lower())
            message = _("Alleen een coördinator mag dit doen.")
        if name and not getattr(perms_for(request.user), name):
            self.message = message
            return False
        return True


def _visible_action(request, pk):
    return get_object_or_404(actions_visible_to(request.user), pk=pk)


# --------------------------------------------------------------------------- serializers
class SentencePairSerializer(serializers.Serializer):
    own = serializers.CharField(help_text=_("De zin van deze actie (of van de getypte tekst)."))
    other = serializers.CharField(help_text=_("De zin van de andere actie die er het meest op lijkt."))
    similarity = serializers.FloatField()


class SuggestionSerializer(serializers.Serializer):
    action = serializers.IntegerField(help_text=_("Id van de gelijkaardige actie."))
    score = serializers.FloatField(min_value=0, max_value=1, help_text=_("Gelijkenis van 0 tot 1."))
    shared_terms = serializers.ListField(child=serializers.CharField(), help_text=_("Gedeelde woorden."))
    synonyms = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2), required=False,
        help_text=_("Synoniemen uit de thesaurus die de teksten verbinden: [term hier, term daar]."))
    sentences = SentencePairSerializer(allow_null=True, required=False,
                                       help_text=_("Bij een betekenisovereenkomst: de meest gelijkende zinnen."))
    explanation = serializers.CharField(required=False, help_text=_("Uitleg in het Nederlands."))


class SimilarToSuggestionSerializer(SuggestionSerializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField()
    owner = serializers.CharField(help_text=_("Werkgroep of voorstellend beleidsdomein."))
    url = serializers.CharField(help_text=_("De pagina van de actie."))


class SimilarToQuerySerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, trim_whitespace=True)
    description = serializers.CharField(max_length=10000, trim_whitespace=True)
    working_group = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                             help_text=_("De werkgroep waarvoor het voorstel geschreven wordt."))
    exclude = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                       help_text=_("Id van de actie die bewerkt wordt (niet zichzelf tonen)."))


class DismissalSerializer(serializers.Serializer):
    action = serializers.IntegerField()
    other = serializers.IntegerField()
    dismissed = serializers.BooleanField()


class UnmergeSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="",
                                   help_text=_("Waarom de samenvoeging ongedaan wordt gemaakt (optioneel)."))


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class LineageNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_display = serializers.CharField()
    working_group = NamedSerializer(allow_null=True)
    proposing_domain = NamedSerializer(allow_null=True)
    barriers = NamedSerializer(many=True)
    merged_at = serializers.DateTimeField(allow_null=True, help_text=_("Wanneer deze actie werd samengevoegd."))
    merged_by = serializers.CharField(allow_null=True)
    merge_reason = serializers.CharField(allow_blank=True)


class LineageTreeSerializer(LineageNodeSerializer):
    merged_from = serializers.ListField(
        child=serializers.DictField(), help_text=_("Acties die in deze actie zijn opgegaan (zelfde vorm, recursief)."))


class LineageSerializer(serializers.Serializer):
    action = serializers.IntegerField()
    merged_into_chain = LineageNodeSerializer(many=True, help_text=_("Waarin deze actie opging, en zo verder."))
    tree = LineageTreeSerializer()
    proposals = LineageNodeSerializer(many=True, help_text=_("Deze actie en alle voorstellen die erin opgingen."))
    working_groups = NamedSerializer(many=True)
    proposing_domains = NamedSerializer(many=True)
    barriers = NamedSerializer(many=True)


class ActionLinkSerializer(serializers.ModelSerializer):
    type = serializers.ChoiceField(choices=LinkType.choices)
    type_display = serializers.CharField(source="get_type_display", read_only=True)
    from_action_code = serializers.CharField(source="from_action.code", read_only=True)
    to_action_code = serializers.CharField(source="to_action.code", read_only=True)
    created_by = serializers.SerializerMethodField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")

    class Meta:
        model = ActionLink
        fields = ["id", "from_action", "from_action_code", "to_action", "to_action_code", "type", "type_display",
                  "reason", "created_by", "created_at"]
        read_only_fields = ["created_at"]
        validators = []  # duplicates and self-links are refused by the service, with a clear message

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            visible = actions_visible_to(request.user)
            self.fields["from_action"].queryset = visible
            self.fields["to_action"].queryset = visible

    def get_created_by(self, obj) -> str | None:
        return person_name(obj.created_by, default=None)


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.IntegerField(source="action_id")
    action_code = serializers.CharField(source="action.code")
    action_title = serializers.CharField(source="action.title")
    working_group = serializers.IntegerField(source="action.working_group_id", allow_null=True)
    working_group_name = serializers.CharField(source="action.working_group.name", default=None, allow_null=True)
    proposing_domain = serializers.IntegerField(source="action.proposing_domain_id", allow_null=True)
    barrier = serializers.IntegerField(source="action.primary_barrier_id")
    barrier_name = serializers.CharField(source="action.primary_barrier.name")
    decision = serializers.SerializerMethodField()
    decision_display = serializers.SerializerMethodField()
    from_status = serializers.ChoiceField(choices=Status.choices)
    to_status = serializers.ChoiceField(choices=Status.choices)
    into = serializers.IntegerField(source="into_id", allow_null=True,
                                    help_text=_("Bij samenvoegen: de actie waarin ze opging."))
    into_code = serializers.CharField(allow_null=True)
    by = serializers.IntegerField(source="by_id", allow_null=True)
    by_name = serializers.SerializerMethodField()
    at = serializers.DateTimeField()
    reason = serializers.CharField(allow_blank=True)
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True,
                                       help_text=_("De vergadering waarin de beslissing genomen werd."))

    @staticmethod
    def _type(obj):
        return alignment.DecisionType.of(obj)

    def get_decision(self, obj) -> str:
        return self._type(obj)

    def get_decision_display(self, obj) -> str:
        return alignment.DecisionType.label(self._type(obj))

    def get_by_name(self, obj) -> str | None:
        return person_name(obj.by, default=None)


class CoverageBarrierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_priority = serializers.BooleanField()


class CoverageDomainSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()


class CoverageDomainCellSerializer(serializers.Serializer):
    barrier = serializers.IntegerField()
    policy_domain = serializers.IntegerField()
    submitted = serializers.IntegerField()
    retained = serializers.IntegerField()
    adopted = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    total = serializers.IntegerField()
    gap = serializers.BooleanField(help_text=_("Geen enkele ingediende, weerhouden, opgenomen of lopende actie: "
                                               "een leemte."))
    actions_url = serializers.CharField(help_text=_("De gefilterde actielijst (HTML)."))


class CoverageGroupCellSerializer(serializers.Serializer):
    barrier = serializers.IntegerField()
    target_group = serializers.IntegerField()
    submitted = serializers.IntegerField()
    retained = serializers.IntegerField()
    adopted = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    total = serializers.IntegerField()
    gap = serializers.BooleanField()
    actions_url = serializers.CharField()


class CoverageSerializer(serializers.Serializer):
    barriers = CoverageBarrierSerializer(many=True)
    policy_domains = CoverageDomainSerializer(many=True)
    target_groups = NamedSerializer(many=True)
    by_policy_domain = CoverageDomainCellSerializer(many=True)
    by_target_group = CoverageGroupCellSerializer(many=True)


# --------------------------------------------------------------------------- views
ACTION_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Id van de actie."))


class SimilarView(APIView):
    permission_classes = [AlignmentPermission]

    @extend_schema(
        operation_id="actions_similar_list",
        summary=_("Gelijkaardige acties (overlapsuggesties)"),
        description=_(
            "Ingediende en weerhouden acties die op deze actie lijken, beste eerst, met een score van 0 tot 1 "
            "en de gedeelde woorden. Paren die een coördinator als ‘geen overlap’ markeerde, ontbreken. "
            "Alleen suggesties vanaf de getoonde drempel; `limit` (1-50, standaard 10)."
        ),
        parameters=[ACTION_ID, OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": 50},
                                                      description=_("Maximaal aantal (1-50)."))],
        responses={200: SuggestionSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
        tags=["alignment"],
    )
    def get(self, request, pk):
        action = _visible_action(request, pk)
        raw = request.query_params.get("limit", "10")
        if not raw.isdigit() or not 1 <= int(raw) <= 50:
            raise serializers.ValidationError({"limit": [_("Geef een getal tussen 1 en 50.")]})
        limit = int(raw)
        suggestions = overlap.similar_to(action, limit=limit)
        return Response(SuggestionSerializer([_suggestion_data(s) for s in suggestions], many=True).data)


def _suggestion_data(s) -> dict:
    return {"action": s.action, "score": s.score, "shared_terms": s.shared_terms,
            "synonyms": [list(pair) for pair in s.synonyms],
            "sentences": None if s.sentences is None else {"own": s.sentences.own, "other": s.sentences.other,
                                                           "similarity": s.sentences.similarity},
            "explanation": s.explanation}


class SimilarToThrottle(UserThrottle):
    """Asked while a proposal is typed, and every call embeds a text: its own, lower rate."""

    scope = "similar_to"


class SimilarToView(APIView):
    """``GET /api/v1/actions/similar-to/?title=…&description=…``: the "Lijkt op …" warning."""

    permission_classes = [AlignmentPermission]
    throttle_classes = [SimilarToThrottle]

    @extend_schema(
        operation_id="actions_similar_to_list",
        summary=_("Bestaande acties die lijken op een voorstel in opmaak"),
        description=_(
            "De drie bestaande acties (elke werkgroep, elke status behalve ontwerpen van andere groepen) die het "
            "meest lijken op de gegeven titel en beschrijving, beste eerst, met een score van 0 tot 1 en de "
            "uitleg. Bedoeld om te waarschuwen voor een dubbel voorstel vóór het indienen. Alleen voor wie acties "
            "mag aanmaken; beperkt in aantal oproepen per minuut."
        ),
        parameters=[
            OpenApiParameter("title", OpenApiTypes.STR, required=True, description=_("Titel (1-200 tekens).")),
            OpenApiParameter("description", OpenApiTypes.STR, required=True,
                             description=_("Beschrijving (1-10.000 tekens).")),
            OpenApiParameter("working_group", OpenApiTypes.INT,
                             description=_("Werkgroep waarvoor het voorstel is: haar ontwerpen tellen mee.")),
            OpenApiParameter("exclude", OpenApiTypes.INT, description=_("Id van de actie die bewerkt wordt.")),
        ],
        responses={200: SimilarToSuggestionSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                   403: FORBIDDEN, 429: OpenApiResponse(ErrorDetailSerializer, description=_("Te veel oproepen."))},
        tags=["alignment"],
    )
    def get(self, request):
        perms = perms_for(request.user)
        if not perms.can_create_actions:
            raise PermissionDenied(_("Alleen wie acties mag voorstellen, kan dit opvragen."))
        query = SimilarToQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        group = data.get("working_group")
        if group is not None and not (perms.is_coordinator or group in perms.member_group_ids):
            group = None  # only one's own group's drafts count
        found = overlap.similar_to_text(title=data["title"], description=data["description"], user=request.user,
                                        working_group_id=group, exclude=data.get("exclude"))
        actions = {a.pk: a for a in Action.objects.filter(pk__in=[s.action for s in found]).select_related(
            "working_group", "proposing_domain")}
        rows = []
        for s in found:
            action = actions.get(s.action)
            if action is None:
                continue
            owner = action.working_group or action.proposing_domain
            rows.append({**_suggestion_data(s), "code": action.code, "title": action.title,
                         "status": action.status, "status_display": action.get_status_display(),
                         "owner": str(owner) if owner else "", "url": action.get_absolute_url()})
        return Response(SimilarToSuggestionSerializer(rows, many=True).data)


class DismissView(APIView):
    permission_classes = [AlignmentPermission]
    required_perms = {"post": "can_align"}

    @extend_schema(
        operation_id="actions_similar_dismiss",
        summary=_("Suggestie afwijzen: geen overlap"),
        description=_("Dit paar komt niet meer terug in de suggesties. Alleen coördinatoren."),
        parameters=[ACTION_ID, OpenApiParameter("other_id", OpenApiTypes.INT, OpenApiParameter.PATH,
                                                description=_("Id van de andere actie."))],
        request=None,
        responses={200: DismissalSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
                   404: NOT_FOUND},
        tags=["alignment"],
    )
    def post(self, request, pk, other_id):
        action = _visible_action(request, pk)
        other = _visible_action(request, other_id)
        alignment.similarity_dismiss(user=request.user, action=action, other=other)
        return Response({"action": action.pk, "other": other.pk, "dismissed": True})


class LineageView(APIView):
    permission_classes = [AlignmentPermission]

    @extend_schema(
        operation_id="actions_lineage_retrieve",
        summary=_("Herkomst van een actie"),
        description=_("Uit welke voorstellen, werkgroepen en drempels de actie via samenvoegingen ontstond, "
                      "en waarin ze zelf eventueel opging."),
        parameters=[ACTION_ID],
        responses={200: LineageSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
        tags=["alignment"],
    )
    def get(self, request, pk):
        action = _visible_action(request, pk)
        return Response(LineageSerializer(alignment.lineage(action)).data)


class UnmergeView(APIView):
    permission_classes = [AlignmentPermission]
    required_perms = {"post": "can_align"}

    @extend_schema(
        operation_id="actions_unmerge",
        summary=_("Samenvoeging ongedaan maken"),
        description=_("Beide acties krijgen exact terug wat ze vóór de samenvoeging hadden; de samengevoegde "
                      "actie wordt opnieuw ‘ingediend’. 409 als de actie niet samengevoegd is."),
        parameters=[ACTION_ID],
        request=UnmergeSerializer,
        responses={
            200: TransitionResultSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorDetailSerializer, description=_("Niets om ongedaan te maken.")),
        },
        tags=["alignment"],
    )
    def post(self, request, pk):
        action = _visible_action(request, pk)
        serializer = UnmergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        restored = alignment.action_unmerge(action=action, user=request.user,
                                            reason=serializer.validated_data["reason"])
        return Response(TransitionResultSerializer(restored).data)


class ActionLinkFilter(django_filters.FilterSet):
    action = IdModelChoiceFilter(
        label=_("Actie (van of naar)"), queryset=Action.objects.all(), field_name="from_action", method="filter_action")
    type = django_filters.ChoiceFilter(label=_("Soort"), choices=LinkType.choices)

    class Meta:
        model = ActionLink
        fields = ["action", "type"]

    def filter_action(self, queryset, name, value):
        return queryset.filter(Q(from_action=value) | Q(to_action=value))


@extend_schema_view(
    list=extend_schema(summary=_("Koppelingen tussen acties"),
                       responses={200: ActionLinkSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                                  404: INVALID_PAGE}),
    retrieve=extend_schema(responses={200: ActionLinkSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    create=extend_schema(
        summary=_("Twee acties koppelen"),
        description=_("Coördinatoren, of contactpersonen van het beleidsdomein van een van beide acties. "
                      "Een koppeling met zichzelf, een dubbele koppeling of een kringloop van ‘hangt af van’ "
                      "wordt geweigerd (400)."),
        responses={201: ActionLinkSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
    destroy=extend_schema(summary=_("Koppeling verwijderen (coördinatoren)"),
                          responses={204: None, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND}),
)
class ActionLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = ActionLinkSerializer
    permission_classes = [AlignmentPermission]
    filter_backends = [StrictFilterBackend]
    filterset_class = ActionLinkFilter
    required_object_perms = {"destroy": "can_delete_link"}

    def get_queryset(self):
        links = ActionLink.objects.all()
        if perms_for(self.request.user).visible_actions_q():  # empty for coordinators: they see every action
            visible = actions_visible_to(self.request.user)
            links = links.filter(from_action__in=visible, to_action__in=visible)
        return (
            links.select_related("from_action", "to_action", "created_by")
            .order_by("-created_at", "-id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        link = alignment.link_create(user=request.user, from_action=data["from_action"], to_action=data["to_action"],
                                     type=data["type"], reason=data.get("reason", ""))
        return Response(self.get_serializer(self.get_queryset().get(pk=link.pk)).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        alignment.link_delete(user=self.request.user, link=instance)


@extend_schema(
    summary=_("Beslissingslogboek"),
    description=_("Alle beslissingen over ingediende acties (weerhouden, niet weerhouden, samengevoegd, "
                  "teruggestuurd, samenvoeging ongedaan gemaakt): wie, wanneer en waarom. "
                  "Coördinatoren en kabinetten."),
    responses={200: DecisionSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN,
               404: INVALID_PAGE},
    tags=["alignment"],
)
class DecisionListView(ListAPIView):
    serializer_class = DecisionSerializer
    permission_classes = [AlignmentPermission]
    required_read_perms = "can_view_alignment_reports"
    filter_backends = [StrictFilterBackend]
    filterset_class = alignment.DecisionFilter

    def get_queryset(self):
        _filterset, queryset = alignment.decision_log()
        return queryset


def coverage_data() -> dict:
    data = alignment.coverage()
    list_url = alignment.coverage_list_url_maker()
    by_domain, by_group = [], []
    for row in data["by_domain"]:
        for cell in row["cells"]:
            cell.pop("detail")
            by_domain.append({**cell, "gap": not cell["total"],
                              "actions_url": list_url(barrier=cell["barrier"], lead_domain=cell["policy_domain"])})
    for row in data["by_target_group"]:
        for cell in row["cells"]:
            cell.pop("detail")
            by_group.append({**cell, "gap": not cell["total"],
                             "actions_url": list_url(barrier=cell["barrier"], target_group=cell["target_group"])})
    return {
        "barriers": [{"id": b.pk, "name": b.name, "is_priority": b.is_priority} for b in data["barriers"]],
        "policy_domains": [{"id": d.pk, "name": d.name, "abbreviation": d.abbreviation}
                           for d in data["policy_domains"]],
        "target_groups": [{"id": t.pk, "name": t.name} for t in data["target_groups"]],
        "by_policy_domain": by_domain,
        "by_target_group": by_group,
    }


class CoverageView(APIView):
    permission_classes = [AlignmentPermission]
    required_read_perms = "can_view_alignment_reports"

    @extend_schema(
        operation_id="coverage_retrieve",
        summary=_("Dekkingsmatrix"),
        description=_("Aantal ingediende, weerhouden, opgenomen en lopende (in uitvoering) acties per drempel × "
                      "beleidsdomein (trekker) en per drempel × doelgroep; lege cellen zijn leemtes. Coördinatoren "
                      "en kabinetten."),
        responses={200: CoverageSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
        tags=["alignment"],
    )
    def get(self, request):
        # coverage_data() is already in the documented shape (plain ints, strings and
        # booleans); running CoverageSerializer over its hundreds of cells only cost time.
        return Response(coverage_data())


urlpatterns = [
    path("actions/similar-to/", SimilarToView.as_view(), name="action-similar-to"),
    path("actions/<id:pk>/similar/", SimilarView.as_view(), name="action-similar"),
    path("actions/<id:pk>/similar/<id:other_id>/dismiss/", DismissView.as_view(),
         name="action-similar-dismiss"),
    path("actions/<id:pk>/lineage/", LineageView.as_view(), name="action-lineage"),
    path("actions/<id:pk>/unmerge/", UnmergeView.as_view(), name="action-unmerge"),
    path("decisions/", DecisionListView.as_view(), name="decision-list"),
    path("coverage/", CoverageView.as_view(), name="coverage"),
]


def register(router) -> None:
    """Register this part's viewsets on the shared router."""
    router.register("action-links", ActionLinkViewSet, basename="action-link")
