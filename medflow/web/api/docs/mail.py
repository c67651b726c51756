"""The mail preferences API in the OpenAPI document: GET and POST /notifications/mail."""

from __future__ import annotations

from typing import Any

from medflow.domain.mailprefs import CASE_KINDS, DEFAULT_HOUR, KINDS, MODES
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.schemas import BOOL, obj, ref

MODE = {"type": "string", "enum": list(MODES)}
KIND_MODES = obj({kind: MODE for kind in KINDS}, KINDS,
                 description="How each kind of mail is sent: at once, in the daily digest, or not at all.")
NEW_KIND_MODES = obj({kind: MODE for kind in KINDS}, CASE_KINDS,
                     description="How each kind of mail is sent; `meetings` (added later) keeps its stored "
                                 "mode when left out.")
HOUR = {"type": "integer", "minimum": 0, "maximum": 23, "description": "The digest's hour, Copenhagen time."}
MAIL_CHOICES = obj({"email": BOOL, "digest_hour": HOUR, "kinds": KIND_MODES, "address_failing": BOOL},
                   ("email", "digest_hour", "kinds", "address_failing"))
NEW_MAIL_CHOICES = obj({"kinds": NEW_KIND_MODES, "email": BOOL,
                        "digest_hour": {**HOUR, "default": DEFAULT_HOUR}},
                       ("kinds",), description="Every case kind must be given; `email` and `digest_hour` are "
                                               "kept when left out.")

MAIL_PATHS: dict[str, Any] = {
    "/notifications/mail": {
        "get": op("mailChoices", "The caller's mail choices.", ref("MailChoices")),
        "post": op("saveMailChoices", "Save the caller's mail choices.", ref("MailChoices"),
                   body=ref("NewMailChoices")),
    },
}
MAIL_COMPONENTS: dict[str, Any] = {"MailChoices": MAIL_CHOICES, "NewMailChoices": NEW_MAIL_CHOICES}
