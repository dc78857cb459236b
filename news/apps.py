from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401

    @property
    def retires(self) -> dict[str, str]:
        """What changes retire cached answers (delivery.invalidation): the taxonomy and
        credits every output shows, the images, documents, collections and view
        restrictions the one visibility rule reads, and the providers' answers about
        embedded media (fetched by the worker after a publish)."""
        from wagtail.documents import get_document_model_string
        from wagtail.images import get_image_model_string

        labels = (
            "news.Category", "news.Cluster", "news.PartnerProject", "news.ImageCredit",
            get_image_model_string(), get_document_model_string(), "wagtailcore.Collection",
            "wagtailcore.PageViewRestriction", "wagtailcore.CollectionViewRestriction",
            "wagtailembeds.Embed",
        )  # fmt: skip
        return dict.fromkeys(labels, "everything")
