"""Working days and hours: weekends, Danish public holidays (Easter moves), the kommune's closed days,
summer time."""

from datetime import UTC, date, datetime

import pytest

from medflow.domain import calendar
from medflow.domain.calendar import (
    add_working_days,
    add_working_time,
    is_working_day,
    is_working_time,
    working_day,
    working_moment,
)
from medflow.domain.definitions import Label, StateDef


def test_public_holidays_weekends_and_closing_days_are_not_working_days():
    assert not is_working_day(date(2027, 3, 25))  # skærtorsdag 2027
    assert not is_working_day(date(2027, 3, 29))  # 2. påskedag
    assert not is_working_day(date(2026, 12, 24))  # juleaften, a Thursday
    assert not is_working_day(date(2027, 6, 5))  # grundlovsdag (a Saturday anyway)
    assert not is_working_day(date(2026, 6, 5))  # grundlovsdag on a Friday
    assert not is_working_day(date(2026, 12, 5))  # a Saturday
    assert is_working_day(date(2027, 3, 24)) and is_working_day(date(2026, 12, 23))


def test_the_nearest_working_day_is_found_in_either_direction():
    assert working_day(date(2027, 3, 25)) == date(2027, 3, 30)  # Easter: Thursday to Tuesday
    assert working_day(date(2027, 3, 29), -1) == date(2027, 3, 24)
    assert working_day(date(2026, 12, 24)) == date(2026, 12, 28)


@pytest.fixture
def restore_calendar():
    """Put the kommune's closed days and working hours back to the defaults after the test."""
    yield
    calendar.set_closed_days(calendar.DEFAULT_CLOSED_DAYS)
    calendar.set_working_hours(*calendar.DEFAULT_HOURS)


def test_working_days_are_counted_past_weekends_and_holidays_and_back():
    assert add_working_days(date(2027, 3, 24), 1) == date(2027, 3, 30)  # over Easter
    assert add_working_days(date(2027, 3, 30), -1) == date(2027, 3, 24)
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)  # over Christmas
    assert add_working_days(date(2026, 12, 5), 0) == date(2026, 12, 5)  # nothing to count


# (submitted, due 10 working days later): Easter 2026 and 2027, Christmas 2026, both changes of
# summer time in 2026 (29 March, 25 October) and 2027 (28 March, 31 October). The due moment keeps
# the wall-clock time (10:00 in Copenhagen), so its UTC hour moves with summer time.
TEN_WORKING_DAYS = [
    (datetime(2027, 3, 23, 9, tzinfo=UTC), datetime(2027, 4, 9, 8, tzinfo=UTC)),  # skærtorsdag–2. påskedag
    (datetime(2026, 12, 21, 9, tzinfo=UTC), datetime(2027, 1, 8, 9, tzinfo=UTC)),  # 24–26 Dec, 31 Dec, 1 Jan
    (datetime(2026, 3, 26, 9, tzinfo=UTC), datetime(2026, 4, 14, 8, tzinfo=UTC)),  # summer time, Easter
    (datetime(2026, 10, 22, 8, tzinfo=UTC), datetime(2026, 11, 5, 9, tzinfo=UTC)),  # winter time
    (datetime(2027, 10, 28, 8, tzinfo=UTC), datetime(2027, 11, 11, 9, tzinfo=UTC)),  # winter time
    # Langfredag evening counts from Tuesday 08:00, summer time: the committee sees it then.
    (datetime(2027, 3, 26, 21, tzinfo=UTC), datetime(2027, 4, 13, 6, tzinfo=UTC)),
]


@pytest.mark.parametrize(("start", "due"), TEN_WORKING_DAYS)
def test_ten_working_days_skip_holidays_and_keep_the_local_time_across_summer_time(start, due):
    assert add_working_time(start, 10) == due


def test_a_state_counts_its_deadline_and_reminder_in_working_days_when_it_says_so():
    state = StateDef("new", Label("Ny", "New"), deadline_workdays=10)
    due = state.due_from(datetime(2027, 3, 23, 9, tzinfo=UTC))
    assert due == datetime(2027, 4, 9, 8, tzinfo=UTC)
    assert state.remind_from(due, 3) == datetime(2027, 4, 6, 8, tzinfo=UTC)
    calendar_days = StateDef("new", Label("Ny", "New"), deadline_days=14)
    assert calendar_days.due_from(datetime(2027, 3, 23, 9, tzinfo=UTC)) == datetime(2027, 4, 6, 9, tzinfo=UTC)


@pytest.mark.parametrize(("moment", "morning"), [
    (datetime(2026, 12, 12, 22, tzinfo=UTC), datetime(2026, 12, 14, 7, tzinfo=UTC)),  # Saturday night
    (datetime(2027, 3, 27, 22, tzinfo=UTC), datetime(2027, 3, 30, 6, tzinfo=UTC)),  # Easter; summer time
    (datetime(2026, 10, 24, 12, tzinfo=UTC), datetime(2026, 10, 26, 7, tzinfo=UTC)),  # into winter time
    (datetime(2026, 12, 23, 16, tzinfo=UTC), datetime(2026, 12, 28, 7, tzinfo=UTC)),  # 17:00, then Christmas
    (datetime(2026, 12, 22, 6, 59, tzinfo=UTC), datetime(2026, 12, 22, 7, tzinfo=UTC)),  # 07:59 on a Tuesday
])
def test_outside_working_hours_the_next_working_morning_is_at_eight_in_copenhagen(moment, morning):
    assert not is_working_time(moment)
    assert working_moment(moment) == morning and is_working_time(morning)


def test_the_working_hours_and_closed_days_are_configurable(restore_calendar):
    calendar.set_working_hours(7, 15)
    assert working_moment(datetime(2026, 12, 12, 22, tzinfo=UTC)) == datetime(2026, 12, 14, 6, tzinfo=UTC)
    assert not is_working_time(datetime(2026, 12, 14, 14, tzinfo=UTC))  # 15:00 in Copenhagen
    calendar.set_closed_days("2026-12-28, 05-01")  # a bridge day once, 1 May every year
    assert not is_working_day(date(2026, 12, 28)) and not is_working_day(date(2028, 5, 1))
    assert is_working_day(date(2026, 12, 24))  # no longer closed: the list replaces the default
    calendar.set_closed_days("")
    assert is_working_day(date(2026, 6, 5))


@pytest.mark.parametrize("spec", ["13-01", "12-32", "24/12", "2026-02-30"])
def test_a_malformed_closed_day_is_refused(spec, restore_calendar):
    with pytest.raises(ValueError):
        calendar.set_closed_days(spec)


@pytest.mark.parametrize("hours", [(8, 8), (-1, 17), (8, 25)])
def test_impossible_working_hours_are_refused(hours):
    with pytest.raises(ValueError):
        calendar.set_working_hours(*hours)
