"""/account: the person's own page — who medflow thinks they are, their roles, and their own settings.

The API keys, the e-mail choices and the download of one's own data live here rather than in
everyone's top bar: most employees never need an API key.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

bp = Blueprint("account_page", __name__, url_prefix="/account")


@bp.get("")
@login_required
def index():
    """Show my name, workplace and committee roles, and the links to my settings."""
    memberships = sorted(current_user.memberships, key=lambda m: (m.committee.name, m.role))
    return render_template("account/index.html", memberships=memberships)
