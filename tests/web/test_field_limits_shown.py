"""Every free-text field shows its maximum length, and the browser and the server both hold it."""

from __future__ import annotations

import re


def test_the_new_case_form_shows_each_fields_maximum(pages):
    html = pages("anna").get("/cases/new").text
    title = re.search(r'<input[^>]*id="title"[^>]*>', html).group(0)
    assert 'maxlength="200"' in title and 'aria-describedby="title-hint title-limit"' in title
    assert '<small class="limit" id="title-limit">Højst 200 tegn.</small>' in html
    assert '<small class="limit" id="description-limit">Højst 20000 tegn.</small>' in html


def test_an_action_form_shows_its_fields_maximum(pages, api):
    case = api("anna").submit()
    html = pages("lene").get(f"/cases/{case['id']}").text
    reason = re.search(r'<textarea id="reject-comment"[^>]*>', html).group(0)
    assert 'aria-describedby="reject-comment-limit"' in reason and 'maxlength="10000"' in reason
    assert '<small class="limit" id="reject-comment-limit">Højst 10000 tegn.</small>' in html


def test_a_title_over_the_maximum_is_refused_with_a_message_not_cut(pages):
    response = pages("anna").post("/cases/new", data={"workflow": "question", "title": "x" * 201})
    assert response.status_code == 400 and "x" * 201 in response.text  # kept, not cut, and refused
