"""The 500 page is Dutch and renders even when what broke is the static files' manifest;
``make run`` and the container collect the static files, with which the pages render
under the production storage (DEBUG off)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# The same manifest without WhiteNoise's compression, which takes a minute for all files.
MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
DUTCH = "Er ging iets mis"


def broken_view(request):
    raise RuntimeError("kapot")


urlpatterns = [path("kapot/", broken_view)]


def _assert_dutch_500(response):
    assert response.status_code == 500
    html = response.content.decode()
    assert DUTCH in html and "Door een fout op de server kon deze pagina niet getoond worden." in html
    assert '<html lang="nl-BE">' in html and "Terug naar de startpagina" in html
    assert "Server Error" not in html


def test_the_500_handler_renders_a_dutch_page():
    _assert_dutch_500(server_error(RequestFactory().get("/")))


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_in_a_view_shows_the_dutch_page(db):
    client = Client(raise_request_exception=False)
    _assert_dutch_500(client.get("/kapot/"))


def _manifest_storage(static_root, backend=MANIFEST_STORAGE):
    return override_settings(
        STATIC_ROOT=static_root,
        STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                  "staticfiles": {"BACKEND": backend}},
    )


def test_without_collected_static_files_the_error_page_is_still_dutch(tmp_path, db):
    """Before collectstatic every page fails on the manifest; the 500 page needs none."""
    with _manifest_storage(tmp_path / "leeg", PRODUCTION_STORAGE):
        client = Client(raise_request_exception=False)
        _assert_dutch_500(client.get("/accounts/login/"))


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("staticfiles")
    with _manifest_storage(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


def test_with_collected_static_files_pages_render_under_the_manifest_storage(collected, client, member):
    with _manifest_storage(collected):
        login = client.get("/accounts/login/")
        assert login.status_code == 200
        html = login.content.decode()
        assert "/static/css/app." in html and "/static/css/app.css" not in html  # the hashed name
        client.force_login(member)
        assert client.get("/acties/").status_code == 200


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_collects_static_files_before_it_serves():
    result = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "manage.py collectstatic --noinput" in out
    assert out.index("manage.py migrate") < out.index("manage.py collectstatic") < out.index("scripts/run.sh")
