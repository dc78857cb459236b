"""`POST /api/v2/newsletter/subscriptions/`: subscribe from a decoupled frontend.

The answer is the same whether or not the address is known (202, a confirmation mail
may follow); bad input is a 400 naming the field; too many requests a 429 with
Retry-After. Allowed from the CORS origins like the rest of the API.
"""

from django.urls import path

from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from limits.client_ip import client_ip
from news.filters import FilterError
from newsletter import subscriptions
from newsletter.models import Subscriber

from .guards import AlwaysJSON
from .parsers import BoundedJSONParser

ACCEPTED = {
    "status": "accepted",
    "message": "If this address can receive mail, a link to confirm the subscription is on "
    "its way. Nothing is sent until it is confirmed.",
}


class NewsletterSubscriptionsViewSet(ViewSet):
    # Wagtail's router looks up endpoints by model; this one lists none, it only takes
    # requests to create (pending) subscribers.
    model = Subscriber
    authentication_classes = []
    content_negotiation_class = AlwaysJSON
    permission_classes = [AllowAny]
    parser_classes = [BoundedJSONParser]

    @classmethod
    def get_urlpatterns(cls):
        return [path("subscriptions/", cls.as_view({"post": "subscribe"}), name="subscriptions")]

    def subscribe(self, request):
        try:
            data = request.data
        except ParseError:
            return _bad("body", 'must be a JSON object such as {"email": "…"}.')
        if not isinstance(data, dict):
            return _bad("body", 'must be a JSON object such as {"email": "…"}.')
        unknown = sorted(set(data) - {"email", "topics"})
        if unknown:
            return _bad(unknown[0][:50], "is not a field of a subscription (email, topics).")
        try:
            email = subscriptions.normalise_email(data.get("email"))
            topics = subscriptions.read_topics(data.get("topics"))
            subscriptions.request_subscription(email, topics, client=client_ip(request))
        except FilterError as error:
            return _bad(error.param, error.message)
        except subscriptions.Throttled as error:
            return Response(
                {"message": "Too many subscription requests; try again later."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(error.retry_after)},
            )
        return Response(ACCEPTED, status=status.HTTP_202_ACCEPTED)


def _bad(field: str, message: str) -> Response:
    return Response({"message": f"{field}: {message}"}, status=status.HTTP_400_BAD_REQUEST)
