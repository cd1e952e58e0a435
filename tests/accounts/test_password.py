"""Password change for a signed-in user and reset by e-mail (which never reveals whether an address exists)."""

from django.core import mail
from django.urls import reverse

from tests import factories as f
from tests.accounts.helpers import events, last_link

NEW = "Nieuw-wachtwoord-2026"


def test_a_signed_in_user_changes_their_password(client, member):
    client.force_login(member)
    wrong = client.post(reverse("password_change"), {"old_password": "fout", "new_password1": NEW,
                                                     "new_password2": NEW})
    assert "Uw oude wachtwoord is niet juist ingevoerd" in wrong.content.decode()
    too_short = client.post(reverse("password_change"), {"old_password": f.PASSWORD, "new_password1": "kort",
                                                         "new_password2": "kort"})
    assert "Dit wachtwoord is te kort" in too_short.content.decode()
    done = client.post(reverse("password_change"), {"old_password": f.PASSWORD, "new_password1": NEW,
                                                    "new_password2": NEW}, follow=True)
    assert "Uw wachtwoord is gewijzigd." in done.content.decode()
    client.logout()
    assert client.login(username="lid", password=NEW)
    assert "password_changed" in events(member)


def test_the_change_page_needs_a_sign_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_reset_by_e_mail_sets_a_new_password(client, member):
    page = client.post(reverse("password_reset"), {"email": member.email.upper()}, follow=True)
    assert "Kijk in uw mailbox" in page.content.decode()
    assert mail.outbox[-1].to == [member.email]
    link = last_link()
    form = client.get(link, follow=True)  # Django moves the token into the session and redirects
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "Uw nieuwe wachtwoord is ingesteld." in done.content.decode()
    assert client.login(username="lid", password=NEW)
    assert "password_reset" in events(member)
    again = client.get(link, follow=True)
    assert "Deze link is niet meer geldig" in again.content.decode()


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, member):
    known = client.post(reverse("password_reset"), {"email": member.email}, follow=True)
    mail.outbox.clear()
    unknown = client.post(reverse("password_reset"), {"email": "niemand@vlaanderen.be"}, follow=True)
    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain
    assert not mail.outbox


def test_no_reset_for_a_deactivated_person(client, member):
    member.is_active = False
    member.save()
    client.post(reverse("password_reset"), {"email": member.email})
    assert not mail.outbox
