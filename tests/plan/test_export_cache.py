"""Slow exports: a repeated export of unchanged data is served from the cache, a change shows at once;
the download links start the export with progress feedback (static/js/export_progress.js)."""

from datetime import date

from django.urls import reverse

from actieplan.plan import exports
from actieplan.plan import services as svc
from monitoring import reports
from monitoring.selectors import cabinet_report
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


def test_a_repeated_plan_export_comes_from_the_cache_until_the_plan_changes(
        coordinator, group, barrier, domain, django_assert_num_queries):
    plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)])
    first, content_type, name = exports.export(plan, "csv")
    with django_assert_num_queries(0):  # nothing read again: the file comes from the cache
        assert exports.export(plan, "csv") == (first, content_type, name)
    plan = svc.plan_update(plan=plan, user=coordinator, title="Actieplan drempels naar werk 2027")
    _content, _type, new_name = exports.export(plan, "csv")
    assert new_name != name and "2027" in new_name


def test_another_format_or_version_is_not_taken_from_the_cache(coordinator, group, barrier, domain):
    plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)])
    csv_file = exports.export(plan, "csv")
    xlsx_file = exports.export(plan, "xlsx")
    assert csv_file[1] != xlsx_file[1] and csv_file[0] != xlsx_file[0]


def test_a_repeated_cabinet_pdf_comes_from_the_cache(db, domain, django_assert_num_queries):
    report = cabinet_report(domain_ids=[domain.pk], as_of=date(2026, 11, 30))
    first = reports.render_pdf_cached(report)
    assert first.startswith(b"%PDF")
    with django_assert_num_queries(0):
        assert reports.render_pdf_cached(report) == first


def test_the_plan_page_download_links_show_progress(client, coordinator, group, barrier, domain):
    plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)])
    html = login(client, coordinator).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert html.count("data-export ") >= 4
    assert 'id="export-status" role="status"' in html
    assert "js/export_progress.js" in html
