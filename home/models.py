"""The site's root page and the site-wide settings editors control."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from events.models import EventPage
from news.cards import news_cards
from news.models import NewsIndexPage, NewsPage
from news.renditions import SITE_LOGO_SPEC, made_rendition

LATEST_NEWS_ON_HOME = 6
FOOTER_PAGES = ("legal_notice_page", "privacy_notice_page", "accessibility_statement_page")
UPCOMING_EVENTS_ON_HOME = 3


class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "events.EventIndexPage", "home.InformationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        latest = NewsPage.objects.publishable(site=site).without_bodies()[:LATEST_NEWS_ON_HOME]
        context["latest_news"] = news_cards(latest, base_url=site.root_url)
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        upcoming = EventPage.objects.publishable(site=site).upcoming().without_bodies()
        context["upcoming_events"] = upcoming[:UPCOMING_EVENTS_ON_HOME]
        return context


class InformationPage(Page):
    """A page of text about the site itself: the legal notice, the privacy notice, the
    accessibility statement (linked from every footer through the site settings)."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "information page"


def _footer_page(help_text: str) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=help_text,
    )  # fmt: skip


@register_setting(icon="rss")
class SiteSettings(BaseSiteSetting):
    """Who publishes this site and how its feeds describe themselves."""

    site_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of every page, 48 pixels high (a wide logo that names "
        "the organisation). Without one, the organisation's name is shown as a wordmark.",
    )
    organisation = models.CharField(
        max_length=200,
        default="Permanent Magnets Network",
        help_text="Publisher named in feeds and in structured data.",
    )
    feed_title = models.CharField(max_length=200, default="Permanent Magnets Network – Updates")
    feed_description = models.CharField(
        max_length=500,
        default="News from European research projects on permanent magnets and critical "
        "raw materials.",
    )
    feed_author = models.CharField(
        max_length=200, default="Permanent Magnets Network", help_text="Author of every entry."
    )
    feed_copyright = models.CharField(
        max_length=200, blank=True, default="© Permanent Magnets Network"
    )
    feed_language = models.CharField(max_length=20, default="en", help_text="e.g. en, de, fr.")
    feed_item_count = models.PositiveSmallIntegerField(
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="How many of the newest stories each feed lists (1–100).",
    )
    feed_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Square image used as the feeds' logo and icon.",
    )

    show_eu_emblem = models.BooleanField(
        "show the EU emblem", default=True, help_text="With the statement below, on every page."
    )
    funding_statement = models.TextField(
        max_length=800,
        blank=True,
        default="Funded by the European Union. Views and opinions expressed are however those "
        "of the author(s) only and do not necessarily reflect those of the European Union. "
        "Neither the European Union nor the granting authority can be held responsible for them.",
        help_text="The funding statement and disclaimer shown in every page's footer.",
    )

    legal_notice_page = _footer_page("Who publishes this site (the imprint).")
    privacy_notice_page = _footer_page(
        "What the site and its newsletter store about people; linked from the sign-up form."
    )
    accessibility_statement_page = _footer_page(
        "The accessibility statement the EU Web Accessibility Directive expects."
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("site_logo"),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice_page"),
                FieldPanel("privacy_notice_page"),
                FieldPanel("accessibility_statement_page"),
            ],
            heading="Pages linked from every footer",
        ),
        MultiFieldPanel(
            [FieldPanel("show_eu_emblem"), FieldPanel("funding_statement")],
            heading="EU funding",
        ),
        MultiFieldPanel(
            [
                FieldPanel("feed_title"),
                FieldPanel("feed_description"),
                FieldPanel("feed_author"),
                FieldPanel("feed_copyright"),
                FieldPanel("feed_language"),
                FieldPanel("feed_item_count"),
                FieldPanel("feed_logo"),
            ],
            heading="Feeds",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    @classmethod
    def for_site(cls, site) -> "SiteSettings":
        """The site's settings, or the defaults unsaved until an editor saves them.

        Wagtail's own creates the row on first read, so the first request to a new site
        (a 404 page's footer, say) wrote to the database and invalidated every cache.
        """
        if site is None:
            raise cls.DoesNotExist("SiteSettings does not exist for site None.")
        return cls.objects.select_related(*FOOTER_PAGES, "feed_logo").filter(
            site=site
        ).first() or cls(site=site)

    def header_logo(self) -> dict | None:
        """The logo's header rendition (made when the settings were saved, home.signals):
        its url, width and height; None without a logo or until it exists."""
        rendition = made_rendition(self.site_logo_id, SITE_LOGO_SPEC)
        if rendition is None:
            return None
        return {"url": rendition.url, "width": rendition.width // 2,
                "height": rendition.height // 2}  # fmt: skip

    def footer_links(self) -> list[dict]:
        """The footer's pages that readers can open (published), in reading order."""
        pages = (getattr(self, name) for name in FOOTER_PAGES)
        return [{"title": page.title, "url": page.url} for page in pages if page and page.live]
