"""The admin pages: every change to committees, people and roles, and the audit row it writes."""

from __future__ import annotations

from sqlalchemy import func, select

from medflow.domain.sides import MANAGEMENT
from medflow.extensions import db
from medflow.persistence.models import AuditEntry, Case, Committee, Membership, Person
from medflow.services.people.users import authenticate
from tests.factories import snapshot


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                  .order_by(AuditEntry.id)).all()
        result = [(r.actor.email if r.actor else None, r.target, r.before, r.after) for r in rows]
        db.session.remove()
    return result


def _committee(app, key: str) -> Committee:
    with app.app_context():
        found = db.session.scalar(select(Committee).where(Committee.key == key))
        facts = (found.name, found.parent.key if found.parent else None, found.closed_at, found.successor_id)
        db.session.remove()
    return facts


def test_only_administrators_reach_the_admin_pages(pages):
    assert pages("lene").get("/admin/committees").status_code == 403
    anonymous = pages().get("/admin/people")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert pages("admin").get("/admin/committees").status_code == 200


def test_creating_a_committee_writes_an_audit_row(pages, app):
    response = pages("admin").post("/admin/committees", data={
        "key": "lok-bibliotek", "name": "LokalMED Bibliotek", "level": "lokal", "parent": "omr-born",
        "cost_centre": "4711"})
    assert response.status_code == 302
    assert _committee(app, "lok-bibliotek")[:2] == ("LokalMED Bibliotek", "omr-born")
    [(who, target, before, after)] = _audit(app, "committee.create")
    assert (who, target, before) == ("admin@example.dk", "lok-bibliotek", None)
    assert after == {"key": "lok-bibliotek", "name": "LokalMED Bibliotek", "level": "lokal",
                     "parent": "omr-born", "cost_centre": "4711", "closed": False}


def test_a_bad_committee_form_names_the_field_and_writes_nothing(pages, app):
    before = snapshot(app)
    response = pages("admin", lang="en").post("/admin/committees", data={"key": "Ugyldig nøgle!", "name": "X",
                                                                         "level": "lokal"})
    assert response.status_code == 400
    assert "key:" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_renaming_and_moving_a_committee_are_audited(pages, app):
    admin = pages("admin")
    assert admin.post("/admin/committees/lok-skole/rename", data={"name": "LokalMED Skolen"}).status_code == 302
    assert admin.post("/admin/committees/lok-dagtilbud/move", data={"parent": "omr-aeldre"}).status_code == 302
    assert _committee(app, "lok-skole")[0] == "LokalMED Skolen"
    assert _committee(app, "lok-dagtilbud")[1] == "omr-aeldre"
    [(_, _, before, after)] = _audit(app, "committee.rename")
    assert (before["name"], after["name"]) == ("LokalMED Skole", "LokalMED Skolen")
    [(_, _, before, after)] = _audit(app, "committee.move")
    assert (before["parent"], after["parent"]) == ("omr-born", "omr-aeldre")


def test_moving_a_committee_under_its_own_child_is_refused(pages, app):
    admin, before = pages("admin", lang="en"), snapshot(app)
    cycle = admin.post("/admin/committees/omr-born/move", data={"parent": "lok-skole"})
    same_level = admin.post("/admin/committees/omr-born/move", data={"parent": "omr-aeldre"})
    assert cycle.status_code == 409 and "would make a cycle" in cycle.get_data(as_text=True)
    assert same_level.status_code == 400 and "not on a higher level" in same_level.get_data(as_text=True)
    assert snapshot(app) == before


def test_admin_forms_start_empty_rather_than_guessing_a_person_role_or_workplace(pages):
    committee = pages("admin").get("/admin/committees/lok-skole").text
    for name in ("email", "role", "successor"):
        select = committee.split(f'name="{name}" required>')[1].split("</select>")[0]
        assert select.startswith('<option value="">') and " selected" not in select
    people = pages("admin").get("/admin/people").text
    assert people.split('name="workplace" required>')[1].startswith('<option value="">')


