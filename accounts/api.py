"""API for provisioning accounts from another system (coordinators only):
``GET/POST /api/v1/users/``, ``GET/PATCH /api/v1/users/{id}/``, ``POST /api/v1/users/{id}/invite/``.

The same services as the pages: creating a user sets their rights and no password,
``invite`` sends the one-time link, ``is_active: false`` deactivates (sessions and tokens end).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts import roles, selectors, services
from accounts.forms import UserFilterForm
from accounts.roles import Role
from actieplan.models import PolicyDomain
from actieplan.permissions import perms_for
from werkgroepen.models import Membership, WorkingGroup


class IsUserManager(IsAuthenticated):
    message = _("Alleen WEWIS-coördinatoren beheren gebruikers.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if not perms_for(request.user).can_manage_users:
            raise PermissionDenied(self.message)
        return True


class MembershipSerializer(serializers.Serializer):
    working_group = serializers.PrimaryKeyRelatedField(queryset=WorkingGroup.objects.all())
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(max_length=150, required=False)
    name = serializers.CharField(max_length=300)
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=Role.choices, default=Role.MEMBER)
    memberships = MembershipSerializer(many=True, required=False)
    policy_domains = serializers.PrimaryKeyRelatedField(queryset=PolicyDomain.objects.all(), many=True,
                                                        required=False)
    is_active = serializers.BooleanField(required=False)
    status = serializers.ChoiceField(choices=[("active", _("actief")), ("invited", _("uitgenodigd")),
                                              ("deactivated", _("gedeactiveerd"))], read_only=True)

    def to_representation(self, user):
        snapshot = roles.snapshot(user)
        return {
            "id": user.pk, "username": user.username, "name": user.get_full_name(), "email": user.email,
            "role": snapshot["role"],
            "memberships": [{"working_group": m["working_group"], "role": m["role"]} for m in snapshot["memberships"]],
            "policy_domains": snapshot["policy_domains"], "is_active": user.is_active,
            "status": services.user_status(user),
        }

    def validate(self, attrs):
        # A PATCH makes nested fields optional too: a membership still needs both its group and its role.
        for index, membership in enumerate(attrs.get("memberships", [])):
            missing = {"working_group", "role"} - set(membership)
            if missing:
                raise ApiValidationError({"memberships": {index: {name: [_("Dit veld is verplicht.")]
                                                                  for name in sorted(missing)}}})
        groups = [m["working_group"].pk for m in attrs.get("memberships", [])]
        if len(groups) != len(set(groups)):
            raise ApiValidationError({"memberships": [_("Een werkgroep komt twee keer voor.")]})
        if attrs.get("role") == Role.CONTACT and "policy_domains" in attrs and not attrs["policy_domains"]:
            raise ApiValidationError({"policy_domains": [_("Duid minstens één beleidsdomein aan voor een contactpersoon.")]})
        return attrs


def split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().partition(" ")
    return first, last.strip()


def _raise(exc: DjangoValidationError):
    raise ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = UserSerializer
    permission_classes = [IsUserManager]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action != "list":
            return selectors.users(status="all")
        form = UserFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ApiValidationError(form.errors)
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        return selectors.users(**filters)

    @extend_schema(summary="Gebruikers", description="Zoeken en filteren als op /gebruikers/ (q, role, "
                   "working_group, policy_domain, status).")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        first, last = split_name(data["name"])
        try:
            user = services.user_create(
                by=request.user, request=request, username=data.get("username", ""), first_name=first, last_name=last,
                email=data["email"], role=data["role"],
                memberships={m["working_group"]: m["role"] for m in data.get("memberships", [])},
                policy_domains=data.get("policy_domains", []),
            )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        user = self.get_object()
        current = roles.snapshot(user)
        serializer = self.get_serializer(user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with transaction.atomic():
                if "name" in data or "email" in data:
                    first, last = split_name(data["name"]) if "name" in data else (None, None)
                    services.user_update_details(user=user, by=request.user, first_name=first, last_name=last,
                                                 email=data.get("email"), request=request)
                if {"role", "memberships", "policy_domains"} & set(data):
                    memberships = ({m["working_group"]: m["role"] for m in data["memberships"]} if "memberships" in data
                                   else {WorkingGroup.objects.get(pk=m["working_group"]): m["role"]
                                         for m in current["memberships"]})
                    domains = (data["policy_domains"] if "policy_domains" in data
                               else list(PolicyDomain.objects.filter(pk__in=current["policy_domains"])))
                    if data.get("role", current["role"]) == Role.CONTACT and not domains:
                        raise ApiValidationError({"policy_domains": [
                            _("Duid minstens één beleidsdomein aan voor een contactpersoon.")]})
                    services.user_set_roles(user=user, by=request.user, request=request,
                                            role=data.get("role", current["role"]), memberships=memberships,
                                            policy_domains=domains)
                if data.get("is_active") is False:
                    services.account_deactivate(user=user, by=request.user, request=request)
                elif data.get("is_active") is True:
                    services.account_reactivate(user=user, by=request.user, request=request)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(UserSerializer(self._fresh(user)).data)

    @staticmethod
    def _fresh(user):
        return selectors.users(status="all").get(pk=user.pk)

    @extend_schema(request=None, responses={202: UserSerializer},
                   summary="Uitnodiging versturen", description="Stuurt een nieuwe eenmalige link (7 dagen geldig); "
                   "een eerdere openstaande link werkt dan niet meer.")
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        user = self.get_object()
        try:
            services.invitation_send(user=user, by=request.user, request=request)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(UserSerializer(self._fresh(user)).data, status=status.HTTP_202_ACCEPTED)
