"""An image's default credit, kept beside Wagtail's image model.

Wagtail's image has a description (our default alt text) but no credit. The field's home
would be a custom image model, but swapping `WAGTAILIMAGES_IMAGE_MODEL` in a running
install moves every image, rendition and foreign key to new tables; a row beside each
image adds the credit without touching any of them. The image library's forms edit it
(`news.image_form`), and every use of the image that leaves its own credit empty shows it
(`References.credit`).
"""

from django.db import models

CREDIT_MAX_LENGTH = 120


class ImageCredit(models.Model):
    image = models.OneToOneField(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="default_credit",
    )
    credit = models.CharField(max_length=CREDIT_MAX_LENGTH, blank=True)

    def __str__(self) -> str:
        return self.credit


def default_credit(image) -> str:
    """The credit stored for `image` (a loaded image, ideally with `default_credit`
    selected), or ''."""
    try:
        return image.default_credit.credit
    except ImageCredit.DoesNotExist:
        return ""
