"""`/api/v2/images/` and `/api/v2/documents/`: only what sits in public collections."""

from urllib.parse import urlsplit

from wagtail.api.v2.filters import OrderingFilter
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.fields import Field

from news.references import site_root_url
from news.visibility import public_media

from .guards import GuardedFieldsFilter, PlainWordsSearchFilter, PublicAPIMixin


class PublicCollectionsMixin(PublicAPIMixin):
    filter_backends = [GuardedFieldsFilter, OrderingFilter, PlainWordsSearchFilter]

    def get_queryset(self):
        return public_media(super().get_queryset())


class SiteDownloadUrlField(Field):
    """`download_url` absolute on the site's root, like every URL a partner receives
    (Wagtail gives an image's upload path relative, a document's on the request's host)."""

    def __init__(self, url_of, **kwargs):
        super().__init__(**kwargs)
        self.url_of = url_of

    def get_attribute(self, instance):
        return instance

    def to_representation(self, item) -> str:
        url = self.url_of(item)
        if urlsplit(url).scheme:  # object storage: already absolute
            return url
        return site_root_url(request=self.context["request"]) + url


class SiteImageSerializer(ImageSerializer):
    download_url = SiteDownloadUrlField(lambda image: image.file.url, read_only=True)


class SiteDocumentSerializer(DocumentSerializer):
    download_url = SiteDownloadUrlField(lambda document: document.url, read_only=True)


class PublicImagesAPIViewSet(PublicCollectionsMixin, ImagesAPIViewSet):
    base_serializer_class = SiteImageSerializer


class PublicDocumentsAPIViewSet(PublicCollectionsMixin, DocumentsAPIViewSet):
    base_serializer_class = SiteDocumentSerializer
