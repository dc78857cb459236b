"""A limit on the admin's password-reset mails (Django's and Wagtail's form has none: six
requests sent six mails to one inbox).

Per client and per address (case ignored) within an hour, counted atomically in the
database (limits.rate) before the form sends anything; over either limit the request is
a 429 with Retry-After, whether or not the address belongs to an account, so the answer
tells nothing about who has one.
"""

from django.conf import settings

from wagtail.admin.views.account import PasswordResetView

from limits.client_ip import client_ip
from limits.rate import RateLimit

WINDOW = 3600


class PasswordResetLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "view_class", None) is not PasswordResetView:
            return None
        if request.method != "POST":
            return None
        address = str(request.POST.get("email", "")).strip().lower()[:254]
        limits = (
            (RateLimit("password-reset-client", settings.PASSWORD_RESETS_PER_CLIENT_PER_HOUR,
                       WINDOW), client_ip(request)),
            (RateLimit("password-reset-address", settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
                       WINDOW), address),
        )  # fmt: skip
        for limit, key in limits:
            if not limit.take(key):
                return limit.refusal("Too many password reset requests. Try again later.")
        return None