def test_closing_a_committee_moves_its_open_cases_with_a_history_row(pages, app, api):
    case = api("anna").submit()
    api("lene").fire(case, "accept")
    other = api("anna").submit(title="Lukket sag")
    api("anna").fire(other, "withdraw")

    asked = pages("admin").post("/admin/committees/lok-skole/close", data={"successor": "lok-dagtilbud"})
    assert asked.status_code == 200 and "Ja, nedlæg LokalMED Skole" in asked.text
    assert f"#{case['id']} " in asked.text and f"#{other['id']} " not in asked.text  # only the open case
    assert _committee(app, "lok-skole")[2] is None  # nothing changed before the yes
    response = pages("admin").post("/admin/committees/lok-skole/close",
                                   data={"successor": "lok-dagtilbud", "confirm": "yes"})

    assert response.status_code == 302
    with app.app_context():
        moved = db.session.get(Case, case["id"])
        last = moved.history[-1]
        assert (moved.holder.key, moved.state, moved.version) == ("lok-dagtilbud", "accepted", 3)
        assert (last.event, last.from_committee.key, last.to_committee.key, last.actor.email) == (
            "transfer", "lok-skole", "lok-dagtilbud", "admin@example.dk")
        assert [e.event for e in moved.history] == ["submit", "accept", "transfer"]
        assert db.session.get(Case, other["id"]).holder.key == "lok-skole"  # closed cases stay where they were
        anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
        assert anna.workplace.key == "lok-dagtilbud"
        db.session.remove()
    assert _committee(app, "lok-skole")[2] is not None
    [(_, target, before, after)] = _audit(app, "committee.close")
    assert (target, before["closed"], after["closed"], after["successor"], after["cases_moved"]) == (
        "lok-skole", False, True, "lok-dagtilbud", 1)
    page = pages("dora").get(f"/cases/{case['id']}").get_data(as_text=True)
    assert "LokalMED Skole → LokalMED Dagtilbud" in page


def test_a_committee_with_open_committees_below_cannot_close(pages, app):
    before = snapshot(app)
    response = pages("admin").post("/admin/committees/omr-born/close",
                                   data={"successor": "omr-aeldre", "confirm": "yes"})
    assert response.status_code == 409
    assert snapshot(app) == before


def test_adding_a_person_and_changing_the_workplace_are_audited(pages, app):
    admin = pages("admin")
    response = admin.post("/admin/people", data={"email": "Bo@Example.dk", "name": "Bo Bibliotekar",
                                                 "workplace": "lok-skole"})
    assert response.status_code == 302
    with app.app_context():
        bo = db.session.scalar(select(Person).where(Person.email == "bo@example.dk"))
        bo_id = bo.id
        db.session.remove()
    assert admin.post(f"/admin/people/{bo_id}/workplace", data={"workplace": "lok-pleje"}).status_code == 302
    [(_, target, before, after)] = _audit(app, "person.add")
    assert (target, before, after["workplace"], after["active"]) == ("bo@example.dk", None, "lok-skole", True)
    [(_, _, before, after)] = _audit(app, "person.workplace")
    assert (before["workplace"], after["workplace"]) == ("lok-skole", "lok-pleje")


def test_a_duplicate_email_is_refused(pages, app):
    before = snapshot(app)
    response = pages("admin").post("/admin/people", data={"email": "anna@example.dk", "name": "Anna 2",
                                                          "workplace": "lok-skole"})
    assert response.status_code == 409
    assert snapshot(app) == before


def test_deactivating_keeps_cases_and_history_and_stops_log_in(pages, app, api):
    case = api("anna").submit()
    api("lene").fire(case, "accept")
    with app.app_context():
        anna_id = db.session.scalar(select(Person.id).where(Person.email == "anna@example.dk"))
    before = snapshot(app, case["id"])

    assert pages("admin").post(f"/admin/people/{anna_id}/deactivate").status_code == 302

    after = snapshot(app, case["id"])
    assert after["case"] == before["case"]
    assert after["rows"] == {**before["rows"], "audit_entries": before["rows"]["audit_entries"] + 1}
    with app.app_context():
        assert authenticate(db.session, "anna@example.dk", "whatever-password") is None
    assert pages("anna").get("/cases").status_code == 302  # the session no longer counts
    assert f"/cases/{case['id']}" in pages("admin").get(f"/admin/people/{anna_id}").get_data(as_text=True)
    api("lene").fire({**case, "version": 2}, "resolve", answer="Nye stole er bestilt.", outcome="decision")
    [(_, _, before_row, after_row)] = _audit(app, "person.deactivate")
    assert (before_row["active"], after_row["active"]) == (True, False)


def test_the_last_chair_cannot_be_deactivated_or_removed_without_a_successor(pages, app):
    with app.app_context():
        lene_id = db.session.scalar(select(Person.id).where(Person.email == "lene@example.dk"))
    admin = pages("admin", lang="en")
    before = snapshot(app)
    assert admin.post(f"/admin/people/{lene_id}/deactivate").status_code == 409
    refused = admin.post("/admin/committees/lok-skole/roles/remove",
                         data={"email": "lene@example.dk", "role": "chair"})
    assert refused.status_code == 400 and "successor:" in refused.get_data(as_text=True)
    assert snapshot(app) == before

    done = admin.post("/admin/committees/lok-skole/roles/remove",
                      data={"email": "lene@example.dk", "role": "chair", "successor": "tove@example.dk"})

    assert done.status_code == 302
    with app.app_context():
        chairs = db.session.scalars(select(Person.email).join(Membership).where(
            Membership.role == "chair", Membership.committee.has(key="lok-skole"))).all()
    assert chairs == ["tove@example.dk"]
    assert _audit(app, "role.add") == [("admin@example.dk", "tove@example.dk", None,
                                        {"committee": "lok-skole", "role": "chair"})]
    assert _audit(app, "role.remove") == [("admin@example.dk", "lene@example.dk",
                                           {"committee": "lok-skole", "role": "chair"}, None)]


