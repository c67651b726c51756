"""Data protection: the person export (GDPR art. 15) and retention (anonymising closed cases)."""
