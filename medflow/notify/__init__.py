"""Telling people: every notification text, the e-mails and the sender; imports services, never the web.

texts.py holds every notification text; compose.py writes case mail and digests, meeting_mail.py
meeting mail the same way; sender.py has the case-event listener, the mail settings and the background sender
(registered by medflow.wiring). The names most callers need are re-exported here.
"""

from medflow.notify.sender import mail_settings, request_delivery, smtp_settings, wait_for_delivery
from medflow.notify.texts import MESSAGES, message

__all__ = ["MESSAGES", "mail_settings", "message", "request_delivery", "smtp_settings", "wait_for_delivery"]
