"""User text is escaped by the writer of each format: every page, every e-mail.

A world built through the services gets markup planted in every user text field
(``tests/hostile_text.py``: every free-text column of the models, and the users' names);
then every page of the URL conf (the permission matrix's GET rules, as a coordinator and as
a member) and every e-mail the application sends is rendered. The planted ``<i x="1">``
may never reach an HTML page or the HTML part of an e-mail unescaped, and the planted text
must be shown (so a page that stopped showing it does not pass by accident).

A second test forbids ``|safe`` and ``autoescape off`` in HTML templates, and ``mark_safe``
outside the few writers that escape (or sanitise) everything they mark safe.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actieplan.models import SignOff, SignOffState, Status, StatusChange
from tests import hostile_text, matrix_objects
from tests.importing import media_root  # noqa: F401  (fixture: uploads go to a temporary folder)
from tests.security.test_permission_matrix import API_NAMESPACES, OK, RULES, _kwargs_and_query

ESCAPED = "&lt;i x=&quot;1&quot;&gt;"
ROOT = Path(settings.BASE_DIR)

PAGES = sorted(
    (name, key.partition(" ")[2], role)
    for name, methods in RULES.items() for key, per_role in methods.items()
    for role in ("coordinator", "member")
    if key.startswith("GET") and not name.startswith(API_NAMESPACES) and not key.endswith("csv")
    and per_role.get(role, per_role.get("*")) == OK
)


@pytest.fixture
def hostile_world(media_root, users, group, other_group, barrier, other_barrier, domain, other_domain,  # noqa: F811
                  draft_action, submitted_action):
    o = matrix_objects.build(
        users=users, group=group, other_group=other_group, barrier=barrier, other_barrier=other_barrier,
        domain=domain, other_domain=other_domain, draft=draft_action, submitted=submitted_action,
    )
    for _part, keys in matrix_objects.PARTS:
        o[keys[0]]
    planted = hostile_text.plant()
    assert {"Action", "Plan", "Chapter", "Comment", "Assignment", "SignOff", "StatusUpdate", "Milestone",
            "WorkingGroup", "PolicyDomain", "Barrier", "SentReminder", "User"} <= set(planted)
    return o


def test_every_page_escapes_user_text(client, hostile_world, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")
    o = hostile_world
    raw, shown, rendered = [], 0, 0
    for role in ("coordinator", "member"):
        client.force_login(o["users"][role])
        for name, variant, page_role in PAGES:
            if page_role != role:
                continue
            kwargs, query = _kwargs_and_query(name, variant, o)
            url = reverse(name, kwargs=kwargs) + query
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            html = response.content.decode()
            rendered += 1
            shown += ESCAPED in html
            if hostile_text.raw_markup(html):
                raw.append(f"{role} {url}")
    assert rendered > 60 and shown > 40, (rendered, shown)
    assert not raw, "planted markup reached these pages unescaped:\n" + "\n".join(raw)


def _html_parts(message) -> list[str]:
    return [content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"]


def test_every_email_escapes_user_text(hostile_world, django_capture_on_commit_callbacks):
    from accounts.services import invitation_send
    from actieplan.plan.tasks import notify_signoff_reset
    from actieplan.actions.tasks import notify_status_change
    from monitoring.reminders import engine as reminders

    o = hostile_world
    coordinator = o["users"]["coordinator"]
    # sent back to draft, with a reason
    change = StatusChange.objects.create(action=o["submitted"], from_status=Status.SUBMITTED, to_status=Status.DRAFT,
                                         by=coordinator, reason="Graag aanvullen" + hostile_text.PLANT)
    notify_status_change(change.pk)  # hands the event to the notifications (which may e-mail the chair)
    # a sign-off to give again
    SignOff.objects.filter(pk=o["signoff"].pk).update(state=SignOffState.PENDING)
    notify_signoff_reset(o["signoff"].pk)  # hands the event to the notifications
    # the reminder digest (the reminders of the world, with their planted reasons)
    reminders.run(today=timezone.localdate() + timedelta(days=200))
    # an invitation of a user whose name is planted
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=o["users"]["other_member"], by=coordinator)

    templates = {m.subject for m in mail.outbox}
    assert len(mail.outbox) >= 2, templates
    problems, shown = [], 0
    for message in mail.outbox:
        parts = _html_parts(message)
        assert parts, f"{message.subject!r} has no HTML part"
        for html in parts:
            shown += ESCAPED in html
            if hostile_text.raw_markup(html):
                problems.append(message.subject)
    assert shown >= 2, "the planted text should be in the e-mails that quote user text"
    assert not problems, f"planted markup unescaped in the HTML of: {problems}"


# --------------------------------------------------------------------------- no |safe, no mark_safe on user input
TEMPLATE_BYPASSES = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off\s*%}")
# The writers allowed to mark HTML safe, each because it escapes (or sanitises) every value itself.
SAFE_WRITERS = {
    "actieplan/templatetags/actieplan_tags.py": 2,  # <select> and check boxes: escape() on every value
    "actieplan/templatetags/plan_tags.py": 1,  # rich_text: Markdown without raw HTML, nh3 allow-list
    "monitoring/reminders/engine.py": 1,  # the digest's list: html.escape on every value
    "common/pdf.py": 1,  # css_string: every character that could end a CSS string is escaped
}
PYTHON_BYPASSES = re.compile(r"\b(mark_safe|SafeString|SafeText|format_html_join|format_html)\s*\(")


def test_no_html_template_turns_escaping_off():
    found = []
    for path in (ROOT / "templates").rglob("*.html"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if TEMPLATE_BYPASSES.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    # plain-text e-mails (.txt) are not HTML: they may switch autoescaping off
    assert not found, "escaping switched off in HTML templates (use |rich_text for the plan's texts):\n" + \
        "\n".join(found)


def test_only_the_escaping_writers_mark_html_safe():
    counts = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "tests/", "var/", "bench/")) or "/migrations/" in rel:
            continue
        n = len(PYTHON_BYPASSES.findall(path.read_text()))
        if n:
            counts[rel] = n
    assert counts == SAFE_WRITERS, "mark_safe outside the escaping writers (escape the value, or add the writer " \
        "here with the reason it is safe)"


@pytest.mark.parametrize("hostile, kept, dropped", [
    ("Inleiding\n\n<script>alert(1)</script>", "<p>Inleiding</p>", "<script"),
    ('Tekst ![x](http://127.0.0.1/x) <img src="http://127.0.0.1/x" onerror="alert(1)">', "Tekst", "<img"),
    ("[klik](javascript:alert(1))", "klik", 'href="javascript:'),
    ('<p style="position:fixed">Stijl</p>', "Stijl", "<p style"),
    ("**Vet** en *schuin*", "<strong>Vet</strong>", "<i x"),
    ("### Kop\n\n- punt", "<h3>Kop</h3>", "<h1"),
])
def test_the_plans_rich_text_is_sanitised_when_shown(hostile, kept, dropped):
    html = render_to_string("actieplan/plan/includes/chapters.html", {
        "doc": {"chapters": [{"id": 1, "title": "H", "number": 1, "introduction": hostile, "actions": []}]},
        "plan": {"pk": 1}, "editable": False})
    assert kept in html and dropped not in html
