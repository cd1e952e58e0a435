"""Demo data for phase 2: overlapping proposals across groups, found by the similarity index."""

import io

import pytest

from actieplan.seed import demo_alignment
from actieplan.alignment import similarity
from actieplan.seed.demo import load_demo
from actieplan.models import Action, ActionTermVector, Status


@pytest.mark.django_db
def test_demo_overlaps_are_submitted_found_and_idempotent():
    load_demo()
    out = io.StringIO()
    assert demo_alignment.load(stdout=out) == len(demo_alignment.PROPOSALS)
    assert ActionTermVector.objects.count() == Action.objects.count()
    for row in demo_alignment.PROPOSALS:
        proposal = Action.objects.get(title=row["title"])
        assert proposal.status == Status.SUBMITTED
        overlapped = Action.objects.get(code=row["overlaps"])
        suggestions = similarity.similar_to(proposal)
        assert suggestions and suggestions[0].action == overlapped.pk, (row["title"], suggestions)
        assert row["overlaps"] in out.getvalue()
    count = Action.objects.count()
    assert demo_alignment.load() == 0
    assert Action.objects.count() == count


@pytest.mark.django_db
def test_demo_loader_without_demo_data_does_nothing():
    out = io.StringIO()
    assert demo_alignment.load(stdout=out) == 0
    assert "load_demo" in out.getvalue()
