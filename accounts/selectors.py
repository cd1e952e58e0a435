"""Reading users for /gebruikers/ and GET /api/v1/users/ (one filter for both)."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from accounts.models import Invitation
from accounts.roles import Role
from werkgroepen.models import Membership

User = get_user_model()


def _pending_invitation():
    return Invitation.objects.filter(user=OuterRef("pk"), accepted_at__isnull=True, revoked_at__isnull=True,
                                     expires_at__gt=timezone.now())


def users(*, q: str = "", role: str = "", working_group=None, policy_domain=None, status: str = ""):
    """Users with what the list shows prefetched; ``status`` "" = active and invited (not deactivated)."""
    qs = User.objects.select_related("profile").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("working_group")),
        "profile__contact_domains", "profile__cabinet_domains", "invitations",
    ).annotate(open_invitation=Exists(_pending_invitation()))
    if q:
        for word in q.split()[:5]:
            qs = qs.filter(Q(username__icontains=word) | Q(first_name__icontains=word)
                           | Q(last_name__icontains=word) | Q(email__icontains=word))
    coordinator = Q(profile__is_coordinator=True)
    contact = Q(profile__contact_domains__isnull=False)
    if role == Role.COORDINATOR:
        qs = qs.filter(coordinator)
    elif role == Role.CONTACT:
        qs = qs.filter(contact).exclude(coordinator)
    elif role == Role.CABINET:
        qs = qs.filter(profile__is_cabinet=True).exclude(coordinator).exclude(profile__contact_domains__isnull=False)
    elif role == Role.MEMBER:
        qs = qs.exclude(coordinator).exclude(profile__is_cabinet=True).exclude(profile__contact_domains__isnull=False)
    if working_group is not None:
        qs = qs.filter(memberships__working_group=working_group)
    if policy_domain is not None:
        qs = qs.filter(Q(profile__contact_domains=policy_domain) | Q(profile__cabinet_domains=policy_domain))
    if status == "active":
        qs = qs.filter(is_active=True).exclude(open_invitation=True, last_login__isnull=True)
    elif status == "invited":
        qs = qs.filter(is_active=True, open_invitation=True, last_login__isnull=True)
    elif status == "deactivated":
        qs = qs.filter(is_active=False)
    elif status != "all":
        qs = qs.filter(is_active=True)
    return qs.distinct().order_by("last_name", "first_name", "username")
