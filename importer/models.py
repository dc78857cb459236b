"""What an import remembers between runs: which library image came from which address."""

from django.db import models


class ImportedImage(models.Model):
    """An image downloaded by an import: a re-run finds it here and downloads nothing."""

    source_url = models.URLField(max_length=2000, unique=True)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.source_url
