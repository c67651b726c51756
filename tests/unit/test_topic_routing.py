"""Where a case on a topic starts, worked out on the workplace and the committees above it."""

from medflow.domain.routing import Placed, topic_start

KOMMUNE, OMRAADE, LOKAL = 0, 1, 2
CHAIN = [Placed(3, "lok-skole", LOKAL), Placed(2, "omr-born", OMRAADE), Placed(1, "kommunemed", KOMMUNE)]


def test_a_local_topic_starts_at_the_workplace():
    assert topic_start(CHAIN, LOKAL, direct=True).key == "lok-skole"


def test_a_direct_kommune_topic_starts_at_kommunemed():
    assert topic_start(CHAIN, KOMMUNE, direct=True).key == "kommunemed"


def test_a_direct_area_topic_starts_at_the_area_committee_above_the_workplace():
    assert topic_start(CHAIN, OMRAADE, direct=True).key == "omr-born"


def test_a_higher_topic_that_is_not_direct_starts_at_the_workplace():
    assert topic_start(CHAIN, KOMMUNE, direct=False).key == "lok-skole"


def test_a_workplace_at_or_above_the_topics_level_keeps_the_case():
    assert topic_start(CHAIN[1:], LOKAL, direct=True).key == "omr-born"


def test_without_a_committee_at_the_topics_level_the_case_starts_just_above_it():
    two_levels = [Placed(3, "lok-skole", LOKAL), Placed(1, "kommunemed", KOMMUNE)]

    assert topic_start(two_levels, OMRAADE, direct=True).key == "kommunemed"


def test_a_topic_level_the_organisation_does_not_have_starts_at_the_workplace():
    assert topic_start(CHAIN, None, direct=True).key == "lok-skole"
