"""`/healthz` for load balancers: 200 while the site can serve, 503 when it cannot.

The database is required (503 names it when it fails). The cache is not: without it the
site serves every answer uncached, so a failing cache is reported as "degraded" with 200,
and the load balancer keeps the instance. A probe that arrives with X-Forwarded-For from
a peer not in TRUSTED_PROXIES is told that the header is ignored (`forwarded_for`).
"""

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from limits.client_ip import forwarded_from_untrusted_peer
from operations.outages import report_outage


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    cache.set("healthz", "ok", timeout=10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


# name: (check, what a failure means for the site)
CHECKS = {"database": (_database, "failed"), "cache": (_cache, "degraded")}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, (check, on_failure) in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any failure of a dependency is reported, not raised
            report_outage(name, error)  # one log line per interval, not a traceback a probe
            results[name] = on_failure
    status = (
        "failed"
        if "failed" in results.values()
        else ("degraded" if "degraded" in results.values() else "ok")
    )
    body = {"status": status, **results}
    if forwarded_from_untrusted_peer(request):
        body["forwarded_for"] = (
            f"ignored: X-Forwarded-For came from {request.META.get('REMOTE_ADDR')}, which is "
            "not in TRUSTED_PROXIES; behind a proxy, every client shares its address"
        )
    return JsonResponse(body, status=503 if status == "failed" else 200)
