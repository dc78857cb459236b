"""WebSub (W3C Recommendation) for the feeds: the publisher's side.

Feeds advertise the hub and themselves (`rel="hub"`, `rel="self"`); when content
changes, the hub is told which feeds did (`hub.mode=publish`, one `hub.url` per feed,
form-encoded, as hubs such as websub.appspot.com and Superfeedr accept) and fetches them
for its subscribers.
"""

import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from django.conf import settings

USER_AGENT = "MagnetNetworkUpdates-WebSub/1.0"


class HubError(Exception):
    """The hub did not accept the notification; the job retries later."""


def notify_hub(hub_url: str, feed_urls: list[str]) -> int:
    """POST `hub.mode=publish` for `feed_urls`; returns the hub's status, raises HubError."""
    if urlsplit(hub_url).scheme not in {"http", "https"}:
        raise HubError(f"{hub_url!r} is not an http or https address")
    body = urlencode([("hub.mode", "publish"), *(("hub.url", url) for url in feed_urls)])
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        hub_url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT},
    )
    try:
        timeout = settings.WEBSUB_TIMEOUT_SECONDS
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        raise HubError(f"{hub_url} answered {error.code}") from error
    except (urllib.error.URLError, OSError) as error:
        raise HubError(f"{hub_url} could not be reached: {error}") from error