def test_adding_a_role_is_audited_and_an_unknown_role_is_refused(pages, app):
    admin = pages("admin", lang="en")
    assert admin.post("/admin/committees/lok-skole/roles",
                      data={"email": "anna@example.dk", "role": "amr"}).status_code == 302
    bad = admin.post("/admin/committees/lok-skole/roles", data={"email": "anna@example.dk", "role": "king"})
    assert bad.status_code == 400 and "role must be one of" in bad.get_data(as_text=True)
    assert _audit(app, "role.add") == [("admin@example.dk", "anna@example.dk", None,
                                        {"committee": "lok-skole", "role": "amr", "side": "employee"})]


def test_the_audit_page_shows_who_when_before_and_after(pages, app):
    admin = pages("admin", lang="en")
    admin.post("/admin/committees/lok-skole/rename", data={"name": "LokalMED Skolen"})
    html = admin.get("/admin/audit").get_data(as_text=True)
    assert "Ada Admin" in html and "committee.rename" in html
    assert "LokalMED Skole<" in html and "LokalMED Skolen<" in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 1
    only = admin.get("/admin/audit?action=person.add").get_data(as_text=True)
    assert "committee.rename</code>" not in only


def test_setting_a_cost_centre_is_audited_and_a_taken_code_refused(pages, app):
    admin = pages("admin", lang="en")
    done = admin.post("/admin/committees/lok-skole/cost-centre", data={"cost_centre": "5110"})
    assert done.status_code == 302
    before = snapshot(app)
    taken = admin.post("/admin/committees/lok-pleje/cost-centre", data={"cost_centre": "5110"})
    assert taken.status_code == 409 and "cost_centre:" in taken.get_data(as_text=True)
    assert snapshot(app) == before
    [(_, target, before_row, after_row)] = _audit(app, "committee.cost_centre")
    assert (target, before_row["cost_centre"], after_row["cost_centre"]) == ("lok-skole", None, "5110")


def test_a_closed_committee_leaves_the_tree_for_routing_cascades_and_the_org_page(pages, app, api):
    pages("admin").post("/admin/committees/lok-dagtilbud/close",
                        data={"successor": "lok-skole", "confirm": "yes"})
    case = api("lene").fire(api("anna").submit(), "accept")
    api("lene").fire(case, "forward", comment="Til området")
    at_area = api("ole").get(f"/cases/{case['id']}").get_json()
    api("ole").fire(at_area, "refer", expect=400, target="lok-dagtilbud", comment="Ned igen")
    assert "LokalMED Dagtilbud" not in pages("ole").get("/org").get_data(as_text=True)
    keys = str(api("ole").get("/committees").get_json())
    assert "lok-dagtilbud" not in keys and "lok-skole" in keys


def test_an_administrator_puts_a_leader_on_managements_side_where_theme_days_find_leaders(pages, app):
    admin = pages("admin", lang="en")
    added = admin.post("/admin/committees/lok-skole/roles",
                       data={"email": "sara@example.dk", "role": "secretary", "side": "management"})
    assert added.status_code == 302
    page = admin.get("/admin/committees/lok-skole").get_data(as_text=True)
    assert 'data-testid="side-form"' in page
    assert admin.post("/admin/committees/lok-skole/roles/side",
                      data={"email": "tove@example.dk", "role": "tr", "side": "management"}).status_code == 302
    bad = admin.post("/admin/committees/lok-skole/roles/side",
                     data={"email": "tove@example.dk", "role": "tr", "side": "both"})
    assert bad.status_code == 400 and "side must be one of" in bad.get_data(as_text=True)
    with app.app_context():
        sides = {(m.person.email, m.role): m.side for m in db.session.scalars(
            select(Membership).join(Committee).where(Committee.key == "lok-skole"))}
        leaders = set(db.session.scalars(select(Person.email).join(Membership)
                                         .where(Membership.side == MANAGEMENT)))
    assert sides[("sara@example.dk", "secretary")] == sides[("tove@example.dk", "tr")] == MANAGEMENT
    assert sides[("tove@example.dk", "vice_chair")] == "employee"  # her other seat keeps its side
    assert {"sara@example.dk", "tove@example.dk", "lene@example.dk"} <= leaders
    assert _audit(app, "role.side") == [("admin@example.dk", "tove@example.dk",
                                         {"committee": "lok-skole", "side": "employee"},
                                         {"committee": "lok-skole", "side": "management"})]
    log = admin.get("/admin/audit").get_data(as_text=True)
    assert "Side changed" in log and "Management" in log
