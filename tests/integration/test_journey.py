"""A question travels workplace → area → KommuneMED and the answer comes back down."""


def test_question_travels_up_to_kommunemed_and_the_answer_reaches_the_submitter(api):
    case = api("anna").submit()
    assert (case["state"], case["holder"]) == ("submitted", "lok-skole")

    case = api("lene").fire(case, "accept")
    case = api("lene").fire(case, "forward", comment="Stole købes centralt")
    assert (case["state"], case["holder"]) == ("submitted", "omr-born")

    case = api("ole").fire(case, "accept")
    case = api("ole").fire(case, "forward", comment="Gælder hele kommunen")
    assert (case["state"], case["holder"]) == ("submitted", "kommunemed")

    case = api("kim").fire(case, "accept")
    case = api("kim").fire(case, "resolve", answer="Nye stole bestilles i marts.",
                           outcome="decision")
    assert case["state"] == "resolved"

    seen = api("anna").get(f"/cases/{case['id']}").get_json()
    assert seen["answer"] == "Nye stole bestilles i marts."
    assert seen["outcome"] == "decision"
    assert [(h["event"], h["from_committee"], h["to_committee"]) for h in seen["history"]] == [
        ("submit", None, "lok-skole"),
        ("accept", "lok-skole", "lok-skole"),
        ("forward", "lok-skole", "omr-born"),
        ("accept", "omr-born", "omr-born"),
        ("forward", "omr-born", "kommunemed"),
        ("accept", "kommunemed", "kommunemed"),
        ("resolve", "kommunemed", "kommunemed"),
    ]
    assert seen["history"][2]["comment"] == "Stole købes centralt"
    assert seen["actions"] == ["reopen"]
