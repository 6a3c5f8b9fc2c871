"""What a log-in session keeps of an account.

Flask-Login stores ``get_id()`` in the session cookie and the remember-me cookie.
Here it names the account and a fingerprint of its password hash, so a new password
(a reset, or an administrator setting one) ends every session and remember-me cookie
made with the old one, as Django's session auth hash does.
"""

import hashlib

from flask_login import UserMixin


def password_fingerprint(password_hash: str) -> str:
    """Changes whenever the password does: every hash has its own salt."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


class SessionUser(UserMixin):
    """Mixed into both kinds of User (the SQL model and the NoSQL dataclass)."""

    def get_id(self) -> str:
        return f"{self.id}:{password_fingerprint(self.password_hash)}"


def split_session_id(session_id: str) -> tuple[str, str]:
    """The account id and the fingerprint that ``get_id`` joined (ids never hold ':')."""
    user_id, _, fingerprint = session_id.partition(":")
    return user_id, fingerprint
