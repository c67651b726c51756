"""The documentation holds together: every relative link in README.md and docs/ reaches a file, and
every #anchor a heading in it (GitHub's slugs); the README stays a short front door with CI's command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
IGNORED = ("http://", "https://", "mailto:")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation removed (æøå kept), spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading counts by its text
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def _outside_fences(text: str) -> list[str]:
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def anchors(text: str) -> set[str]:
    """Every anchor the headings of a Markdown text give, numbered as GitHub numbers repeats (x, x-1, ...)."""
    seen: dict[str, int] = {}
    found = set()
    for line in _outside_fences(text):
        match = HEADING.match(line)
        if match:
            base = slug(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken_links(path: Path) -> list[str]:
    """Return 'file: link (why)' for each relative link in a Markdown file that leads nowhere."""
    text = path.read_text(encoding="utf-8")
    problems = []
    for line in _outside_fences(text):
        for target in LINK.findall(re.sub(r"`[^`]*`", "", line)):
            if target.startswith(IGNORED):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                problems.append(f"{path.name}: {target} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text("utf-8")):
                problems.append(f"{path.name}: {target} (no heading with the anchor #{anchor})")
    return problems


def _documents() -> list[Path]:
    """README.md, every docs/**/*.md, and the benchmark results that link back into docs/."""
    results = ROOT / "tests" / "benchmarks" / "RESULTS.md"
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), results]


def test_every_relative_link_and_anchor_in_the_docs_leads_somewhere():
    documents = _documents()
    assert len(documents) > 5  # README and the readers' docs were found

    assert [problem for doc in documents for problem in broken_links(doc)] == []


def test_the_checker_reports_a_planted_broken_link(tmp_path):
    other = "# Other\n\n## Hvor går jeg hen?\n\n## Set-up: `make run`\n"
    (tmp_path / "other.md").write_text(other, encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Doc\n\n"
        "[fine](other.md#hvor-går-jeg-hen) [fine too](other.md#set-up-make-run) [here](#doc)\n"
        "[web](https://example.dk/missing.md) [mail](mailto:x@example.dk)\n"
        "```\n[in code](nowhere.md)\n```\n"
        "[gone](missing.md) [bad anchor](other.md#no-such-heading) [bad here](#nothing)\n",
        encoding="utf-8")

    assert broken_links(doc) == [
        "doc.md: missing.md (no such file)",
        "doc.md: other.md#no-such-heading (no heading with the anchor #no-such-heading)",
        "doc.md: #nothing (no heading with the anchor #nothing)",
    ]


def test_slugs_follow_github():
    assert slug("Deadlines and `medflow sweep`") == "deadlines-and-medflow-sweep"
    assert slug("HR's list: `medflow org import people.csv`") == "hrs-list-medflow-org-import-peoplecsv"
    assert slug("Hvem kan se en sag?") == "hvem-kan-se-en-sag"
    assert anchors("# A\n## A\n") == {"a", "a-1"}


def test_the_readme_is_a_short_front_door_with_the_ci_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    test_command = commands[-1]  # the last command .ci/run runs is the test suite
    assert test_command == "make test"

    assert len(readme.splitlines()) <= 160
    assert re.search(rf"^{re.escape(test_command)}\b", readme, re.MULTILINE)
