"""`/api/v2/preview/?token=…`: an editor's unsaved draft, in the shape of a page detail."""

from django.http import Http404
from django.urls import path

from wagtail.api.v2.utils import BadRequestError

from rest_framework.response import Response

from news.preview import page_for_token

from .guards import DETAIL_PARAMETERS
from .pages import NewsPagesAPIViewSet

PREVIEW_PARAMETERS = DETAIL_PARAMETERS | {"token", "content_type"}


class PagePreviewAPIViewSet(NewsPagesAPIViewSet):
    detail_only_fields = []

    @classmethod
    def get_detail_default_fields(cls, model):
        # A never-saved page has no place in the tree yet, so no parent to show.
        return [f for f in super().get_detail_default_fields(model) if f != "parent"]

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="listing")]

    def preview_view(self, request):
        unknown = sorted(set(request.GET) - PREVIEW_PARAMETERS)
        if unknown:
            raise BadRequestError(f"query parameter is not recognised: {', '.join(unknown)}")
        return Response(self.get_serializer(self.get_object()).data)

    def get_object(self):
        page = page_for_token(self.request.GET.get("token", ""))
        if page is None:
            raise Http404("preview token unknown or expired")
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response
