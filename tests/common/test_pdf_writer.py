"""The one PDF writer (``common/pdf.py``): a URL fetcher that loads only our static files and small
data: images, a base URL that never points at the filesystem, CSS strings that cannot end a style
element; and the plan's rich-text sanitiser keeps nothing that loads or embeds."""

from __future__ import annotations

import base64
import io
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from common.markdown import sanitise as sanitise_html
from common import pdf
from tests.security.test_pdf_exports_safety import Listener, embedded_files, pdf_text, squeeze

PNG = base64.b64decode(  # 1 x 1 transparent pixel
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def fetch(url: str):
    return pdf.static_files_fetcher()(url)


# --------------------------------------------------------------------------- the fetcher
def test_it_serves_the_applications_static_files():
    response = fetch(pdf.BASE_URL + "static/css/app.css")
    assert response.read() == (Path(settings.BASE_DIR) / "static/css/app.css").read_bytes()
    assert response.content_type == "text/css"
    assert fetch(pdf.BASE_URL + "static/favicon.svg").content_type == "image/svg+xml"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "http://127.0.0.1:9/x.png",
    "https://example.com/logo.png",
    "ftp://example.com/x",
    "javascript:alert(1)",
    pdf.BASE_URL + "config/settings.py",  # not under STATIC_URL
    pdf.BASE_URL + "static/../config/settings.py",
    pdf.BASE_URL + "static/%2e%2e/config/settings.py",
    pdf.BASE_URL + "static/css/..%2f..%2fconfig/settings.py",
    pdf.BASE_URL + "static//etc/passwd",
    pdf.BASE_URL + "static/js/import_progress.js",  # a static file, but not a font, stylesheet or image
    pdf.BASE_URL + "static/css/missing.css",
    "https://evil.example/static/css/app.css",  # our paths, someone else's host
    "data:text/html,<h1>x</h1>",
    "data:application/pdf;base64,JVBERi0=",
    "data:image/png;base64," + base64.b64encode(b"\x89PNG" + b"\0" * (pdf.MAX_DATA_BYTES + 1)).decode(),
    "data:image/png;base64,not base64!",
])
def test_it_refuses_everything_else(url, caplog):
    caplog.set_level(logging.WARNING, logger="common.pdf")
    with pytest.raises(pdf.ResourceRefused):
        fetch(url)
    assert [r.name for r in caplog.records] == ["common.pdf"]  # a warning in the log


def test_it_serves_small_data_images():
    response = fetch("data:image/png;base64," + base64.b64encode(PNG).decode())
    assert response.read() == PNG and response.content_type == "image/png"
    svg = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"
    assert fetch("data:image/svg+xml," + svg.replace(" ", "%20")).read() == svg.encode()


def test_a_document_with_hostile_markup_loads_and_embeds_nothing(listener):
    """Even markup that escaped every template: the writer itself loads nothing of it."""
    port = listener.port
    html = f"""<html><head>
      <link rel=stylesheet href=http://127.0.0.1:{port}/style.css>
      <style>@import url(http://127.0.0.1:{port}/import.css); @font-face {{ font-family: x;
        src: url(http://127.0.0.1:{port}/font.woff); }} body {{ background: url(file:///etc/passwd); }}</style>
      <link rel=attachment href=file:///etc/passwd>
      <link rel=attachment href=/etc/passwd>
    </head><body>
      <p>Zichtbaar</p>
      <img src=http://127.0.0.1:{port}/img.png>
      <img src=/etc/passwd> <img src=../../../../etc/passwd> <img src=etc/passwd>
      <object data=http://127.0.0.1:{port}/object.svg></object>
      <embed src=file:///etc/passwd>
      <a rel=attachment href=file:///etc/passwd>bijlage</a>
      <a rel=attachment href=http://127.0.0.1:{port}/attachment>bijlage</a>
      <svg width=10 height=10><image href=http://127.0.0.1:{port}/svg.png width=10 height=10 /></svg>
    </body></html>"""
    content = pdf.render_pdf(html)
    assert "Zichtbaar" in pdf_text(content)
    assert embedded_files(content) == []
    assert b"root:x:0:0" not in content
    assert listener.hits == []


