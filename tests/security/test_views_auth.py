"""Login, logout, error pages and the rule that every page needs a login."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

PAGES = [
    ("home", []),
    ("group_list", []),
    ("group_detail", [1]),
    ("group_members", [1]),
    ("membership_delete", [1, 1]),
    ("group_submit", [1]),
    ("action_list", []),
    ("action_create", []),
    ("action_detail", [1]),
    ("action_edit", [1]),
    ("comment_create", [1]),
    ("action_transition", [1]),
]


@pytest.mark.parametrize("name,args", PAGES)
def test_it_sends_anonymous_visitors_to_the_login_page(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_it_shows_a_dutch_login_form_with_labelled_fields(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-BE">' in html
    assert '<label class="field__label" for="id_username">' in html
    assert '<label class="field__label" for="id_password">' in html
    assert "Aanmelden" in html


def test_it_logs_in_with_the_form_and_lands_on_home(client):
    f.user("lies", first_name="Lies")
    response = client.post(reverse("login"), {"username": "lies", "password": f.PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Welkom, Lies" in response.content.decode()


def test_it_refuses_a_wrong_password_in_dutch(client):
    f.user("lies")
    response = client.post(reverse("login"), {"username": "lies", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_logs_out_with_post_only(client):
    user = f.user("lies")
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_logout_button_is_a_post_form_in_the_header(client):
    client.force_login(f.user("lies"))
    html = client.get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in html
    assert 'class="skip-link" href="#inhoud"' in html
    assert '<main id="inhoud"' in html


def test_the_404_page_is_dutch(client):
    client.force_login(f.user("lies"))
    response = client.get(reverse("action_detail", args=[999999]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_the_403_page_is_dutch_and_names_the_reason(client, group):
    client.force_login(f.user("lies"))
    response = client.get(reverse("group_members", args=[group.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html
    assert "voorzitter van de werkgroep" in html
