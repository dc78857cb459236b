"""`manage.py check --deploy`: a proxy in front whose forwarded addresses are ignored."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def proxies_are_named(app_configs, **kwargs) -> list[checks.CheckMessage]:
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    if behind_proxy and not settings.TRUSTED_PROXIES:
        return [
            checks.Warning(
                "The site trusts X-Forwarded-Proto, so a proxy is in front, but "
                "TRUSTED_PROXIES names none: every client shares the proxy's address in "
                "lockouts and limits.",
                hint="Set TRUSTED_PROXIES to the proxy's address or network.",
                id="limits.W001",
            )
        ]
    return []
