"""/account: a person's own page holds their API keys, mail choices and data download; the top bar does not."""

from __future__ import annotations


def test_the_account_page_links_the_personal_settings_and_the_top_bar_names_the_person(pages):
    lene = pages("lene")
    front = lene.get("/org").text
    assert 'href="/account/tokens"' not in front  # not in everyone's top bar
    assert 'href="/account"' in front and "Lene" in front
    page = lene.get("/account")
    assert page.status_code == 200
    for link in ("/account/tokens", "/notifications/mail", "/account/export"):
        assert f'href="{link}"' in page.text
    assert "API-nøgler" in page.text and "Formand" in page.text  # her role, in Danish


def test_the_account_page_is_for_logged_in_people(pages):
    assert pages().get("/account").status_code == 302


def crumbs(html: str) -> str:
    """Return the breadcrumb's text of a case page."""
    return html.split('data-testid="crumbs"')[1].split("</nav>")[0]


def test_a_case_breadcrumb_leads_back_where_the_reader_came_from(pages, api):
    case = api("anna").submit(title="Nye stole", description="Stolene er slidte.")
    address = f"/cases/{case['id']}"
    lene = pages("lene")
    assert "LokalMED" in crumbs(lene.get(address).text) and "Mine sager" not in crumbs(lene.get(address).text)
    from_list = lene.get(address, headers={"Referer": "http://localhost/notifications"}).text
    assert "Notifikationer" in crumbs(from_list)
    assert "Mine sager" in crumbs(pages("anna").get(address).text)
    forged = lene.get(address, headers={"Referer": "http://localhost/meetings/999"}).text
    assert "/meetings/999" not in crumbs(forged)  # a meeting the reader cannot see is not named
