"""The header shows the logo from the site settings (a rendition made on save, never the
upload, never made by a reader's GET), or the organisation's name as a wordmark."""

import re

from home.models import SiteSettings
from tests.factories import make_image


def _brand(html: str) -> str:
    return re.search(r'<a class="brand" href="/">(.*?)</a>', html, re.S).group(1)


def test_without_a_logo_the_organisation_is_a_wordmark(client, home):
    brand = _brand(client.get("/").content.decode())
    assert '<span class="wordmark">Permanent Magnets Network</span>' in brand
    assert 'alt=""' in brand  # the mark beside the name is decoration


def test_the_logo_is_a_rendition_made_when_the_settings_are_saved(client, home):
    logo = make_image("Network logo", size=(800, 200))
    settings = SiteSettings.for_site(home.get_site())
    settings.organisation = "CRMs4EU cluster"
    settings.site_logo = logo
    settings.save()
    made = set(logo.renditions.values_list("filter_spec", flat=True))
    assert made == {"max-640x96"}
    for path in ("/", "/updates/", "/search/?search=magnets"):
        brand = _brand(client.get(path).content.decode())
        assert re.fullmatch(
            r'<img src="/media/images/test-\d+\.max-640x96\.png" width="192" height="48" '
            r'alt="CRMs4EU cluster">', brand), (path, brand)  # fmt: skip
    assert set(logo.renditions.values_list("filter_spec", flat=True)) == made  # no GET wrote
    logo.renditions.all().delete()
    assert "wordmark" in _brand(client.get("/").content.decode())  # until it exists again
