"""EU visibility obligations: the emblem and statement on every page, each project's
acknowledgement on its stories, in the API and in the feeds."""

import json

from django.utils.html import escape

import feedparser

from tests.factories import make_news, make_project

ACKNOWLEDGEMENT = (
    "PASSENGER has received funding from the European Union's Horizon 2020 research and "
    "innovation programme under grant agreement No 101003587."
)


def test_projects_carry_their_funding_everywhere_stories_go(client, news_index):
    passenger = make_project("PASSENGER", acknowledgement=ACKNOWLEDGEMENT)
    greene = make_project("GREENE", funding_programme="horizon-europe", grant_agreement="101091777")
    story = make_news(news_index, title="Funded story", projects=[passenger, greene])
    generated = (
        "GREENE has received funding from the European Union's Horizon Europe programme "
        "under grant agreement No 101091777."
    )
    in_full = (
        "GREENE (GREENE project, grant agreement No 101091777) has received funding from "
        "the European Union's Horizon Europe programme."
    )
    html = client.get(story.url).content.decode()
    assert escape(f"{ACKNOWLEDGEMENT} {in_full}") in html
    assert 'alt="Flag of the European Union"' in html
    assert "Funded by the European Union." in html
    api = client.get(f"/api/v2/pages/{story.pk}/").json()
    assert {p["acronym"]: p["funding"] for p in api["projects"]} == {
        "PASSENGER": ACKNOWLEDGEMENT, "GREENE": generated,
    }  # fmt: skip
    project = client.get(f"/api/v2/projects/{greene.pk}/").json()
    assert (project["grant_agreement"], project["funding_line"]) == ("101091777", generated)
    for fmt in ("rss", "atom"):
        entry = feedparser.parse(client.get(f"/feeds/news.{fmt}").content).entries[0]
        assert entry.rights == f"{ACKNOWLEDGEMENT} {in_full}", fmt
    item = json.loads(client.get("/feeds/news.json").content)["items"][0]
    assert ACKNOWLEDGEMENT in item["_rights"]


def test_a_story_about_seven_projects_has_one_funding_statement_naming_each_in_full(
    client, news_index
):
    projects = [
        make_project(f"P{n}", funding_programme="horizon-europe", grant_agreement=f"10100000{n}")
        for n in range(7)
    ]
    story = make_news(news_index, title="Cluster story", projects=projects)
    html = client.get(story.url).content.decode()
    assert html.count("received funding") == 1
    assert "P0 (P0 project, grant agreement No 101000000), " in html
    assert " and P6 (P6 project, grant agreement No 101000006) have received funding" in html


def test_the_statement_is_a_site_setting(client, news_index, home):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.show_eu_emblem, settings.funding_statement = False, ""
    settings.save()
    html = client.get("/").content.decode()
    assert "Flag of the European Union" not in html and "eu-funding" not in html
