"""The demo inventory: real measures and the seed studies, loaded once, linked to the demo actions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from actieplan.models import Barrier
from inventory import demo
from inventory.models import EvidenceSource, Measure, MeasureActionLink
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_loads_the_measures_and_studies_of_the_seeds_once():
    call_command("load_reference", stdout=StringIO())
    health = Barrier.objects.get(slug="gezondheid-arbeidsbeperking")
    gez03 = f.action(primary_barrier=health, code="GEZ-03", status="in_progress")
    counts = demo.load()
    assert counts["measures"] == len(demo.MEASURES) >= 5 and counts["sources"] == len(demo.SOURCES) >= 5
    riziv = Measure.objects.get(name__startswith="Samenwerkingsovereenkomst RIZIV")
    assert "12.000 nieuwe trajecten voor 2024" in riziv.basis  # a target for 2024, not a yearly figure
    assert riziv.responsible_domain.abbreviation == "WEWIS" and health in riziv.barriers.all()
    link = MeasureActionLink.objects.get(action=gez03)
    assert link.measure == riziv and link.get_kind_display() == "bouwt voort op"
    types = set(EvidenceSource.objects.values_list("source_type", flat=True))
    assert {"viona", "steunpunt_werk", "pom"} <= types
    assert all(len(s.key_findings) > 100 for s in EvidenceSource.objects.all())
    assert demo.load() == {"measures": 0, "sources": 0, "links": 0}  # idempotent
