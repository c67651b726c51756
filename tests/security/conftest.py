"""The security regression suite: the reviewers' probes as tests, with the page fixtures of tests/web."""

from tests.web.conftest import csrf_pages, pages  # noqa: F401  (fixtures shared with the page tests)
