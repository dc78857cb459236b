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


def object_url(page_id: int) -> str:
    return absolute("fediverse-object", page_id)


def create_url(page_id: int) -> str:
    return absolute("fediverse-object-activity", page_id)


def activity_url(uuid) -> str:
    return absolute("fediverse-activity", str(uuid))


def handle(username: str) -> str:
    return f"@{username}@{host()}"
