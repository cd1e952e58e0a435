"""Plan texts are written in Markdown, previewed before saving, and shown the same in the page, PDF and DOCX
(issue 16, "Flows without detours"); older HTML texts are converted once by a data migration."""

import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from docx import Document

from actieplan.models import Plan
from actieplan.plan import services as svc
from common.markdown import from_html, render
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action

SOURCE = "Inleiding met **nadruk**.\n\n### Drie sporen\n\n- Mobiliteit\n- Zorgtaken & opvang\n\n[Meer](https://www.vlaanderen.be)"


@pytest.fixture
def plan(coordinator, group, barrier, domain):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-70")
    plan = make_plan(coordinator, [action])
    svc.plan_update(plan=plan, user=coordinator, title=plan.title, introduction=SOURCE, conclusion="Tot **slot**.")
    return Plan.objects.get(pk=plan.pk)


def test_the_form_offers_markdown_and_the_preview_saves_nothing(client, coordinator, plan):
    login(client, coordinator)
    url = reverse("plan_edit", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Markdown" in page and "Voorbeeld bekijken" in page
    assert "Inleiding met **nadruk**." in page  # the source is edited, not HTML

    changed = "Nieuwe **tekst** die nog niet bewaard is."
    response = client.post(url, {"title": plan.title, "introduction": changed, "conclusion": "", "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieuwe <strong>tekst</strong> die nog niet bewaard is." in html  # the preview
    assert "Nieuwe **tekst** die nog niet bewaard is." in html  # and the input, kept in the form
    assert Plan.objects.get(pk=plan.pk).introduction == SOURCE  # nothing saved

    response = client.post(url, {"title": plan.title, "introduction": changed, "conclusion": ""})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).introduction == changed


def test_the_chapter_form_previews_too(client, coordinator, plan):
    chapter = plan.chapters.first()
    login(client, coordinator)
    response = client.post(reverse("plan_chapter_edit", args=[plan.pk, chapter.pk]),
                           {"title": chapter.title, "introduction": "- een\n- twee", "preview": "1"})
    assert "<li>een</li>" in response.content.decode()
    chapter.refresh_from_db()
    assert chapter.introduction == ""


def test_the_page_shows_the_formatted_text(client, coordinator, plan):
    html = login(client, coordinator).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Inleiding met <strong>nadruk</strong>." in html
    assert "<h3>Drie sporen</h3>" in html and "<li>Zorgtaken &amp; opvang</li>" in html
    assert "**nadruk**" not in html


def test_the_docx_has_the_same_structure(client, coordinator, plan):
    login(client, coordinator)
    response = client.get(reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": "docx"}))
    assert response.status_code == 200
    document = Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [t for _s, t in paragraphs]
    assert "Inleiding met nadruk." in texts
    assert "Drie sporen" in texts and "Zorgtaken & opvang" in texts
    assert not any("**" in t or "###" in t for t in texts)
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "nadruk" in bold


def test_the_renderer_keeps_structure_and_drops_what_loads_or_runs():
    html = render("Tekst <script>alert(1)</script> ![x](http://x/a.png)\n\n"
                  "[f](file:///etc/passwd) [j](javascript:alert(1)) [v](https://www.vlaanderen.be)")
    assert "<script" not in html and "<img" not in html
    assert 'href="file:' not in html and 'href="javascript:' not in html
    assert '<a href="https://www.vlaanderen.be" rel="noopener noreferrer">v</a>' in html
    assert render("") == "" and render("   \n") == ""


def test_older_html_becomes_the_same_text_in_markdown():
    html = ("<p>Het <strong>plan</strong> en <em>meer</em>.</p><ul><li>a</li><li>b &amp; c</li></ul>"
            "<h3>Kop</h3><p><a href=\"https://x.be\">x</a></p><script>alert(1)</script>")
    markdown = from_html(html)
    assert "<" not in markdown
    assert render(markdown) == render(
        "Het **plan** en *meer*.\n\n- a\n- b & c\n\n### Kop\n\n[x](https://x.be)")
    assert from_html("Gewone tekst") == "Gewone tekst"


def test_the_data_migration_converts_plans_chapters_and_frozen_versions(coordinator, plan):
    chapter = plan.chapters.first()
    Plan.objects.filter(pk=plan.pk).update(introduction="<p>Oude <strong>tekst</strong></p><ul><li>x</li></ul>",
                                           conclusion="<p>Slot</p>")
    type(chapter).objects.filter(pk=chapter.pk).update(introduction="<p>Hoofdstuk <em>intro</em></p>")
    migration = importlib.import_module("actieplan.migrations.0015_plan_texts_markdown")
    outline = {"plan": {"introduction": "<p>In <strong>versie</strong></p>", "conclusion": ""},
               "chapters": [{"introduction": "<ul><li>y</li></ul>"}]}
    assert migration._convert_outline(outline, from_html) == {
        "plan": {"introduction": "In **versie**", "conclusion": ""}, "chapters": [{"introduction": "- y"}]}

    migration.to_markdown(apps, None)

    plan.refresh_from_db()
    chapter.refresh_from_db()
    assert plan.introduction == "Oude **tekst**\n\n- x"
    assert plan.conclusion == "Slot"
    assert chapter.introduction == "Hoofdstuk *intro*"
