from django.conf import settings
from django.db import models


class Person(models.Model):
    """What the provider asserts beyond Django's user: whether it checked the e-mail address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person")
    email_verified = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} ({'verified' if self.email_verified else 'unverified'})"
