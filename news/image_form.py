"""The image library's form with the image's default credit (WAGTAILIMAGES_IMAGE_FORM_BASE).

Wagtail builds every image form from this base: the library's add and edit pages, the
chooser's upload tab and the multiple upload's edit step. The credit is saved after the
image (`_save_m2m` runs once the image has a key, whether the view saves with
`commit=True` or calls `save_m2m()` itself), and only when the form was shown with it.
"""

from django import forms

from wagtail.images.forms import BaseImageForm

from .image_credits import CREDIT_MAX_LENGTH, ImageCredit, default_credit
from .text import strip_xml_illegal


class ImageFormWithCredit(BaseImageForm):
    credit = forms.CharField(
        max_length=CREDIT_MAX_LENGTH,
        required=False,
        help_text="Photographer or owner, shown as © … wherever the image is used without "
        "a credit of its own.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = "Description (used as alt text)"
            self.fields["description"].help_text = (
                "Say what the image shows for people who cannot see it. Stories use it as "
                "the image's alt text unless they give their own."
            )
        if self.instance.pk and "credit" not in self.initial:
            self.initial["credit"] = default_credit(self.instance)

    def clean_credit(self) -> str:
        return strip_xml_illegal(self.cleaned_data["credit"].strip())

    def _save_m2m(self):
        super()._save_m2m()
        if self.add_prefix("credit") not in self.data:
            return  # a view that did not show the field leaves the credit as it was
        credit = self.cleaned_data.get("credit", "")
        if credit:
            ImageCredit.objects.update_or_create(image=self.instance, defaults={"credit": credit})
        else:
            ImageCredit.objects.filter(image=self.instance).delete()
