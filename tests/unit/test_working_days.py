"""Working days: weekends, Danish public holidays (Easter moves) and the days a kommune closes."""

from datetime import date

from medflow.domain.calendar import is_working_day, working_day


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
