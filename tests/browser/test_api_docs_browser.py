"""Browser: the API docs page renders in Chromium under the site's Content Security Policy."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_renders_without_csp_violations(live_server, page):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 10  # the operations of the schema are listed
    assert "/api/v1/actions/{id}/transition/" in page.inner_text("body")
    assert problems == []
