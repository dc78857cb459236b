"""The one place our ActivityPub ids are made: absolute, on the default site's root URL
(the URL rule every output follows), whatever Host a request named."""

from urllib.parse import urlsplit

from django.urls import reverse

from news.references import site_root_url

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def base_url() -> str:
    return site_root_url().rstrip("/")


def host() -> str:
    """The host of our handles (@updates@host): the site's, with its port if it has one."""
    return urlsplit(base_url()).netloc


def absolute(name: str, *args) -> str:
    return base_url() + reverse(name, args=args)


def actor_url(username: str) -> str:
    return absolute("fediverse-actor", username)


def actor_username(url: str | None) -> str | None:
    """The username of one of our actor ids (`…/ap/actors/<username>`), else None."""
    prefix = actor_url("x")[:-1]
    if not isinstance(url, str) or not url.startswith(prefix):
        return None
    username = url[len(prefix) :]
    return username if username and "/" not in username else None


def key_id(username: str) -> str:
    return actor_url(username) + "#main-key"


def inbox_url(username: str) -> str:
    return absolute("fediverse-inbox", username)


def outbox_url(username: str) -> str:
    return absolute("fediverse-outbox", username)


def followers_url(username: str) -> str:
    return absolute("fediverse-followers", username)


def shared_inbox_url() -> str:
    return absolute("fediverse-shared-inbox")


def object_url(page_id: int, generation: int = 1) -> str:
    """A page's object id; a page sent again after a Delete has a new one (generation)."""
    if generation == 1:
        return absolute("fediverse-object", page_id)
    return absolute("fediverse-object-generation", page_id, generation)


def create_url(object_id: str) -> str:
    return object_id + "/activity"


def object_address(url: str) -> tuple[int, int] | None:
    """(page id, generation) of one of our object ids, else None."""
    prefix = absolute("fediverse-object", 0)[: -len("0")]
    if not url.startswith(prefix):
        return None
    parts = url[len(prefix) :].split("/")
    if not all(part.isascii() and part.isdigit() for part in parts) or len(parts) > 2:
        return None
    return int(parts[0]), int(parts[1]) if len(parts) == 2 else 1


def activity_url(uuid) -> str:
    return absolute("fediverse-activity", str(uuid))


def handle(username: str) -> str:
    return f"@{username}@{host()}"
