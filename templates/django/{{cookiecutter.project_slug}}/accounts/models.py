"""The user model, custom from the first migration so that it can grow without pain."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who can sign in. Add profile fields here."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [("view_member_directory", "Can view the member directory")]
