"""Production: every secret and host from the environment, failing loudly if missing."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_required

SECRET_KEY = env_required("DJANGO_SECRET_KEY")
# One cache shared by every process: with a cache per process, a story unpublished in one
# worker stays served by the others until their copies expire.
env_required(
    "REDIS_URL",
    "every web and worker process must share one cache, or a page unpublished in one "
    "process is still served by the others for up to RESPONSE_CACHE_SECONDS",
)
# Confirmation mails and digests need a real mail server and a sender readers recognise.
EMAIL_HOST = env_required("EMAIL_HOST", "the newsletter sends its mails through it")
DEFAULT_FROM_EMAIL = env_required(
    "DEFAULT_FROM_EMAIL", "the sender of the newsletter, e.g. 'Network <news@example.eu>'"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or [env_required("DJANGO_ALLOWED_HOSTS")]
# The container's own HEALTHCHECK asks over loopback.
ALLOWED_HOSTS += ["127.0.0.1", "localhost"]

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
