"""The audit log: sign-ins (also failed ones), sign-outs, API tokens; filters, export, purge, anonymising."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEntry
from actieplan import api_tokens
from tests import factories as f
from tests.accounts.helpers import events


def test_sign_in_failed_sign_in_and_sign_out_are_logged(client, member):
    client.post(reverse("login"), {"username": "lid", "password": "verkeerd"})
    client.post(reverse("login"), {"username": "lid", "password": f.PASSWORD})
    client.post(reverse("logout"))
    assert events(member, event__in=["login_failed", "login", "logout"]) == ["login_failed", "login", "logout"]
    entry = AuditEntry.objects.get(event="login")
    assert entry.ip_address == "127.0.0.1"
    client.post(reverse("login"), {"username": "bestaat-niet", "password": "x"})
    assert AuditEntry.objects.filter(event="login_failed", username="bestaat-niet", subject=None).exists()


def test_tokens_made_and_revoked_are_logged(member, coordinator):
    token, _key = api_tokens.api_token_create(user=member, name="Koppeling VDAB")
    api_tokens.api_token_revoke(token=token, user=coordinator)
    created, revoked = AuditEntry.objects.filter(subject=member, event__startswith="token").order_by("id")
    assert (created.event, created.actor, created.detail) == ("token_created", member, "Koppeling VDAB")
    assert (revoked.event, revoked.actor) == ("token_revoked", coordinator)


def test_the_log_filters_and_exports_to_xlsx(client, coordinator, member, chair):
    client.post(reverse("login"), {"username": "lid", "password": "verkeerd"})
    client.post(reverse("login"), {"username": "voorzitter", "password": f.PASSWORD})
    client.force_login(coordinator)
    failed = client.get(reverse("audit_list"), {"event": "login_failed"}).content.decode()
    assert "mislukte aanmelding" in failed and "Lotte Lid" in failed and "Vera Voorzitter" not in failed
    by_person = client.get(reverse("audit_list"), {"person": "voorzitter"}).content.decode()
    assert "Vera Voorzitter" in by_person and "Lotte Lid" not in by_person
    export = client.get(reverse("audit_list"), {"event": "login_failed", "format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(export.content)).active.values)
    assert rows[0][:3] == ("Tijdstip", "Gebeurtenis", "Gebruikersnaam")
    assert [r[1:3] for r in rows[1:]] == [("mislukte aanmelding", "lid")]


def test_a_bad_filter_is_ignored_not_a_500(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("audit_list"), {"date_from": "gisteren", "event": "<x>"}).status_code == 200


def test_purge_keeps_the_configured_period(settings, member):
    settings.AUDIT_RETENTION_DAYS = 30
    old = AuditEntry.objects.create(event="login", subject=member, created_at=timezone.now() - timedelta(days=31))
    recent = AuditEntry.objects.create(event="login", subject=member, created_at=timezone.now() - timedelta(days=29))
    call_command("purge_audit_log", verbosity=0)
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()


def test_anonymise_erases_the_person_but_keeps_the_records(client, coordinator, member, draft_action):
    from actieplan.actions.services import comment_create
    from werkgroepen.services import user_deactivate

    comment_create(action=draft_action, user=member, text="Goed idee.")
    client.post(reverse("login"), {"username": "lid", "password": "verkeerd"})
    with pytest.raises(Exception):
        call_command("anonymise_user", "lid", verbosity=0)  # still active
    user_deactivate(user=member, by=coordinator)
    call_command("anonymise_user", "lid", verbosity=0)
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.email) == ("Geanonimiseerde", "gebruiker", "")
    assert "lid" not in AuditEntry.objects.values_list("username", flat=True)
    assert draft_action.comments.get().author == member
    client.force_login(coordinator)
    page = client.get(reverse("action_detail", args=[draft_action.pk])).content.decode()
    assert "Geanonimiseerde gebruiker (gedeactiveerd)" in page and "Lotte" not in page
    assert events(member)[-1] == "anonymised"


def test_a_chair_adding_and_removing_a_member_on_the_group_page_is_logged(client, chair, group, other_member):
    client.force_login(chair)
    client.post(reverse("group_members", args=[group.pk]), {"username": "anderlid", "role": "member"})
    added = AuditEntry.objects.get(event="membership_changed", subject=other_member, actor=chair)
    assert added.before is None and added.after["memberships"][0]["role"] == "member"
    membership = other_member.memberships.get(working_group=group)
    client.post(reverse("membership_delete", args=[group.pk, membership.pk]))
    removed = AuditEntry.objects.filter(event="membership_changed", subject=other_member, actor=chair).first()
    assert removed.after is None and removed.before["memberships"][0]["name"] == "Werkgroep Mobiliteit"
    log = client.get(reverse("audit_list"))
    assert log.status_code == 403  # a chair does not read the audit log


def test_the_admin_anonymises_only_deactivated_people(client, member, chair, coordinator):
    from django.contrib.auth import get_user_model

    from werkgroepen.services import user_deactivate

    admin_user = get_user_model().objects.create_superuser("beheerder", "beheer@example.be", "geheim-wachtwoord-1")
    user_deactivate(user=member, by=coordinator)
    client.force_login(admin_user)
    response = client.post(reverse("admin:auth_user_changelist"), {
        "action": "anonymise_users", "_selected_action": [member.pk, chair.pk], "index": 0}, follow=True)
    page = response.content.decode()
    assert "1 gebruiker geanonimiseerd." in page and "1 overgeslagen" in page
    member.refresh_from_db()
    chair.refresh_from_db()
    assert member.email == "" and chair.first_name == "Vera"


def _entries(n: int, coordinator) -> None:
    for i in range(n):
        person = f.user(f"persoon{n}-{i}", first_name="Persoon", last_name=f"Nummer {i}")
        AuditEntry.objects.create(event="role_changed", actor=coordinator, subject=person, username=person.username,
                                  before={"role": "member", "memberships": [{"name": "Werkgroep Mobiliteit",
                                                                             "role": "member"}]},
                                  after={"role": "contact", "memberships": []}, ip_address="10.0.0.1")


@pytest.mark.parametrize("query", [{}, {"format": "xlsx"}, {"person": "persoon"}])
def test_the_log_and_its_export_take_as_many_queries_for_five_entries_as_for_sixty(
        client, coordinator, django_assert_num_queries, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    _entries(5, coordinator)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("audit_list"), query).status_code == 200
    _entries(55, coordinator)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("audit_list"), query)
    assert response.status_code == 200
    if query.get("format") == "xlsx":
        assert len(list(load_workbook(BytesIO(response.content)).active.values)) >= 1 + 60
    else:
        assert response.content.decode().count("Persoon Nummer") >= 25  # a full page of people
