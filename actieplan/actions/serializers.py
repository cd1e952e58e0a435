"""Representations of the API. Relations are ids; display names are read-only extras.

A client can take what GET returns, change fields and send it back: read-only
fields are ignored on write. Writes go through ``actieplan.actions.services``; the
serializers only validate types, lengths and ids.
"""

from django.utils.translation import gettext_lazy as _
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actieplan.models import (
    Round,
    Action,
    Barrier,
    LinkedPlan,
    Organisation,
    PolicyDomain,
    Status,
    TargetGroup,
)
from actieplan.alignment.services import CARRY_OVER_CHOICES
from actieplan.permissions import perms_for
from actieplan.actions.services import M2M_FIELDS
from werkgroepen.models import WorkingGroup
from werkgroepen.people import person_name


# --------------------------------------------------------------------------- reference data
class BarrierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Barrier
        fields = ["id", "name", "slug", "citizen_wording", "reason", "is_priority", "taken_further", "order"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "name", "slug", "description", "has_largest_potential", "parent", "order"]


class PolicyDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyDomain
        fields = ["id", "name", "abbreviation", "order"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "abbreviation", "policy_domain"]


class LinkedPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = LinkedPlan
        fields = ["id", "name", "reference", "description"]


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["id", "number", "name", "description", "starts_on", "proposals_deadline", "alignment_deadline",
                  "plan_update_deadline"]


class WorkingGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "code_prefix", "description", "barriers", "target_groups", "is_active"]


# --------------------------------------------------------------------------- actions
def _person(user) -> str | None:
    return person_name(user, default=None)


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """The object's API address, without the ``?format=`` of the request (an export's ``url`` column
    pointed at ``…/api/v1/actions/59/?format=xlsx``, which answers 404)."""

    def get_url(self, obj, view_name, request, format):
        path = reverse(view_name, kwargs={self.lookup_url_kwarg: getattr(obj, self.lookup_field)})
        return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field({"type": "string", "format": "uri"})
class PageUrlField(serializers.Field):
    """The address of the object's page in the application (``get_absolute_url``)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class ActionSerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:action-detail", help_text=_("Het adres van de actie in de API."))
    page_url = PageUrlField(label=_("Pagina"), help_text=_("Het adres van de pagina van de actie."))
    code = serializers.CharField(
        max_length=20, required=False, allow_blank=True,
        help_text=_("Leeg bij aanmaken: de volgende code van de werkgroep, bv. MOB-03."),
    )
    status = serializers.CharField(read_only=True, help_text=_("Wijzigt alleen via de transition-actie."))
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    version = serializers.IntegerField(
        min_value=1, required=False,
        help_text=_("Verplicht bij wijzigen: de versie die u las. Een andere versie geeft 409."),
    )
    working_group_name = serializers.CharField(source="working_group.name", read_only=True, default=None, allow_null=True)
    lead_domain_name = serializers.CharField(source="lead_domain.name", read_only=True, default=None, allow_null=True)
    lead_organisation_name = serializers.CharField(source="lead_organisation.name", read_only=True, default=None,
                                                   allow_null=True)
    responsible = serializers.CharField(
        max_length=200, required=False, allow_blank=True,
        help_text=_("Optioneel: de verantwoordelijke persoon of het team."),
    )
    local_partners = serializers.CharField(
        max_length=3000, required=False, allow_blank=True,
        help_text=_("Optioneel: lokale partners (gemeenten, OCMW's, lokale partnerschappen), één per regel."),
    )
    created_by = serializers.SerializerMethodField()
    updated_by = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id", "url", "page_url", "code", "title", "description",
            "primary_barrier", "secondary_barriers", "target_groups", "intended_result",
            "working_group", "working_group_name", "proposing_domain",
            "lead_domain", "lead_domain_name", "partner_domains", "partner_organisations",
            "lead_organisation", "lead_organisation_name", "responsible", "local_partners",
            "level", "instrument_type", "budget_impact", "budget_estimate", "linked_plans",
            "planned_start", "planned_end",
            "status", "status_display", "allowed_transitions", "version",
            "created_by", "created_at", "updated_by", "updated_at", "merged_into",
        ]
        read_only_fields = ["created_at", "updated_at", "merged_into"]
        # Code uniqueness per group/domain is checked by the service, with a clear message.
        validators = []

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_created_by(self, obj) -> str | None:
        return _person(obj.created_by)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_updated_by(self, obj) -> str | None:
        return _person(obj.updated_by)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Status.choices)))
    def get_allowed_transitions(self, obj) -> list[str]:
        request = self.context.get("request")
        return perms_for(request.user).allowed_transitions(obj) if request else []

    def validate(self, attrs):
        if self.instance is not None:
            # An action stays with the group or domain that proposed it; sending the
            # same value back (round trip) is fine.
            for name in ("working_group", "proposing_domain"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: _("Een bestaande actie kan niet naar een andere werkgroep of een ander domein.")}
                    )
        return attrs

    def service_arguments(self) -> tuple[dict, dict]:
        """Split validated data into the ``data`` and ``m2m`` arguments of the services."""
        data = dict(self.validated_data)
        data.pop("version", None)
        if not data.get("code") and self.instance is None:
            data.pop("code", None)
        elif "code" in data and not data["code"]:
            data.pop("code")
        m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
        return data, m2m



class ActionUpdateSerializer(ActionSerializer):
    """The body of PUT and PATCH: as ``ActionSerializer``, with ``version`` required (the schema says so)."""

    version = serializers.IntegerField(
        min_value=1, help_text=_("De versie die u las. Een andere versie geeft 409 met de wijzigingen."),
    )

class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices, help_text=_("De nieuwe status."))
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default="",
        help_text=_("Reden; verplicht bij terugsturen naar concept en bij niet weerhouden."),
    )
    into = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1,
        help_text=_("Alleen bij `merged`: de id van de ingediende of weerhouden actie waarin deze actie opgaat."),
    )
    carry_over = serializers.ListField(
        child=serializers.ChoiceField(choices=CARRY_OVER_CHOICES), required=False, allow_empty=True,
        help_text=_(
            "Alleen bij `merged`: wat naar de overblijvende actie verhuist. Zonder dit veld: alles "
            "(doelgroepen, partnerdomeinen, partnerorganisaties, gekoppelde plannen, opmerkingen)."
        ),
    )


class TransitionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    version = serializers.IntegerField()


# --------------------------------------------------------------------------- auth
class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


# --------------------------------------------------------------------------- error bodies (schema only)
class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class EditConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    changes = FieldChangeSerializer(many=True)
