from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """Between the content and the HTTP surface: the response cache and the content
    versions that retire it, rendering ahead after a change, what each change retires
    (declared by the app that owns the model), announcing changes (CDN purge, WebSub)
    and serving media files."""

    name = "delivery"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news.paging import keep_counts
        from worker.lanes import Lane, register

        from . import invalidation, warming
        from .counts import kept_count

        invalidation.connect_declared()
        keep_counts(kept_count)
        register(Lane("rendering-ahead", warming.step))
