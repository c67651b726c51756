"""The organisation file is validated before anything is written; problems name file and line."""

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.org import parse_org
from medflow.domain.yamlsource import load_text
from tests.factories import problems_in
from tests.helpers.org_files import MINIMAL


def problems(text: str) -> list[str]:
    """Return the problems of an organisation file as 'org.yaml:line: message'."""
    return problems_in(parse_org, text, "org.yaml")


def test_the_minimal_form_from_the_issue_is_accepted():
    spec = parse_org(load_text(MINIMAL, "org.yaml"), "org.yaml")
    assert [lv.key for lv in spec.levels] == ["kommune", "omraade", "lokal"]
    assert [(c.key, c.parent) for c in spec.committees] == [
        ("kommunemed", None), ("omr-born", "kommunemed"), ("lok-skole", "omr-born")]
    assert spec.people[1].roles == (("lok-skole", "chair"),)


@pytest.mark.parametrize(("change", "expected"), [
    (("parent: omr-born}", "parent: omr-boern}"),
     ["org.yaml:4: committee 'lok-skole': unknown parent 'omr-boern'"]),
    (("{key: omr-born, name", "{key: lok-skole, name"), [
        "org.yaml:4: committee 'lok-skole': duplicate key",
        "org.yaml:4: committee 'lok-skole': unknown parent 'omr-born'"]),
    (("role: chair", "role: boss"),
     ["org.yaml:8: person leder@example.dk: unknown role 'boss' (allowed: chair, vice_chair, secretary, "
      "member, amr, tr)"]),
    (("level: omraade", "level: region"), ["org.yaml:3: committee 'omr-born': unknown level 'region'"]),
    (("level: lokal, parent: omr-born", "level: kommune, parent: omr-born"),
     ["org.yaml:4: committee 'lok-skole': parent 'omr-born' is not on a higher level"]),
    (("workplace: lok-skole}", "workplace: lok-kontor}"),
     ["org.yaml:6: person anna@example.dk: unknown workplace 'lok-kontor'"]),
    (("committee: lok-skole, role", "committee: lok-kontor, role"),
     ["org.yaml:8: person leder@example.dk: unknown committee 'lok-kontor' in roles"]),
    (("email: leder@example.dk", "email: ANNA@example.dk"),
     ["org.yaml:7: person anna@example.dk: duplicate email"]),
    (("people:", "staff: []\npeople:"), ["org.yaml:1: unknown section 'staff'"]),
])
def test_each_problem_names_file_line_entry_and_reason(change, expected):
    assert problems(MINIMAL.replace(*change)) == expected


def test_a_cycle_of_parents_is_rejected():
    text = MINIMAL.replace("{key: kommunemed, name: KommuneMED, level: kommune}",
                           "{key: kommunemed, name: KommuneMED, level: kommune, parent: lok-skole}")
    found = problems(text)
    assert "org.yaml:2: committee 'kommunemed': its parents form a cycle" in found
    assert "org.yaml:4: committee 'lok-skole': its parents form a cycle" in found


def test_every_problem_of_a_file_is_reported_together():
    text = (MINIMAL.replace("parent: omr-born}", "parent: omr-boern}").replace("role: chair", "role: boss")
            .replace("workplace: lok-skole}", "workplace: nowhere}"))
    assert len(problems(text)) == 3


def test_a_yaml_syntax_error_names_the_line():
    with pytest.raises(DefinitionError) as error:
        load_text(MINIMAL.replace("level: omraade,", "level: [omraade,"), "org.yaml")
    assert str(error.value).startswith("org.yaml:")
    assert "invalid YAML" in str(error.value)


def test_levels_are_data_two_and_four_levels_parse():
    for levels in (["top", "bund"], ["a", "b", "c", "d"]):
        committees = "".join(
            f"  - {{key: c{i}, name: C{i}, level: {lv}{', parent: c' + str(i - 1) if i else ''}}}\n"
            for i, lv in enumerate(levels))
        text = "levels: [" + ", ".join(levels) + "]\ncommittees:\n" + committees
        spec = parse_org(load_text(text, "org.yaml"), "org.yaml")
        assert [c.level for c in spec.committees] == levels
