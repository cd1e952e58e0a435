"""Factories: small functions that create valid objects with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date

from django.contrib.auth import get_user_model

from actieplan.models import (
    Round,
    Action,
    Barrier,
    LinkedPlan,
    Organisation,
    Phase,
    PolicyDomain,
    Status,
    TargetGroup,
)
from werkgroepen.models import Membership, Profile, WorkingGroup

_seq = itertools.count(1)


def _base36(n: int) -> str:
    """A short unique upper-case code (code prefixes have at most 6 characters)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out
PASSWORD = "test-wachtwoord-123"


def barrier(**kw) -> Barrier:
    n = next(_seq)
    defaults = dict(
        name=f"Drempel {n}",
        slug=f"drempel-{n}",
        citizen_wording=f"Ik ervaar drempel {n}",
        reason="Gecoördineerde aanpak vereist",
        is_priority=True,
        taken_further=True,
        order=n,
    )
    defaults.update(kw)
    return Barrier.objects.create(**defaults)


def target_group(**kw) -> TargetGroup:
    n = next(_seq)
    defaults = dict(name=f"Doelgroep {n}", slug=f"doelgroep-{n}", order=n)
    defaults.update(kw)
    return TargetGroup.objects.create(**defaults)


def policy_domain(**kw) -> PolicyDomain:
    n = next(_seq)
    defaults = dict(name=f"Beleidsdomein {n}", abbreviation=f"BD{n}", order=n)
    defaults.update(kw)
    return PolicyDomain.objects.create(**defaults)


def organisation(**kw) -> Organisation:
    n = next(_seq)
    defaults = dict(name=f"Organisatie {n}", abbreviation=f"ORG{n}")
    defaults.update(kw)
    return Organisation.objects.create(**defaults)


def linked_plan(**kw) -> LinkedPlan:
    n = next(_seq)
    defaults = dict(name=f"Plan {n}", reference=f"VR 2025 {n}")
    defaults.update(kw)
    return LinkedPlan.objects.create(**defaults)


def phase(number=1, **kw) -> Phase:
    defaults = dict(name=f"Fase {number}", starts_on=date(2026, 1, 1), deadline=date(2026, 7, 10))
    defaults.update(kw)
    return Phase.objects.create(number=number, **defaults)


def round_(number=None, **kw) -> Round:
    n = next(_seq)
    defaults = dict(name=f"Ronde {n}", starts_on=date(2026, 9, 1), proposals_deadline=date(2027, 1, 29),
                    alignment_deadline=date(2027, 3, 26), plan_update_deadline=date(2027, 5, 28))
    defaults.update(kw)
    return Round.objects.create(number=number or n, **defaults)


def working_group(**kw) -> WorkingGroup:
    n = next(_seq)
    defaults = dict(name=f"Werkgroep {n}", code_prefix=f"W{_base36(n)}", description="Een werkgroep.")
    defaults.update(kw)
    return WorkingGroup.objects.create(**defaults)


def user(username=None, *, first_name="Test", last_name="Gebruiker", **profile) -> "get_user_model()":
    n = next(_seq)
    username = username or f"gebruiker{n}"
    u = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.be", first_name=first_name, last_name=last_name
    )
    contact_domains = profile.pop("contact_domains", [])
    cabinet_domains = profile.pop("cabinet_domains", [])
    p = Profile.objects.create(user=u, **profile)
    p.contact_domains.set(contact_domains)
    p.cabinet_domains.set(cabinet_domains)
    return u


def membership(user, group, role=Membership.Role.MEMBER, **kw) -> Membership:
    return Membership.objects.create(user=user, working_group=group, role=role, **kw)


def action(*, working_group=None, proposing_domain=None, status=Status.DRAFT, **kw) -> Action:
    n = next(_seq)
    if working_group is None and proposing_domain is None:
        working_group = WorkingGroup.objects.first() or globals()["working_group"]()
    if "primary_barrier" not in kw:
        kw["primary_barrier"] = Barrier.objects.first() or barrier()
    prefix = working_group.code_prefix if working_group else proposing_domain.abbreviation
    defaults = dict(
        code=f"{prefix}-{n % 9999 + 1:02d}",
        title=f"Actie {n}: vervoer op maat naar de werkplek",
        description="Een beschrijving van de actie.",
        intended_result="Meer mensen aan het werk.",
        working_group=working_group,
        proposing_domain=proposing_domain,
        status=status,
    )
    defaults.update(kw)
    m2m = {k: defaults.pop(k) for k in list(defaults) if k in (
        "secondary_barriers", "target_groups", "partner_domains", "partner_organisations", "linked_plans")}
    a = Action.objects.create(**defaults)
    for name, values in m2m.items():
        getattr(a, name).set(values)
    return a


def reporting_periods():
    """The half-yearly reporting periods that migration ``reporting.0002`` seeds.

    Tests with ``transaction=True`` flush the database, migration data included, so a later test in the same
    process no longer finds them; this puts them back (idempotent)."""
    from reporting.models import ReportingPeriod

    for year in range(2025, 2030):
        ReportingPeriod.objects.get_or_create(
            name=f"{year} – eerste semester", defaults={"starts_on": date(year, 1, 1), "ends_on": date(year, 6, 30)})
        ReportingPeriod.objects.get_or_create(
            name=f"{year} – tweede semester", defaults={"starts_on": date(year, 7, 1), "ends_on": date(year, 12, 31)})
    return ReportingPeriod.objects.all()
