"""Factories of the inventory (measures, links to actions, evidence sources)."""

from __future__ import annotations

from inventory.models import EvidenceSource, Measure, MeasureActionLink
from tests import factories as f

_counter = iter(range(1, 10**6))


def measure(*, domain=None, barriers=(), target_groups=(), links=(), name=None, **kw) -> Measure:
    n = next(_counter)
    kw.setdefault("description", "Een bestaande maatregel tegen drempels naar werk.")
    kw.setdefault("status", "running")
    item = Measure.objects.create(name=name or f"Maatregel {n}", responsible_domain=domain or f.policy_domain(),
                                  **kw)
    item.barriers.set(barriers)
    item.target_groups.set(target_groups)
    for action, kind in links:
        MeasureActionLink.objects.create(measure=item, action=action, kind=kind)
    return item


def evidence_source(*, barriers=(), target_groups=(), measures=(), actions=(), title=None, **kw) -> EvidenceSource:
    n = next(_counter)
    kw.setdefault("authors", "Steunpunt Werk")
    kw.setdefault("year", 2024)
    kw.setdefault("source_type", "steunpunt_werk")
    kw.setdefault("key_findings", "Leefloners stromen vaker door naar werk dan andere niet-beroepsactieven.")
    item = EvidenceSource.objects.create(title=title or f"Studie {n}", **kw)
    item.barriers.set(barriers)
    item.target_groups.set(target_groups)
    item.measures.set(measures)
    item.actions.set(actions)
    return item
