"""The OPML import in the admin."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from news.snippets import PartnerProject

from .opml import MAX_OUTLINES, OpmlError, import_opml

MAX_OPML_BYTES = 2_000_000


class OpmlForm(forms.Form):
    file = forms.FileField(label="OPML file")
    project = forms.ModelChoiceField(
        PartnerProject.objects.order_by("acronym"),
        required=False,
        empty_label="The project each outline names",
        help_text=f"At most {MAX_OUTLINES} feeds per file.",
    )


def import_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("network.add_feedsource"):
        raise PermissionDenied
    context = {"form": OpmlForm(), "page_title": "Import partner feeds"}
    if request.method == "POST":
        form = OpmlForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_OPML_BYTES:
                    raise OpmlError("the file is larger than 2 MB")
                context["report"] = import_opml(upload.read(), project=form.cleaned_data["project"])
            except OpmlError as error:
                context["error"] = str(error)
    return TemplateResponse(request, "network/import_opml.html", context)
