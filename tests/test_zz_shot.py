import pytest
from django.urls import reverse
from tests.test_browser_import import world, log_in, choose_file, browser_context_args  # noqa
from tests.importing import media_root, xlsx_bytes  # noqa
from tests import factories as f
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

def test_shot(page, live_server, world):
    log_in(page, live_server)
    page.set_viewport_size({"width": 1200, "height": 1400})
    page.goto(live_server.url + reverse("import_start"))
    page.screenshot(path="/tmp/s1.png", full_page=True)
    rows = [
        {"title": "Pendelbus naar het bedrijventerrein", "description": "Bus", "primary_barrier": "Mobiliteit"},
        {"code": "MOB-01", "title": "Jobbus voor ploegenwerk", "description": "Een bus.", "primary_barrier": "Mobiliteit"},
        {"title": "Zonder drempel", "description": "x"},
        {"title": "Verkeerde drempel", "description": "x", "primary_barrier": "Bestaat niet", "level": "Europees"},
    ]
    choose_file(page, xlsx_bytes(rows))
    page.get_by_role("button", name="Opladen en controleren").click()
    page.screenshot(path="/tmp/s2.png", full_page=True)
    page.goto(live_server.url + reverse("api_tokens"))
    page.get_by_label("Naam van het token").fill("Rapportering kabinet")
    page.get_by_role("button", name="Token maken").click()
    page.screenshot(path="/tmp/s3.png", full_page=True)
