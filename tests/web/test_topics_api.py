"""The API lists the topics and opens a case on a topic at the committee the data names."""

TOPIC_KEYS = {"key", "label", "level", "level_label", "workflow", "escalation", "role", "direct", "category",
              "description"}


def test_topics_are_listed_with_label_level_workflow_and_escalation_in_english(api):
    response = api("anna").get("/topics")

    assert response.status_code == 200
    topics = {t["key"]: t for t in response.get_json()["topics"]}
    assert len(topics) >= 20
    assert all(set(t) == TOPIC_KEYS for t in topics.values())
    apv = topics["apv"]
    assert (apv["label"], apv["level"], apv["workflow"]) == (
        "Workplace risk assessment (APV) and action plan", "lokal", "work_environment")
    assert apv["escalation"] == {
        "to": "omraade", "to_label": "OmrådeMED / CenterMED (area committee)",
        "rule": "Action-plan items lie outside the local leader's competence or budget",
    }
    assert topics["budget-kommune"]["escalation"] is None


def test_topics_are_listed_in_danish_when_asked(api):
    topics = {t["key"]: t for t in api("anna").in_danish().get("/topics").get_json()["topics"]}

    assert topics["apv"]["label"] == "APV og handlingsplan"
    assert topics["apv"]["escalation"]["rule"].startswith("Punkter i handlingsplanen")
    assert topics["stresspolitik"]["level_label"] == "KommuneMED (Hovedudvalget)"


def test_a_local_topic_starts_at_the_submitters_workplace(api):
    case = api("peter").submit(topic="budget-lokal")

    assert (case["holder"], case["topic"], case["topic_level"]) == ("lok-pleje", "budget-lokal", "lokal")
    assert case["path"] == ["lok-pleje"]


def test_a_direct_kommune_topic_starts_at_kommunemed(api):
    case = api("anna").submit(topic="stresspolitik")

    assert (case["holder"], case["origin"], case["topic_level"]) == ("kommunemed", "lok-skole", "kommune")
    assert case["path"] == ["kommunemed"]


def test_a_direct_area_topic_starts_at_the_area_committee_above_the_workplace(api):
    case = api("peter").submit(topic="retningslinjer-center")

    assert case["holder"] == "omr-aeldre"


def test_a_higher_topic_that_is_not_direct_starts_at_the_workplace_and_the_path_grows(api):
    case = api("anna").submit(topic="budget-kommune")
    assert (case["holder"], case["topic_level"]) == ("lok-skole", "kommune")

    case = api("lene").fire(case, "accept")
    case = api("lene").fire(case, "forward", comment="Besluttes i direktionen")

    assert case["path"] == ["lok-skole", "omr-born"]


def test_a_topic_without_workflow_opens_the_topics_case_type_with_its_category(api):
    case = api("anna").submit(workflow=None, topic="arbejdsulykke", title="Faldt på trappen")

    assert (case["workflow"], case["state"], case["holder"]) == ("work_environment", "reported", "lok-skole")
    assert case["data"]["category"] == "accident"
    assert "accident_report" in case["data"]["deadlines"]


def test_an_unknown_topic_is_refused_and_nothing_is_written(api):
    response = api("anna").post("/cases", {"workflow": "question", "title": "Hej", "topic": "kantine"})

    assert response.status_code == 400
    assert "kantine" in response.get_json()["error"]
    assert api("lene").get("/committees/lok-skole/cases").get_json()["total"] == 0


def test_a_topic_of_another_case_type_than_the_workflow_sent_is_refused(api):
    response = api("anna").post("/cases", {"workflow": "question", "title": "Ulykke", "topic": "arbejdsulykke"})

    assert response.status_code == 400
    assert response.get_json()["error"] == (
        "The topic arbejdsulykke opens a work_environment case, not question. "
        "Leave out workflow or send work_environment.")


def test_a_case_without_topic_still_starts_at_the_workplace(api):
    case = api("anna").submit()

    assert (case["holder"], case["topic"], case["topic_level"], case["path"]) == (
        "lok-skole", None, None, ["lok-skole"])
