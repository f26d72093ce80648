"""A password reset lifts a django-axes lock on the account (the lockout page says so)."""

from allauth.account.signals import password_reset
from axes.utils import reset as axes_reset
from django.dispatch import receiver


@receiver(password_reset)
def unlock_after_password_reset(sender, request, user, **kwargs) -> None:
    axes_reset(username=user.email.lower())
