"""A guess limit for page and collection passwords (Wagtail's own forms have none).

After `LOGIN_FAILURE_LIMIT` wrong passwords for one restriction from one client within
`LOGIN_LOCKOUT_MINUTES`, further guesses answer 429 with Retry-After until the window
passes. The count lives in the shared cache, so it holds across processes.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from wagtail.documents.views.serve import authenticate_with_password as document_password
from wagtail.views import authenticate_with_password as page_password

from .client_ip import client_ip

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
        key = f"password-guesses:{kind}:{restriction}:{client_ip(request)}"
        window = settings.LOGIN_LOCKOUT_MINUTES * 60
        if (cache.get(key) or 0) >= settings.LOGIN_FAILURE_LIMIT:
            response = HttpResponse(
                "Too many wrong passwords. Try again later.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(window)
            return response
        response = view_func(request, *view_args, **view_kwargs)
        if response.status_code == 200:  # the form came back: a wrong password
            cache.add(key, 0, window)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)
        return response
