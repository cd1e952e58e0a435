"""The thesaurus: synonym sets expand texts so that the lexical path sees what they share."""

import pytest

from actieplan.alignment import similarity, thesaurus
from actieplan.models import Status
from tests import factories as f


def test_it_adds_the_head_of_a_set_the_text_mentions():
    t = thesaurus.Thesaurus([["logopedie", "spraaktherapie"], ["kinderopvang", "opvang van baby's en peuters"]])
    assert t.expand("Snellere toegang tot spraaktherapie") == "Snellere toegang tot spraaktherapie logopedie"
    assert t.expand("Meer opvang van baby's en peuters") == "Meer opvang van baby's en peuters kinderopvang"
    assert t.expand("Wachtlijst voor logopedie inkorten") == "Wachtlijst voor logopedie inkorten"  # has the head
    assert t.expand("Vervoer op maat") == "Vervoer op maat"
    assert t.expand("") == ""


def test_terms_match_after_the_index_analysis():
    """Case, accents, plural and stop words do not matter; a phrase must appear as a whole."""
    t = thesaurus.Thesaurus([["leefloner", "OCMW-cliënt", "cliënt van het OCMW"]])
    assert t.expand("Activering van OCMW-clienten").endswith(" leefloner")
    assert t.expand("De cliënt van het OCMW krijgt begeleiding").endswith(" leefloner")
    assert t.expand("Een cliënt van VDAB") == "Een cliënt van VDAB"


def test_links_name_the_synonyms_that_connect_two_texts():
    t = thesaurus.Thesaurus([["logopedie", "spraaktherapie"], ["pendel", "woon-werkverkeer"]])
    assert t.links("Wachtlijst voor logopedie", "Toegang tot spraaktherapie") == [("logopedie", "spraaktherapie")]
    assert t.links("Wachtlijst voor logopedie", "Ook logopedie") == []  # the same word is a shared term, no synonym


def test_the_seed_holds_the_domain_synonyms_of_the_issue():
    t = thesaurus.seed()
    assert t.links("woon-werkverkeer", "pendel") and t.links("anderstalige", "niet-Nederlandstalige")
    assert t.links("leefloner", "OCMW-cliënt") and t.links("logopedie", "spraaktherapie")
    assert t.links("kinderopvang", "opvang van baby's en peuters")
    assert all(len(terms) > 1 for terms in thesaurus.seed_sets())


@pytest.mark.django_db
def test_the_maintained_thesaurus_lets_the_lexical_path_find_a_synonym_pair(group, barrier):
    """The synonym sets in the database (seeded, maintained by WEWIS) expand every indexed text."""
    from overlap import services
    from overlap.models import SynonymSet

    def make(title, description):
        return f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, title=title,
                        description=description, intended_result="")

    texts = [("Wachtlijst voor logopedie inkorten", "Centra krijgen middelen voor logopedie."),
             ("Snellere toegang tot spraaktherapie", "Mensen kunnen vlugger bij een therapeut terecht."),
             ("Deelfietsen aan het station", "Fietsen voor de laatste kilometer.")]
    actions = [make(*text) for text in texts]
    similarity.reindex_all()
    found = similarity.similar_to(actions[0], min_score=0.0)
    assert found and found[0].action == actions[1].pk and "logopedie" in found[0].shared_terms

    SynonymSet.objects.filter(terms__icontains="spraaktherapie").delete()  # WEWIS removes the set
    services.thesaurus_changed()
    similarity.reindex_all()
    assert actions[1].pk not in [s.action for s in similarity.similar_to(actions[0], min_score=0.0)]
