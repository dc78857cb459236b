"""The one API router; apps hand it their endpoints.

Named "wagtailapi_v2" because Wagtail's frontend-cache purge reverses
`wagtailapi_v2:pages:detail`.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from news.api import (
    CategoryAPIViewSet,
    NewsPagesAPIViewSet,
    PagePreviewAPIViewSet,
    PartnerProjectAPIViewSet,
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", NewsPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("categories", CategoryAPIViewSet)
api_router.register_endpoint("projects", PartnerProjectAPIViewSet)
api_router.register_endpoint("preview", PagePreviewAPIViewSet)
