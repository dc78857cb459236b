"""A guess limit for page and collection passwords (Wagtail's own forms have none).

At most `LOGIN_FAILURE_LIMIT` wrong passwords for one restriction from one client within
a window of `LOGIN_LOCKOUT_MINUTES`; further guesses answer 429 with Retry-After until the
window passes. Every attempt is counted before it is evaluated, atomically in the
database (limits.rate), and a right password gives its count back: concurrent guesses
cannot slip past the limit together, and the limit holds without the shared cache.
"""

from django.conf import settings

from wagtail.documents.views.serve import authenticate_with_password as document_password
from wagtail.views import authenticate_with_password as page_password

from limits.client_ip import client_ip
from limits.rate import RateLimit

PASSWORD_VIEWS = {page_password: "page", document_password: "collection"}


class PasswordGuessLimitMiddleware:
    """Placed after CSRF, so a guess is counted only once the form itself is valid."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        kind = PASSWORD_VIEWS.get(view_func)
        if kind is None or request.method != "POST":
            return None
        restriction = view_kwargs.get("page_view_restriction_id") or view_kwargs.get(
            "restriction_id"
        )
        key = f"{kind}:{restriction}:{client_ip(request)}"
        window = settings.LOGIN_LOCKOUT_MINUTES * 60
        guesses = RateLimit("password-guesses", settings.LOGIN_FAILURE_LIMIT, window)
        if not guesses.take(key):
            return guesses.refusal("Too many wrong passwords. Try again later.")
        response = view_func(request, *view_args, **view_kwargs)
        if response.status_code != 200:  # not the form again: the password was right
            guesses.give_back(key)
        return response
