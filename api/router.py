"""The one API router; every endpoint of `/api/v2/` is registered here.

Named "wagtailapi_v2" because Wagtail's frontend-cache purge reverses
`wagtailapi_v2:pages:detail`.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from .media import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet
from .network import NetworkAPIViewSet
from .newsletter import NewsletterSubscriptionsViewSet
from .pages import NewsPagesAPIViewSet
from .preview import PagePreviewAPIViewSet
from .taxonomy import CategoryAPIViewSet, PartnerProjectAPIViewSet

api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", NewsPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("categories", CategoryAPIViewSet)
api_router.register_endpoint("projects", PartnerProjectAPIViewSet)
api_router.register_endpoint("preview", PagePreviewAPIViewSet)
api_router.register_endpoint("newsletter", NewsletterSubscriptionsViewSet)
api_router.register_endpoint("network", NetworkAPIViewSet)
