"""Pages are Dutch (nl-BE) only: the Flemish administration works in Dutch (issue 16, defect 12)."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_dutch(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl-be"
    assert 'lang="nl-BE"' in response.content.decode()


def test_an_english_language_cookie_changes_nothing(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "nl-be"
    assert "Aanmelden" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("login"))["Content-Language"] == "nl-be"


def test_dutch_is_the_only_language_offered():
    assert [code for code, _name in settings.LANGUAGES] == ["nl-be"]
    with pytest.raises(NoReverseMatch):
        reverse("set_language")


def test_there_is_no_language_switch_route(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_profile_offers_no_other_language():
    from werkgroepen.models import Profile

    assert [code for code, _name in Profile._meta.get_field("language").choices] == ["nl-be"]
