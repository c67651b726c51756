"""Checking an organisation file costs time in proportion to its size, whatever it holds."""

import time

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.org import parse_org


def test_a_forty_thousand_long_chain_of_committees_is_checked_in_linear_time():
    # About what fits in ORG_FILE_MAX_BYTES. The parent-cycle check walked each chain from every
    # committee (quadratic: a minute of CPU for this); it now visits each committee once.
    count = 40_000
    data = {"levels": [{"key": "a"}], "committees": [
        {"key": f"c{i}", "name": "Udvalg", "level": "a", **({"parent": f"c{i - 1}"} if i else {})}
        for i in range(count)]}
    started = time.process_time()
    with pytest.raises(DefinitionError) as error:
        parse_org(data, "org.yaml")
    assert len(error.value.problems) == count - 1  # every parent is on the same level, none a cycle
    assert time.process_time() - started < 10
