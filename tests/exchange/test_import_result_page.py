"""The import result shows the codes the new actions received; a file with errors offers another upload (issue 16, defect 11)."""

import re

import pytest
from django.urls import reverse

from actieplan.models import Action, ImportJob
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

GOOD = {"title": "Pendelbus", "description": "Een bus.", "primary_barrier": "Mobiliteit"}


def test_the_result_lists_the_codes_the_actions_received(client, chair, group, barrier):
    client.force_login(chair)
    client.post(reverse("import_start"), {"file": upload(xlsx_bytes([GOOD, {**GOOD, "title": "Tweede"}])),
                                          "working_group": group.pk})
    job = ImportJob.objects.get()
    before = client.get(reverse("import_detail", args=[job.pk])).content.decode()
    assert "krijgt een code bij het inlezen" in before
    page = client.post(reverse("import_confirm", args=[job.pk]), follow=True).content.decode()
    assert "(automatisch)" not in page and "krijgt een code bij het inlezen" not in page
    for action in Action.objects.filter(working_group=group):
        assert re.search(r'<a href="%s">%s</a>' % (re.escape(action.get_absolute_url()), action.code), page)


def test_a_file_with_errors_offers_another_upload(client, chair, group, barrier):
    client.force_login(chair)
    client.post(reverse("import_start"), {"file": upload(xlsx_bytes([{"title": "x"}])), "working_group": group.pk})
    page = client.get(reverse("import_detail", args=[ImportJob.objects.get().pk])).content.decode()
    assert "Doorgaan naar inlezen" not in page
    assert f'href="{reverse("import_start")}">Ander bestand opladen</a>' in page
