"""Pure mail rules: which kind a notification is, valid choices, and the digest hour in Danish time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from medflow.domain.errors import Invalid
from medflow.domain.mailprefs import Choices, check_choices, digest_due, digest_slot, mail_kind


@pytest.mark.parametrize(("event", "own", "cascade", "kind"), [
    ("accept", True, False, "submitted"), ("resolve", True, False, "submitted"),
    ("submit", False, False, "committees"), ("forward", False, False, "committees"),
    ("escalate", True, False, "deadlines"), ("reminder_due", False, False, "deadlines"),
    ("item_before", False, False, "deadlines"), ("cascade_due", False, True, "deadlines"),
    ("publish", False, True, "information"), ("cascade_complete", True, True, "information"),
    ("accept", False, True, "information"),
])
def test_each_notification_belongs_to_one_kind(event, own, cascade, kind):
    assert mail_kind(event, own_case=own, cascade=cascade) == kind


def test_defaults_are_what_a_chair_would_choose():
    assert [Choices({}).mode(k) for k in ("submitted", "committees", "deadlines", "information")] == [
        "now", "digest", "now", "digest"]


@pytest.mark.parametrize(("modes", "hour", "field"), [
    ({"submitted": "now", "committees": "weekly", "deadlines": "now", "information": "off"}, 7, "committees"),
    ({"submitted": "now", "committees": "now", "deadlines": "now"}, 7, "information"),
    ({"submitted": "now", "committees": "now", "deadlines": "now", "information": "now"}, 24, "digest_hour"),
    ({"submitted": "now", "committees": "now", "deadlines": "now", "information": "now"}, True, "digest_hour"),
])
def test_bad_choices_name_the_field(modes, hour, field):
    with pytest.raises(Invalid) as caught:
        check_choices(modes, hour)
    assert caught.value.params["field"] == field


@pytest.mark.parametrize(("now", "slot"), [
    ("2027-03-27T10:00", "2027-03-27T06:00"),  # winter time: 07:00 CET is 06:00 UTC
    ("2027-03-28T10:00", "2027-03-28T05:00"),  # summer time began that night: 07:00 CEST is 05:00 UTC
    ("2027-03-28T04:59", "2027-03-27T06:00"),  # before seven, the last slot was yesterday's
    ("2027-10-31T10:00", "2027-10-31T06:00"),  # back to winter time
    ("2027-10-30T10:00", "2027-10-30T05:00"),
])
def test_the_digest_slot_is_seven_in_copenhagen_across_summer_time(now, slot):
    at = datetime.fromisoformat(now).replace(tzinfo=UTC)
    assert digest_slot(at, 7) == datetime.fromisoformat(slot).replace(tzinfo=UTC)


def test_a_digest_is_due_once_per_slot_and_a_first_one_waits_for_the_hour():
    seven = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)
    assert digest_due(seven, 7, None) and not digest_due(seven - timedelta(minutes=1), 7, None)
    assert not digest_due(seven + timedelta(hours=3), 7, None)  # too long after the hour for a first one
    assert not digest_due(seven + timedelta(hours=3), 7, seven)  # today's is made
    assert digest_due(seven + timedelta(days=1, hours=5), 7, seven)  # a late sweep still makes tomorrow's
