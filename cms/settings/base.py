"""Settings shared by every environment; safe to run in production on its own.

Nothing secret lives here: values come from environment variables (see the table in
README.md). `DEBUG` is off and no secret key is set, so a misconfigured deployment
fails instead of running insecurely.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

from .env import env_bool, env_float, env_host_ports, env_int, env_list, env_networks, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])

# The public address readers use; absolute URLs in the API and feeds start with it.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL).rstrip("/")

CSRF_TRUSTED_ORIGINS = sorted(
    {
        f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        for url in (PUBLIC_BASE_URL, WAGTAILADMIN_BASE_URL)
    }
)

INSTALLED_APPS = [
    "api",
    "delivery",
    "limits",
    "feeds",
    "home",
    "importer",
    "news",
    "events",
    "newsletter",
    "network",
    "widgets",
    "worker",
    "reach",
    # After news and events: its receivers of a publish run after theirs, so what a
    # publish prepares (renditions, the publication moment) is there when followers are
    # told, also where the publish runs outside a transaction (on_commit then runs at once).
    "fediverse",
    "django_tasks_db",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# Machine-readable URLs: the API, feeds, calendars, the sitemap and the widget. Gzip, the
# response cache, CORS and the CSP exclusion all use this one pattern.
MACHINE_READABLE_URLS = r"^/(api|feeds)/|^/widgets/[\w.-]+\.js$|^/sitemap\.xml$|\.ics$"
# The machine-readable answers that show partner items (the river's API and feeds, and
# the feed index and OPML, which list the projects with river feeds): a fetch that brings
# new items retires these and nothing else.
RIVER_URLS = r"^/api/v2/network/|^/feeds/(network[./]|opml\.xml$|$)"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.RefuseUnreadableRequests",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.middleware.CompressMachineReadable",
    "corsheaders.middleware.CorsMiddleware",
    # Outside the response cache and the 304s: cached answers and a feed reader's "not
    # changed" are reads too, and counted (docs/reach.md).
    "reach.middleware.CountReadsMiddleware",
    # The one place conditional GETs are answered (304), for fresh and cached responses.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions and auth: a cached feed or API read costs no database query.
    "delivery.response_cache.PublicResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "cms.password_guesses.PasswordGuessLimitMiddleware",
    "cms.password_resets.PasswordResetLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.SiteCSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into a clear response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
                "feeds.context_processors.feed_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web and worker share one file: write-ahead logging lets readers and a writer work at
    # once, IMMEDIATE transactions take the write lock up front (no upgrade deadlocks),
    # and a busy writer is waited for instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.PooledRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "cms"),
            # Fail fast when Redis is away: pages are then served uncached, not late.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Shared by every process on this machine (web and worker), so a publish in one is
    # seen by the other. Production refuses to start without REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / ".cache")),
        }
    }
# After Redis failed, how long to serve without it before trying again (cms/cache.py).
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 5)
# During an outage of the database or the cache, one log line per this many seconds.
OUTAGE_LOG_SECONDS = env_int("OUTAGE_LOG_SECONDS", 60)
# Wagtail stores every rendition it hands out in this cache (pickling each one). Every
# read here prefetches renditions in one query per batch, so that cache only costs time,
# and in the default cache it would evict responses: a dummy cache turns it off.
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
# Dates and times the European way (day first, 24-hour clock) in the admin's pickers and
# listings: English formats of our own (cms/formats/en), not the US ones.
FORMAT_MODULE_PATH = ["cms.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible storage when a bucket is named (django-storages reads the rest:
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
# Every file under MEDIA_URL passes the media view's access check (delivery/media.py), and so
# does every document (Wagtail's serve view). The bytes are sent by Django, or, with
# MEDIA_ACCEL_REDIRECT_PREFIX, by the proxy from an internal location (docs/deploy.md).
MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX")
if MEDIA_ACCEL_REDIRECT_PREFIX:
    SENDFILE_BACKEND = "cms.sendfile_accel"
    SENDFILE_ROOT = str(MEDIA_ROOT)
    SENDFILE_URL = "/" + MEDIA_ACCEL_REDIRECT_PREFIX.strip("/") + "/"
else:
    SENDFILE_BACKEND = "wagtail.utils.sendfile_streaming_backend"
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Complex page forms in the Wagtail editor exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"database_outages": {"()": "operations.outages.DatabaseOutageFilter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per background task (search indexing, references) drowns real messages.
    "loggers": {
        # A database outage is counted, not logged with a traceback per request.
        "django.request": {"filters": ["database_outages"]},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Magnet Network Updates")
# Search finds a word's other forms ("recycled" finds "recycling"): PostgreSQL's full-text
# configuration for the site's language (GIN-indexed by modelsearch); on SQLite the FTS5
# table stems with Porter (news migration 0014). After changing it: manage.py update_index.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env_str("SEARCH_CONFIG", "english"),
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# The library's image forms carry the image's default credit (news/image_credits.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "news.image_form.ImageFormWithCredit"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]
# The admin calls no third party: no Gravatar avatars (Wagtail's own default picture
# instead), no release check against wagtail.org. Both are blocked by the CSP anyway,
# which left a broken avatar and console errors in offline installs.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The API serves display HTML: no Wagtail-internal <a linktype> or <embed> markup.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True

REST_FRAMEWORK = {
    # The API answers every client alike: no session or Basic auth reveals more.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = MACHINE_READABLE_URLS
# POST only for the newsletter's subscribe endpoint; everything else is read-only.
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]

# Mail: the newsletter and notices to editors (the console in development, see dev.py).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Permanent Magnets Network <news@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The network river: how often partner feeds are fetched (a source may say otherwise),
# the limits of one fetch, the longest pause after repeated errors, and whether feeds on
# private addresses may be fetched (never on the public internet: see network/guard.py).
NETWORK_FETCH_MINUTES = env_int("NETWORK_FETCH_MINUTES", 30)
NETWORK_FETCH_TIMEOUT_SECONDS = env_float("NETWORK_FETCH_TIMEOUT_SECONDS", 10.0)
NETWORK_MAX_FEED_BYTES = env_int("NETWORK_MAX_FEED_BYTES", 5_000_000)
NETWORK_MAX_BACKOFF_HOURS = env_int("NETWORK_MAX_BACKOFF_HOURS", 24)
# How many partner feeds download at once within a fetching run.
NETWORK_FETCH_CONCURRENCY = env_int("NETWORK_FETCH_CONCURRENCY", 6)
# "true" allows every private address, or a comma-separated list of networks only those
# (an intranet: "10.20.0.0/16"); "false" (default) none.
NETWORK_ALLOW_PRIVATE_ADDRESSES = env_networks("NETWORK_ALLOW_PRIVATE_ADDRESSES")
NETWORK_USER_AGENT_NAME = env_str("NETWORK_USER_AGENT_NAME", "PermanentMagnetsNetworkHub/1.0")
# Imports (importer/): archives and pages are fetched like partner feeds (same guard and
# deadline), with their own caps: an article page or archive, and one image.
IMPORT_MAX_PAGE_BYTES = env_int("IMPORT_MAX_PAGE_BYTES", 50_000_000)
IMPORT_MAX_IMAGE_BYTES = env_int("IMPORT_MAX_IMAGE_BYTES", 20_000_000)

# The newsletter: how long a confirmation link works, how many subscribers a digest
# batch reads at once, and how many subscribe requests an hour one client and one
# address may make (then 429).
NEWSLETTER_CONFIRM_HOURS = env_int("NEWSLETTER_CONFIRM_HOURS", 48)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 500)
# A digest whose mail server cannot be reached is resumed after 1, 2, 4 … minutes.
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 8)
NEWSLETTER_REQUESTS_PER_CLIENT_PER_HOUR = env_int("NEWSLETTER_REQUESTS_PER_CLIENT_PER_HOUR", 20)
NEWSLETTER_REQUESTS_PER_ADDRESS_PER_HOUR = env_int("NEWSLETTER_REQUESTS_PER_ADDRESS_PER_HOUR", 5)
# All mailboxes of one domain together (a burst spread over victim+1@, victim+2@ …).
NEWSLETTER_REQUESTS_PER_DOMAIN_PER_HOUR = env_int("NEWSLETTER_REQUESTS_PER_DOMAIN_PER_HOUR", 30)
# Refuse addresses whose domain has no mail host at a public address (DNS MX, then A/AAAA).
NEWSLETTER_CHECK_MAIL_HOST = env_bool("NEWSLETTER_CHECK_MAIL_HOST", True)
# The DNS servers asked ("host:port, …"; empty: the system's) and how long to wait.
NEWSLETTER_DNS_SERVERS = env_host_ports("NEWSLETTER_DNS_SERVERS")
NEWSLETTER_DNS_TIMEOUT_SECONDS = env_float("NEWSLETTER_DNS_TIMEOUT_SECONDS", 3.0)

# Jobs run outside requests, from a queue in the database (django-tasks-db), by
# `manage.py run_worker`; none is lost while no worker runs.
# Two queues: "default" for the hub's own jobs, "network" for partner-feed fetching, which
# run_worker serves in a lane of its own so a slow partner never delays the hub's work.
TASK_QUEUES = ["default", "network"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# The worker: how often it looks for queued jobs, ticks the clock of periodic jobs
# (scheduled publishing is one: on time within a few seconds), and beats; after how long
# without a beat a worker counts as dead and its running jobs go back to the queue.
WORKER_POLL_SECONDS = env_float("WORKER_POLL_SECONDS", 1.0)
WORKER_CLOCK_SECONDS = env_float("WORKER_CLOCK_SECONDS", 2.0)
WORKER_HEARTBEAT_SECONDS = env_float("WORKER_HEARTBEAT_SECONDS", 5.0)
WORKER_DEAD_AFTER_SECONDS = env_float("WORKER_DEAD_AFTER_SECONDS", 30.0)
WORKER_KEEP_JOBS_DAYS = env_int("WORKER_KEEP_JOBS_DAYS", 7)

# WebSub: the hub every feed names; when content changes the worker tells it which feeds
# did, retrying with exponential backoff. Empty: no hub links, no pings.
WEBSUB_HUB_URL = env_str("WEBSUB_HUB_URL")
WEBSUB_TIMEOUT_SECONDS = env_float("WEBSUB_TIMEOUT_SECONDS", 10.0)
WEBSUB_RETRY_SECONDS = env_float("WEBSUB_RETRY_SECONDS", 30.0)
WEBSUB_MAX_ATTEMPTS = env_int("WEBSUB_MAX_ATTEMPTS", 8)
# Wagtail's frontend cache (a CDN or Varnish in front): with a purge address, the worker
# purges every page, API listing and feed a change touches. Other backends: settings.
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Headless preview: the decoupled frontend's preview page; empty = Wagtail's own preview.
FRONTEND_PREVIEW_URL = env_str("FRONTEND_PREVIEW_URL")
PREVIEW_TOKEN_SECONDS = env_int("PREVIEW_TOKEN_SECONDS", 600)

# Feeds and API responses: seconds a client or CDN may reuse a response.
FEEDS_CACHE_MAX_AGE = env_int("FEEDS_CACHE_MAX_AGE", 300)
# How long the server keeps a rendered feed or API response; publishing invalidates sooner.
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 3600)
# Bounds on what strangers can make the server store: per path and content version, the
# query-string variants kept and their bytes in all; and the largest answer kept at all.
RESPONSE_CACHE_VARIANTS = env_int("RESPONSE_CACHE_VARIANTS", 50)
RESPONSE_CACHE_VARIANT_BYTES = env_int("RESPONSE_CACHE_VARIANT_BYTES", 4 * 1024 * 1024)
RESPONSE_CACHE_MAX_BYTES = env_int("RESPONSE_CACHE_MAX_BYTES", 2 * 1024 * 1024)
# A missing answer is rendered by one reader while the others wait for it (at most this
# long, then they render too); its lock lapses after RENDER seconds if its process dies.
RESPONSE_CACHE_WAIT_SECONDS = env_int("RESPONSE_CACHE_WAIT_SECONDS", 3)
RESPONSE_CACHE_RENDER_SECONDS = env_int("RESPONSE_CACHE_RENDER_SECONDS", 10)
# After a change the worker renders this many of the most-asked cached answers ahead,
# before the web processes switch to the new version (delivery/warming.py); 0: none.
RESPONSE_CACHE_WARM_MAX = env_int("RESPONSE_CACHE_WARM_MAX", 24)
# How long a process may reuse the content versions it read (see delivery/versions.py).
CONTENT_VERSION_CHECK_SECONDS = env_int("CONTENT_VERSION_CHECK_SECONDS", 1)
# How long the other processes may keep serving the previous version's answers after a
# change while the worker renders the new one ahead (delivery/warming.py); 0: switch at once.
# Rendering the two dozen most-read outputs takes about a second on a busy 2-core machine.
CONTENT_VERSION_WARM_SECONDS = env_float("CONTENT_VERSION_WARM_SECONDS", 3.0)
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail marks its preview views SAMEORIGIN itself, so everything else can be DENY.
X_FRAME_OPTIONS = "DENY"


# Content-Security-Policy. Public pages run no inline script; the admin (and the previews
# it frames) keeps the inline scripts and styles Wagtail's admin still uses. No third-party
# origin is allowed anywhere. Machine-readable URLs carry no active content and no CSP.
def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


_MEDIA_ORIGINS = [env_str("AWS_S3_CUSTOM_DOMAIN") and f"https://{env_str('AWS_S3_CUSTOM_DOMAIN')}"]
_PUBLIC_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Inline style attributes come with providers' players and Wagtail's userbar.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", *filter(None, _MEDIA_ORIGINS)],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _PUBLIC_DIRECTIVES}
ADMIN_URL_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_PUBLIC_DIRECTIVES,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *filter(None, _MEDIA_ORIGINS)],
        "font-src": ["'self'", "data:"],
        # The admin's preview pane may show the decoupled frontend.
        "frame-src": ["'self'", *filter(None, [_origin(FRONTEND_PREVIEW_URL)])],
    }
}

# Password guessing: after 5 failures for one account from one address, that pair is
# locked out for 15 minutes (django-axes); a clear message says so.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Password-reset mails of the admin, per hour: per address asked for, and per client.
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env_int("PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", 3)
PASSWORD_RESETS_PER_CLIENT_PER_HOUR = env_int("PASSWORD_RESETS_PER_CLIENT_PER_HOUR", 10)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# The reverse proxies in front (addresses or networks) whose X-Forwarded-For is believed;
# the lockouts and limits see the client's own address through limits.client_ip (axes'
# own reading looks at REMOTE_ADDR only). Empty: the peer is the client.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
if TRUSTED_PROXIES is True:
    raise ImproperlyConfigured("TRUSTED_PROXIES must list addresses or networks, not true.")
TRUSTED_PROXIES = TRUSTED_PROXIES or ()
if os.environ.get("PROXY_COUNT"):
    raise ImproperlyConfigured(
        "PROXY_COUNT is gone: any client could write the header it counted on. Name your "
        "proxies instead: TRUSTED_PROXIES=10.0.0.5 (or a network such as 172.16.0.0/12)."
    )
AXES_CLIENT_IP_CALLABLE = "limits.client_ip.client_ip"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# The fediverse (docs/fediverse.md): how far a signed request's Date may be from ours, how
# long other servers' keys are kept, the largest activity taken, and deliveries: how many
# inboxes at once, the first retry's delay (doubling, at most six hours), and after how
# many days of failures an inbox is dropped with its followers.
FEDIVERSE_MAX_CLOCK_SKEW_SECONDS = env_int("FEDIVERSE_MAX_CLOCK_SKEW_SECONDS", 300)
FEDIVERSE_KEY_CACHE_SECONDS = env_int("FEDIVERSE_KEY_CACHE_SECONDS", 86400)
FEDIVERSE_MAX_ACTIVITY_BYTES = env_int("FEDIVERSE_MAX_ACTIVITY_BYTES", 256 * 1024)
FEDIVERSE_DELIVERY_CONCURRENCY = env_int("FEDIVERSE_DELIVERY_CONCURRENCY", 8)
FEDIVERSE_RETRY_SECONDS = env_int("FEDIVERSE_RETRY_SECONDS", 60)
FEDIVERSE_GIVE_UP_DAYS = env_int("FEDIVERSE_GIVE_UP_DAYS", 3)

# Reach (docs/reach.md): counts buffered in this Redis (REDIS_URL by default; nothing is
# counted without one), written to the database by the worker every FLUSH seconds.
REACH_REDIS_URL = env_str("REACH_REDIS_URL", REDIS_URL or "")
# Under the cache's own prefix by default: sites sharing a Redis count apart.
REACH_KEY_PREFIX = env_str("REACH_KEY_PREFIX", env_str("CACHE_KEY_PREFIX", "cms") + ":reach")
REACH_FLUSH_SECONDS = env_int("REACH_FLUSH_SECONDS", 60)
REACH_MAX_ORIGINS = env_int("REACH_MAX_ORIGINS", 200)  # partner origins kept apart a day
REACH_RETRY_SECONDS = env_int("REACH_RETRY_SECONDS", 5)
REACH_PUSH_SECONDS = env_float("REACH_PUSH_SECONDS", 1.0)  # a process holds its counts so long
REACH_REDIS_TIMEOUT_SECONDS = env_float("REACH_REDIS_TIMEOUT_SECONDS", 0.25)
# Reports show counts from 1 up to this threshold as "< N": no figure points at one reader.
REACH_SHOWN_FROM = env_int("REACH_SHOWN_FROM", 5)
