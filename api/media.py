"""`/api/v2/images/` and `/api/v2/documents/`: only what sits in public collections."""

from wagtail.api.v2.filters import OrderingFilter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from news.visibility import public_media

from .guards import GuardedFieldsFilter, PlainWordsSearchFilter, PublicAPIMixin


class PublicCollectionsMixin(PublicAPIMixin):
    filter_backends = [GuardedFieldsFilter, OrderingFilter, PlainWordsSearchFilter]

    def get_queryset(self):
        return public_media(super().get_queryset())


class PublicImagesAPIViewSet(PublicCollectionsMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicCollectionsMixin, DocumentsAPIViewSet):
    pass
