"""GET /committees returns the tree; GET /workflows the definitions with states and events."""


def test_the_committee_tree_nests_children_under_parents(api):
    tree = api("anna").get("/committees").get_json()["committees"]

    def shape(nodes):
        return [(n["key"], n["level"], shape(n["children"])) for n in nodes]

    assert shape(tree) == [("kommunemed", "kommune", [
        ("omr-born", "omraade", [("lok-dagtilbud", "lokal", []), ("lok-skole", "lokal", [])]),
        ("omr-aeldre", "omraade", [("lok-pleje", "lokal", [])]),
    ])]
    assert tree[0]["name"] == "KommuneMED"


def test_the_workflows_list_states_events_roles_and_required_fields(api):
    workflows = {w["name"]: w for w in api("anna").get("/workflows").get_json()["workflows"]}
    assert set(workflows) == {"cascade", "question", "work_environment"}
    assert sorted(n for n, w in workflows.items() if w["submittable"]) == ["question", "work_environment"]
    question = workflows["question"]
    assert (question["initial"], question["reopen_days"], question["label"]) == (
        "submitted", 30, "Question for MED")
    assert {s["name"]: s["final"] for s in question["states"]} == {
        "submitted": False, "accepted": False, "scheduled": False,
        "resolved": True, "rejected": True, "withdrawn": True}
    deadlines = {s["name"]: (s["deadline_days"], s["deadline_workdays"]) for s in question["states"]}
    assert deadlines["submitted"] == (None, 10) and deadlines["accepted"] == (60, None)
    events = {e["event"]: e for e in question["events"]}
    assert set(events) == {"accept", "schedule", "unschedule", "resolve", "forward", "refer", "reject",
                           "withdraw", "reopen"}
    assert events["forward"]["requires"] == ["comment"]
    assert events["reject"]["requires"] == ["comment", "redirect"]
    assert events["withdraw"]["roles"] == ["submitter"]
    assert events["accept"]["roles"] == ["chair", "vice_chair", "secretary"]
    work = workflows["work_environment"]
    assert work["categories"] == ["physical", "psychosocial", "accident", "near_miss", "violence_threat"]
    assert {"assess", "plan", "follow_up"} <= {e["event"] for e in work["events"]}


def test_workflow_labels_follow_the_language(api):
    workflows = api("anna").in_danish().get("/workflows").get_json()["workflows"]
    assert {w["name"]: w["label"] for w in workflows} == {
        "question": "Spørgsmål til MED", "work_environment": "Arbejdsmiljøsag",
        "cascade": "Information fra ledelsen/MED"}
