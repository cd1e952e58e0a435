"""What overlap detection stores next to the lexical index of ``actieplan.alignment.similarity``.

* ``ActionEmbedding``: the sentence embedding of an action (``actieplan.alignment.embeddings``), with
  the model's name and version it was computed with, so vectors of an older model are
  recognised and recomputed (``manage.py reindex_similarity``).
* ``SynonymSet``: a set of terms that mean the same in this domain, maintained by WEWIS in
  the admin and on ``/afstemming/thesaurus/``; the lexical path expands texts with it.
"""

import numpy as np
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action


class ActionEmbedding(models.Model):
    action = models.OneToOneField(Action, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    vector = models.BinaryField()  # float32, L2-normalised, little-endian
    sentences = models.BinaryField(default=b"")  # float32 rows: one unit vector per sentence
    hubness = models.FloatField(default=0.0)  # mean centred cosine with its nearest actions (csls)
    model_name = models.CharField(max_length=100)
    model_version = models.CharField(max_length=60)
    text_hash = models.CharField(max_length=64)  # sha256 of the embedded text: unchanged text is not re-embedded
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("embedding van een actie")
        verbose_name_plural = _("embeddings van acties")

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype="<f4")

    def sentence_array(self) -> np.ndarray:
        return sentence_matrix(self.sentences)


def sentence_matrix(blob) -> np.ndarray:
    from actieplan.alignment.embeddings import DIMENSIONS

    return np.frombuffer(bytes(blob or b""), dtype="<f4").reshape(-1, DIMENSIONS)


class SynonymSet(models.Model):
    terms = models.TextField(
        _("termen"),
        help_text=_("Eén term per regel (of gescheiden door komma's). De eerste term is de hoofdterm."),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("gewijzigd door"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synoniemenset")
        verbose_name_plural = _("synoniemensets")

    def __str__(self):
        return " = ".join(self.term_list()[:4])

    def term_list(self) -> list[str]:
        return parse_terms(self.terms)


def parse_terms(text: str) -> list[str]:
    """The terms of a set as typed: one per line or separated by commas; blanks and repeats dropped."""
    seen, out = set(), []
    for line in (text or "").replace(",", "\n").splitlines():
        term = " ".join(line.split())
        if term and term.lower() not in seen:
            seen.add(term.lower())
            out.append(term)
    return out
