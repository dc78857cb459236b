"""The subscribe and preferences forms of the reference pages."""

from django import forms

from news.snippets import Category, PartnerProject

from .topics import ALL, Topics


def topic_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        ("Categories", [(f"category:{c.slug}", c.name) for c in Category.objects.order_by("name")]),
        ("Partner projects",
         [(f"project:{p.slug}", p.acronym) for p in PartnerProject.objects.order_by("acronym")]),
    ]  # fmt: skip


class TopicsForm(forms.Form):
    everything = forms.BooleanField(
        required=False, initial=True, label="All news and events of the network"
    )
    topics = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="…or only these categories and partner projects",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices()

    def chosen(self) -> list[str]:
        """Topic strings as `parse_topics` reads them: ticked topics win over the
        "everything" box (ticked by default), since ticking one is the clearer choice."""
        return list(self.cleaned_data.get("topics") or [ALL])

    @classmethod
    def initial_for(cls, topics: Topics) -> dict:
        return {"everything": topics.all_news, "topics": topics.as_strings()}


class SubscribeForm(TopicsForm):
    email = forms.EmailField(label="Your e-mail address", max_length=254)

    field_order = ["email", "everything", "topics"]
