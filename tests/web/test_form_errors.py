"""A refused form is no dead end: the error page names what went wrong, links back and keeps what was typed."""

from __future__ import annotations

import html
import json
import re


def test_a_refused_form_links_back_and_lists_what_was_typed(pages):
    admin = pages("admin")
    refused = admin.post("/admin/people", data={"name": "Anna Igen", "email": "anna@example.dk",
                                                "workplace": "lok-skole"},
                         headers={"Referer": "http://localhost/admin/people"})
    assert refused.status_code in (400, 409)
    page = refused.get_data(as_text=True)
    assert 'href="/admin/people" class="button" data-testid="back-to-form"' in page
    kept = page.split('data-testid="typed-kept"')[1].split("</dl>")[0]
    assert "Anna Igen" in kept and "<dt>Navn</dt>" in kept and "<dt>Arbejdssted</dt>" in kept
    handed = re.search(r'<div id="typed-form" hidden data-typed="(.*?)"></div>', page).group(1)
    handed = json.loads(html.unescape(handed))
    assert handed == {"action": "/admin/people", "values": {"name": "Anna Igen", "email": "anna@example.dk",
                                                            "workplace": "lok-skole"}}


def test_a_back_link_only_ever_leads_to_this_site(pages):
    refused = pages("admin").post("/admin/people", data={"name": "X", "email": "anna@example.dk"},
                                  headers={"Referer": "https://evil.example/phish"})
    assert "evil.example" not in refused.get_data(as_text=True)
