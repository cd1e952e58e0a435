"""Thesaurus for overlap detection: sets of terms that mean the same in this domain.

``woon-werkverkeer = pendel``, ``logopedie = spraaktherapie``, ``leefloner = OCMW-cliënt``:
two working groups write the same action with different words, and the lexical path
(stemmed TF-IDF) sees nothing in common. With the thesaurus, every text is *expanded*
before it is indexed: for each set of which the text contains a term (a word or a phrase,
compared after the same analysis as the index: lower case, accents folded, stop words
dropped, Dutch stems), the set's first term (its head) is added to the text, unless the
text already has it. Two actions that use different members of a set then share the head.

* ``Thesaurus(sets)`` is built from lists of terms; ``seed_sets()`` reads the seed shipped
  in ``actieplan/data/thesaurus_seed.json`` (what the admin starts from).
* ``expand(text)`` returns the text with the heads of the matched sets appended.
* ``links(text_a, text_b)`` names the synonyms that connect two texts, for the explanation
  ("spraaktherapie = logopedie").

Expansion happens when an action is indexed, so a change to the thesaurus needs a
re-index of the lexical path.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from actieplan.alignment.similarity import analyse

SEED_PATH = Path(__file__).resolve().parents[1] / "data" / "thesaurus_seed.json"


def seed_sets() -> list[list[str]]:
    return json.loads(SEED_PATH.read_text())["sets"]


def _stems(term: str) -> tuple[str, ...]:
    return tuple(stem for stem, _word in analyse(term))


class Thesaurus:
    """Synonym sets, indexed by the stems of their terms."""

    def __init__(self, sets: list[list[str]]):
        self.sets = [[term.strip() for term in terms if term.strip()] for terms in sets]
        self.sets = [terms for terms in self.sets if len(terms) > 1]
        # first stem -> [(stems of the term, set index, term)], longest terms first
        self._by_first: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        for index, terms in enumerate(self.sets):
            for term in terms:
                stems = _stems(term)
                if stems:
                    self._by_first.setdefault(stems[0], []).append((stems, index, term))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self._heads = [_stems(terms[0]) for terms in self.sets]

    def matches(self, text: str) -> dict[int, str]:
        """Set index -> the term of that set found in ``text`` (the first one, as written in the set)."""
        stems = [stem for stem, _word in analyse(text)]
        found: dict[int, str] = {}
        position = 0
        while position < len(stems):
            step = 1
            for term_stems, index, term in self._by_first.get(stems[position], ()):
                if tuple(stems[position:position + len(term_stems)]) == term_stems:
                    found.setdefault(index, term)
                    step = len(term_stems)
                    break
            position += step
        return found

    def expand(self, text: str) -> str:
        """``text`` followed by the head of every set it mentions but whose head it does not contain."""
        if not text:
            return text
        own = analyse(text)
        stems = [stem for stem, _word in own]
        heads = []
        for index in sorted(self.matches(text)):
            head = self._heads[index]
            if not _contains(stems, head):
                heads.append(self.sets[index][0])
        return f"{text} {' '.join(heads)}" if heads else text

    def links(self, text_a: str, text_b: str) -> list[tuple[str, str]]:
        """(term in a, term in b) for every set both texts mention with different terms."""
        a, b = self.matches(text_a), self.matches(text_b)
        return [(a[index], b[index]) for index in sorted(set(a) & set(b)) if _stems(a[index]) != _stems(b[index])]


def _contains(stems: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(stems[i:i + n]) == phrase for i in range(len(stems) - n + 1))


@lru_cache(maxsize=1)
def seed() -> Thesaurus:
    return Thesaurus(seed_sets())


def expand(text: str) -> str:
    """``text`` expanded with the seed thesaurus."""
    return seed().expand(text)
