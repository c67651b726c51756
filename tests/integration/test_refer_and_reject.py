"""Refer sends a case down (back where it came from, or to a named child); reject says where to go."""


def _at_area_committee(api):
    case = api("lene").fire(api("lene").fire(api("anna").submit(), "accept"), "forward",
                            comment="Gælder flere skoler")
    return api("ole").fire(case, "accept")


def test_refer_without_a_target_goes_back_to_the_committee_that_forwarded_it(api):
    case = api("ole").fire(_at_area_committee(api), "refer", comment="Løses bedst lokalt")
    assert (case["state"], case["holder"]) == ("submitted", "lok-skole")
    last = case["history"][-1]
    assert (last["event"], last["from_committee"], last["to_committee"], last["comment"]) == (
        "refer", "omr-born", "lok-skole", "Løses bedst lokalt")
    assert "accept" in api("lene").get(f"/cases/{case['id']}").get_json()["actions"]


def test_refer_to_a_named_child_committee_moves_the_case_there(api):
    case = api("ole").fire(_at_area_committee(api), "refer", comment="Dagtilbud", target="lok-dagtilbud")
    assert (case["state"], case["holder"]) == ("submitted", "lok-dagtilbud")
    assert case["history"][-1]["data"]["target"] == "lok-dagtilbud"
    assert api("dora").fire(case, "accept")["state"] == "accepted"


def test_refer_from_the_top_reaches_a_committee_two_levels_down(api):
    case = api("ole").fire(_at_area_committee(api), "forward", comment="Kommunens sag")
    case = api("kim").fire(case, "refer", comment="Skolen selv", target="lok-skole")
    assert case["holder"] == "lok-skole"


def test_reject_records_where_to_go_instead_and_closes_the_case(api):
    case = api("anna").submit(title="Min løn er for lav")
    case = api("lene").fire(case, "reject", comment="Løn er ikke en MED-sag",
                            redirect="Kontakt din tillidsrepræsentant")
    assert case["state"] == "rejected"
    assert case["closed_at"] is not None
    assert case["data"]["redirect"] == "Kontakt din tillidsrepræsentant"
    assert case["history"][-1]["data"]["redirect"] == "Kontakt din tillidsrepræsentant"
    assert api("anna").get(f"/cases/{case['id']}").get_json()["actions"] == []


def test_fields_an_event_does_not_take_are_ignored(api):
    case = api("lene").fire(api("anna").submit(), "accept", answer="Sneaky", problem="x", target="omr-born")
    assert case["data"] == {}
    assert case["answer"] is None
    assert case["action_items"] == []
    assert case["history"][-1]["data"] == {}
