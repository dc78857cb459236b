"""A story names its partner projects in full, each with its logo as a rendition made
when the project was saved (reading the page makes none)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Rendition

from tests.factories import make_image, make_news, make_project


def test_a_story_shows_its_projects_full_names_and_logos(client, news_index):
    logo = make_image(title="PASSENGER logo", size=(600, 200))
    project = make_project("PASSENGER", name="Pilot Action in Sustainable Magnets")
    project.logo = logo
    project.save()
    assert Rendition.objects.filter(image=logo, filter_spec="max-240x96").exists()
    story = make_news(news_index, projects=[project, make_project("GREENE")])

    with CaptureQueriesContext(connection) as queries:
        html = client.get(story.url).content.decode()
    assert not [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    item = re.search(r'<li><a href="[^"]*\?project=passenger">(.*?)</li>', html).group(1)
    assert re.search(r'<img src="\S+max-240x96\.png" width="120" height="40" alt=""', item)
    assert "<span>PASSENGER</span></a> – Pilot Action in Sustainable Magnets" in item
    greene = re.search(r'<li><a href="[^"]*\?project=greene">(.*?)</li>', html).group(1)
    assert "<img" not in greene  # no logo, just the name
