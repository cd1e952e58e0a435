"""Attachments of progress reports open, for whoever may see the action, always as a download (issue 16, defect 2)."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from monitoring.models import StatusUpdate
from tests.conftest import login
from tests.importing import media_root  # noqa: F401  (fixture)
from tests.monitoring_helpers import adopted_action

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def update(media_root, group, barrier, domain, domain_contact):  # noqa: F811
    action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-60")
    update = StatusUpdate.objects.create(action=action, date=date(2026, 12, 1), progress_state="on_track",
                                         percent_complete=30, done="Piloot gestart.", created_by=domain_contact)
    update.attachment.save("verslag piloot.pdf", ContentFile(b"%PDF-1.4 verslag"), save=True)
    return update


def _url(update):
    return reverse("status_update_attachment", args=[update.pk])


def test_the_bijlage_link_on_the_action_page_opens_the_file(client, domain_contact, update):
    html = login(client, domain_contact).get(reverse("action_progress", args=[update.action_id])).content.decode()
    assert f'href="{_url(update)}"' in html
    response = client.get(_url(update))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 verslag"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="verslag_piloot.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["coordinator", "chair", "member", "other_member", "domain_contact", "cabinet"])
def test_everyone_who_sees_the_action_gets_the_file(client, users, update, role):
    assert login(client, users[role]).get(_url(update)).status_code == 200


def test_anonymous_is_sent_to_the_login(client, update):
    response = client.get(_url(update))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_draft_actions_attachment_is_refused_to_outsiders(client, other_member, update):
    from actieplan.models import Action, Status

    Action.objects.filter(pk=update.action_id).update(status=Status.DRAFT)
    # Like the draft itself: another group's draft is not found (its existence is not confirmed).
    assert login(client, other_member).get(_url(update)).status_code == 404


def test_the_media_file_is_not_public(client, domain_contact, update):
    assert login(client, domain_contact).get("/" + update.attachment.name).status_code == 404


def test_an_svg_never_renders_inline(client, domain_contact, update):
    update.attachment.save("grafiek.svg", ContentFile(SVG), save=True)
    response = login(client, domain_contact).get(_url(update))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_hands_the_file_to_the_web_server(client, settings, domain_contact, update):
    settings.ATTACHMENT_ACCEL_REDIRECT = "/beveiligde-bijlagen/"
    response = login(client, domain_contact).get(_url(update))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/beveiligde-bijlagen/" + update.attachment.name
    assert response.content == b""
    assert response["Content-Disposition"] == 'attachment; filename="verslag_piloot.pdf"'


def test_a_missing_file_or_no_attachment_is_404(client, domain_contact, update):
    login(client, domain_contact)
    update.attachment.storage.delete(update.attachment.name)
    assert client.get(_url(update)).status_code == 404
    StatusUpdate.objects.filter(pk=update.pk).update(attachment="")
    assert client.get(_url(update)).status_code == 404
    assert client.get(reverse("status_update_attachment", args=[999999])).status_code == 404
