"""The Limits table in docs/integrators.md lists every free-text field with the maximum the code enforces."""

from pathlib import Path

from medflow.domain.limits import DATE_MIN, DATE_YEARS_AHEAD, ID_MAX, KEY_MAX, TEXT_MAX

DOC = (Path(__file__).resolve().parents[2] / "docs" / "integrators.md").read_text(encoding="utf-8")


def _limits_rows() -> list[str]:
    section = DOC.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ")]


def test_every_text_field_is_listed_with_its_maximum():
    rows = _limits_rows()
    for field, most in TEXT_MAX.items():
        row = next((r for r in rows if f"`{field}`" in r), None)
        assert row is not None, f"{field} is missing from the Limits table in docs/integrators.md"
        assert f"{most:,} characters" in row, (field, row)


def test_keys_ids_and_dates_are_listed_with_their_bounds():
    table = "\n".join(_limits_rows())
    assert f"| {KEY_MAX} characters |" in table
    assert f"{ID_MAX:,}" in table
    assert DATE_MIN.isoformat() in table and DATE_YEARS_AHEAD == 10 and "ten years after today" in table
