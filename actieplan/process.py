"""Where the process stands today: the current phase and round and the next deadline.

Phases and rounds are data (``Phase``, ``Round``); this module only reads them. Shown on
every home page and on the phase page. Queries (2): phases, rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import Phase, Round


@dataclass(frozen=True)
class Deadline:
    label: str
    day: date
    days_left: int


@dataclass(frozen=True)
class ProcessStatus:
    today: date
    phase: Phase | None
    round: Round | None
    next_deadline: Deadline | None

    @property
    def phase_passed(self) -> bool:
        """The current phase's deadline is behind us and no later phase has started."""
        return bool(self.phase and self.today > self.phase.deadline)


def process_status(today: date | None = None) -> ProcessStatus:
    today = today or timezone.localdate()
    phases = list(Phase.objects.order_by("starts_on", "number"))
    rounds = list(Round.objects.order_by("starts_on", "number"))
    phase = next((p for p in reversed(phases) if p.starts_on <= today), None)
    current_round = next((r for r in reversed(rounds) if r.starts_on <= today), None)
    candidates = []
    for r in rounds:
        for label, day in r.deadlines():
            if day >= today:
                candidates.append((day, _("%(round)s – %(deadline)s") % {"round": r, "deadline": label}))
    for p in phases:
        if p.deadline >= today:
            candidates.append((p.deadline, _("einde van %(phase)s") % {"phase": p}))
    next_deadline = None
    if candidates:
        day, label = min(candidates, key=lambda c: c[0])
        next_deadline = Deadline(label=label, day=day, days_left=(day - today).days)
    return ProcessStatus(today=today, phase=phase, round=current_round, next_deadline=next_deadline)