def test_relative_urls_never_resolve_to_the_filesystem():
    """Even a ``<base href=file:///>`` in the markup: the fetcher refuses ``file:``."""
    content = pdf.render_pdf("<html><head><base href='file:///'><link rel=attachment href=etc/passwd></head>"
                             "<body><p>Tekst</p><img src=etc/passwd></body></html>")
    assert embedded_files(content) == []
    assert pdf.BASE_URL.startswith("https://") and pdf.BASE_HOST.endswith(".invalid")


def test_our_static_images_and_data_images_are_drawn(caplog):
    caplog.set_level(logging.WARNING)
    png = "data:image/png;base64," + base64.b64encode(PNG).decode()
    content = pdf.render_pdf(f"<html><body><img src='/static/favicon.svg' style='width:2cm'><img src='{png}'>"
                             "<img src='/static/missing.png'></body></html>")
    problems = [r.getMessage() for r in caplog.records]
    # only the missing file was refused; the SVG and the PNG were loaded
    assert len([p for p in problems if "missing.png" in p]) >= 1
    assert [p for p in problems if "missing.png" not in p] == []
    assert "/XObject" in PdfReader(io.BytesIO(content)).pages[0]["/Resources"]  # the PNG


# --------------------------------------------------------------------------- CSS strings
@pytest.mark.parametrize("text", [
    'Plan </style><link rel=attachment href="file:///etc/passwd">',
    'Aanhalingstekens " en \' en \\ backslash',
    "Regel één\nregel twee\r\ttab & <b>",
])
def test_a_css_string_cannot_end_itself_or_the_style_element(text):
    value = pdf.css_string(text)
    inner = value[1:-1]
    assert value.startswith('"') and value.endswith('"')
    for forbidden in '"\'<>&\n\r\t':
        assert forbidden not in inner
    assert not re.search(r"\\(?![0-9a-f]+ )", inner)  # every backslash starts a hexadecimal CSS escape


def test_a_css_string_shows_the_text_literally_in_a_pdf_footer():
    text = 'Plan </style><img src=x> "aanhalingstekens" & \\ einde'
    html = (f"<html><head><style>@page {{ @bottom-left {{ content: {pdf.css_string(text)}; }} }}</style></head>"
            "<body><p>Inhoud</p></body></html>")
    content = pdf.render_pdf(html)
    assert squeeze(text) in pdf_text(content)
    assert embedded_files(content) == []


# --------------------------------------------------------------------------- the rich-text sanitiser
def test_the_rich_text_sanitiser_keeps_nothing_that_loads_or_embeds():
    cleaned = sanitise_html(
        "<p>Tekst</p><img src=http://x/a.png><link rel=attachment href=file:///etc/passwd>"
        "<style>@import 'http://x';</style><script>alert(1)</script><iframe src=http://x></iframe>"
        "<object data=http://x></object><embed src=file:///etc/passwd><svg><image href=http://x /></svg>"
        "<p style='background:url(http://x)'>stijl</p>"
        "<a href=file:///etc/passwd>f</a><a href='data:text/html,x'>d</a><a href='javascript:alert(1)'>j</a>"
        "<a rel=attachment href=https://www.vlaanderen.be>v</a>")
    for forbidden in ("<img", "<link", "<style", "<script", "<iframe", "<object", "<embed", "<svg", "<image",
                      "style=", "file:", "data:", "javascript:", "attachment", "http://x"):
        assert forbidden not in cleaned
    assert '<a href="https://www.vlaanderen.be" rel="noopener noreferrer">v</a>' in cleaned
    assert "<p>Tekst</p>" in cleaned


def test_no_module_but_the_writer_calls_weasyprint():
    """Every PDF goes through common/pdf.py, so none can load a file or a URL."""
    root = Path(settings.BASE_DIR)
    offenders = [
        path.relative_to(root).as_posix() for path in sorted(root.glob("*/**/*.py"))
        if not path.relative_to(root).as_posix().startswith((".venv/", "tests/", "common/pdf.py"))
        and re.search(r"^\s*(from weasyprint\b|import weasyprint\b)", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_an_absolute_static_url_is_read_from_our_files_too(settings):
    settings.STATIC_URL = "https://cdn.example.be/static/"
    assert fetch("https://cdn.example.be/static/css/app.css").content_type == "text/css"
    with pytest.raises(pdf.ResourceRefused):
        fetch("https://cdn.example.be/elders/app.css")
