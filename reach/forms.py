"""The period and scope of a reach report, as typed in the admin or the command."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from news.snippets import PartnerProject

from .report import Period

LONGEST_PERIOD_DAYS = 5 * 366  # a grant's whole duration, with room
EARLIEST = date(2000, 1, 1)  # before any count; typed years like 0001 or 9999 are refused


class ReportForm(forms.Form):
    project = forms.ModelChoiceField(
        queryset=PartnerProject.objects.order_by("acronym"),
        required=False,
        empty_label="The whole network",
        to_field_name="slug",
    )
    start = forms.DateField(label="From", widget=forms.DateInput({"type": "date"}, "%Y-%m-%d"))
    end = forms.DateField(label="To", widget=forms.DateInput({"type": "date"}, "%Y-%m-%d"))

    @classmethod
    def for_request(cls, data) -> "ReportForm":
        """Bound to the query, the last 30 days when no period is given."""
        if "start" in data or "end" in data:
            return cls(data)
        today = timezone.localdate()
        initial = {"start": today - timedelta(days=29), "end": today}
        return cls({**initial, "project": data.get("project", "")})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        latest = timezone.localdate() + timedelta(days=366)
        for day in (start, end):
            if day and not EARLIEST <= day <= latest:
                raise forms.ValidationError(f"Dates run from {EARLIEST} to {latest}.")
        if start and end:
            if end < start:
                raise forms.ValidationError("The period ends before it starts.")
            if (end - start).days >= LONGEST_PERIOD_DAYS:
                raise forms.ValidationError("A report covers at most five years.")
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
