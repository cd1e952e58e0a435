"""The import pages without a browser: upload, preview, confirmation step, result, status JSON,
and constant query counts of the lists (recent imports, API tokens)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.api_tokens import api_token_create
from actieplan.models import Action, ApiToken, ImportJob, ImportStatus
from tests import factories as f
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

GOOD = {"title": "Pendelbus", "description": "Een bus.", "primary_barrier": "Mobiliteit"}


def test_upload_preview_confirm_and_result(client, chair, group, barrier):
    client.force_login(chair)
    page = client.get(reverse("import_start")).content.decode()
    assert "Sjabloon met de huidige acties van <bdi>Werkgroep Mobiliteit</bdi>" in page
    assert f'<option value="{group.pk}" selected>' in page  # a chair of one group has it chosen

    response = client.post(reverse("import_start"), {"file": upload(xlsx_bytes([GOOD, {**GOOD, "title": "Tweede"}])),
                                                     "working_group": group.pk})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import_detail", args=[job.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "2 nieuwe acties" in detail and "Doorgaan naar inlezen" in detail
    assert client.get(reverse("import_status", args=[job.pk])).json() == {
        "status": "preview", "status_display": "klaar voor bevestiging", "progress": 100, "running": False}

    confirm = client.get(reverse("import_confirm", args=[job.pk])).content.decode()
    assert "Inlezen bevestigen" in confirm and "2 nieuwe acties (status concept)" in confirm
    assert not Action.objects.exists()
    response = client.post(reverse("import_confirm", args=[job.pk]), follow=True)
    assert "Ingelezen: 2 nieuwe en 0 gewijzigde acties." in response.content.decode()
    assert Action.objects.filter(working_group=group).count() == 2
    # The page of a finished import offers no second confirmation.
    assert "Doorgaan naar inlezen" not in response.content.decode()
    response = client.post(reverse("import_confirm", args=[job.pk]), follow=True)
    assert "Dit bestand is al ingelezen." in response.content.decode()
    assert Action.objects.count() == 2


def test_a_file_with_errors_cannot_be_confirmed(client, chair, group, barrier):
    client.force_login(chair)
    client.post(reverse("import_start"), {"file": upload(xlsx_bytes([{"title": "x"}])), "working_group": group.pk})
    job = ImportJob.objects.get()
    assert "Doorgaan naar inlezen" not in client.get(reverse("import_detail", args=[job.pk])).content.decode()
    response = client.post(reverse("import_confirm", args=[job.pk]), follow=True)
    assert "Het bestand bevat fouten" in response.content.decode()
    assert not Action.objects.exists()


def test_the_upload_form_needs_a_group_the_user_may_import_into(client, chair, group, other_group, barrier):
    client.force_login(chair)
    response = client.post(reverse("import_start"), {"file": upload(xlsx_bytes([GOOD])), "working_group": other_group.pk})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_coordinator_sees_a_chairs_import_but_does_not_confirm_it(client, chair, coordinator, group, barrier):
    job = importer.import_start(user=chair, upload=upload(xlsx_bytes([GOOD])), working_group=group)
    client.force_login(coordinator)
    page = client.get(reverse("import_detail", args=[job.pk])).content.decode()
    assert "Pendelbus" in page and "Doorgaan naar inlezen" not in page
    assert client.post(reverse("import_confirm", args=[job.pk])).status_code == 403


def test_the_preview_table_is_paginated(client, chair, group, barrier, monkeypatch):
    from actieplan.exchange import views as exchange_views

    monkeypatch.setattr(exchange_views, "PREVIEW_PAGE_SIZE", 2)
    job = importer.import_start(user=chair, upload=upload(xlsx_bytes([{**GOOD, "title": f"Actie nr {n}"}
                                                                      for n in range(5)])), working_group=group)
    client.force_login(chair)
    second = client.get(reverse("import_detail", args=[job.pk]), {"page": 2}).content.decode()
    assert "Actie nr 2" in second and "Actie nr 0" not in second and "Pagina 2 van 3" in second


def test_a_running_import_shows_progress_and_loads_the_polling_script(client, chair, group):
    job = ImportJob.objects.create(created_by=chair, working_group=group, filename="groot.xlsx", file="x.xlsx",
                                   status=ImportStatus.VALIDATING, progress=35, total_rows=4000)
    client.force_login(chair)
    page = client.get(reverse("import_detail", args=[job.pk])).content.decode()
    assert 'value="35"' in page and "/static/js/import_progress.js" in page
    assert f'data-import-status-url="{reverse("import_status", args=[job.pk])}"' in page
    assert "<script>" not in page  # no inline script (CSP)


# --------------------------------------------------------------------------- query counts
def test_import_list_api_queries_do_not_grow(chair, group, django_assert_num_queries):
    api = APIClient()
    api.force_authenticate(chair)

    def make(n):
        for _ in range(n):
            ImportJob.objects.create(created_by=chair, working_group=group, filename="a.xlsx", file="x.xlsx")

    make(1)
    api.get("/api/v1/imports/")
    # count, the jobs with user, group and domain (permissions are cached on the authenticated user)
    with django_assert_num_queries(2) as one:
        api.get("/api/v1/imports/")
    make(49)
    with django_assert_num_queries(len(one.captured_queries)):
        response = api.get("/api/v1/imports/", {"page_size": 100})
    assert response.json()["count"] == 50


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_api_token_page_queries_do_not_grow(client, users, role, django_assert_num_queries):
    user = users[role]
    client.force_login(user)
    api_token_create(user=user, name="Eerste")
    client.get(reverse("api_tokens"))
    # session, user, permissions (profile, memberships, profile domains), the tokens with owner and revoker
    with django_assert_num_queries(6) as one:
        client.get(reverse("api_tokens"))
    other = f.user()
    for n in range(49):
        owner = other if role == "coordinator" and n % 2 else user
        ApiToken.objects.create(user=owner, name=f"Token {n}", key_hash=f"{n:064d}", prefix="dnw_abcd",
                                revoked_at=timezone.now() if n % 3 else None, revoked_by=user if n % 3 else None)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("api_tokens")).content.decode()
    assert page.count("<tr>") == 51  # header and 50 tokens


def test_the_preview_says_which_existing_action_a_new_row_looks_like(client, chair, group, other_group, barrier):
    from actieplan.alignment import similarity
    from actieplan.models import Status

    existing = f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED,
                        title="Pendelbus naar het bedrijventerrein",
                        description="Een pendelbus brengt werkzoekenden van het station naar het bedrijventerrein.",
                        intended_result="")
    similarity.reindex_all()
    client.force_login(chair)
    row = {"title": "Pendelbus station - bedrijventerrein",
           "description": "Werkzoekenden nemen de pendelbus van het station naar het bedrijventerrein.",
           "primary_barrier": "Mobiliteit"}
    client.post(reverse("import_start"), {"file": upload(xlsx_bytes([row, {**GOOD, "title": "Iets anders"}])),
                                          "working_group": group.pk})
    job = ImportJob.objects.get()
    detail = client.get(reverse("import_detail", args=[job.pk])).content.decode()
    assert "Lijkt op" in detail
    assert f'<a href="{reverse("action_detail", args=[existing.pk])}">{existing.code}</a>' in detail
    similar = [entry.get("similar") for entry in job.preview if entry["operation"] == "create"]
    assert similar[0][0]["code"] == existing.code and not similar[1]
