"""Reference data that news pages point at: categories, partner projects, clusters."""

from django import forms
from django.db import models

from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from .sanitize import validate_web_url

SLUG_HELP = (
    "Used in addresses and feeds; filled in from the {source}. If you change it later, "
    "the old feed and calendar addresses keep working: they redirect to the new ones."
)


def name_and_slug_panels(source: str) -> list:
    """The name field fills the slug as the editor types (Wagtail's own title-to-slug
    sync), until the slug is edited by hand."""
    return [
        TitleFieldPanel(source, placeholder=False, classname="", targets=["slug"]),
        FieldPanel("slug", widget=SlugInput),
    ]


class Category(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP.format(source="name"))
    description = models.TextField(blank=True)

    panels = [*name_and_slug_panels("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Cluster(index.Indexed, models.Model):
    """A group of EU-funded projects, such as CRMs4EU, that projects belong to."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    website = models.URLField(blank=True, validators=[validate_web_url])
    description = models.TextField(blank=True)

    panels = [*name_and_slug_panels("name"), FieldPanel("website"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundingProgramme(models.TextChoices):
    HORIZON_2020 = "horizon-2020", "Horizon 2020"
    HORIZON_EUROPE = "horizon-europe", "Horizon Europe"
    LIFE = "life", "LIFE"
    OTHER = "other", "Other"


class PartnerProject(index.Indexed, ClusterableModel):
    name = models.CharField(max_length=255, help_text="The project's full name.")
    acronym = models.CharField(max_length=40, unique=True, help_text="For example PASSENGER.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text=SLUG_HELP.format(source="acronym")
    )
    website = models.URLField(blank=True, validators=[validate_web_url])
    description = models.TextField(blank=True, max_length=600, help_text="One or two sentences.")
    funding_programme = models.CharField(
        max_length=40, choices=FundingProgramme.choices, default=FundingProgramme.HORIZON_EUROPE
    )
    grant_agreement = models.CharField(
        "grant agreement number", max_length=40, blank=True, help_text="For example 101003587."
    )
    acknowledgement = models.TextField(
        blank=True,
        max_length=600,
        help_text="The funding acknowledgement the grant requires; empty: one is written "
        "from the programme and the grant agreement number.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clusters = ParentalManyToManyField(Cluster, blank=True, related_name="projects")

    panels = [
        *name_and_slug_panels("acronym"),
        FieldPanel("name"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("funding_programme"),
        FieldPanel("grant_agreement"),
        FieldPanel("acknowledgement"),
        FieldPanel("logo"),
        FieldPanel("clusters", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("acronym"),
        index.SearchField("name"),
        index.AutocompleteField("acronym"),
        index.FilterField("funding_programme"),
    ]

    class Meta:
        ordering = ["acronym"]

    def __str__(self) -> str:
        return self.acronym

    @property
    def funding_line(self) -> str:
        """What every story about this project says of its funding (EU visibility rules)."""
        if self.acknowledgement:
            return self.acknowledgement
        if self.funding_programme == FundingProgramme.OTHER:
            return ""
        grant = f" under grant agreement No {self.grant_agreement}" if self.grant_agreement else ""
        return (
            f"{self.acronym} has received funding from the European Union's "
            f"{self.get_funding_programme_display()} programme{grant}."
        )


def funding_statement(projects) -> str:
    """The one funding statement of a page about several projects (EU visibility rules):
    a project's own acknowledgement as it wrote it; the others named in full, with their
    grant agreements, in one sentence per programme, not one sentence each."""
    own = [project.acknowledgement for project in projects if project.acknowledgement]
    by_programme: dict[str, list[str]] = {}
    for project in projects:
        if project.acknowledgement or project.funding_programme == FundingProgramme.OTHER:
            continue
        grant = f", grant agreement No {project.grant_agreement}" if project.grant_agreement else ""
        named = f"{project.acronym} ({project.name}{grant})"
        by_programme.setdefault(project.get_funding_programme_display(), []).append(named)
    sentences = []
    for programme, names in by_programme.items():
        subject = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "has" if len(names) == 1 else "have"
        sentences.append(
            f"{subject} {verb} received funding from the European Union's {programme} programme."
        )
    return " ".join([*own, *sentences])
