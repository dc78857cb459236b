"""*Import stories* in the admin: the command's import, asked for in a form and run by
the worker (an archive of hundreds of stories takes longer than a request may)."""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .sources import STORED
from .tasks import import_archive

MAX_URLS = 500
FLAGS = {
    "publish": "Publish each story (otherwise they are drafts)",
    "create_categories": "Create categories this site does not have yet",
    "match_projects": "Tag the partner projects a story names (acronym or full name)",
    "redirects": "Redirect each story's old path on this site to the story",
}


class ImportForm(forms.Form):
    source = forms.ChoiceField(
        choices=[
            ("wxr", "A WordPress export (WXR) file"),
            ("feed", "A feed with full content"),
            ("urls", "Article pages"),
        ],  # fmt: skip
        widget=forms.RadioSelect,
        initial="wxr",
    )
    wxr_file = forms.FileField(
        required=False,
        label="WordPress export",
        help_text="WordPress: Tools → Export → Posts.",
    )
    feed_url = forms.URLField(
        required=False,
        label="Feed address",
        assume_scheme="https",
        help_text="RSS, Atom or JSON Feed with each story's full text.",
    )
    urls = forms.CharField(
        required=False,
        label="Article addresses",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"One per line, at most {MAX_URLS}.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in FLAGS.items():
            self.fields[name] = forms.BooleanField(required=False, label=label)

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == "wxr":
            upload = data.get("wxr_file")
            if not upload:
                self.add_error("wxr_file", "Choose the export file.")
            elif upload.size > settings.IMPORT_MAX_PAGE_BYTES:
                self.add_error("wxr_file", "The file is larger than this site accepts.")
        if source == "feed" and not data.get("feed_url"):
            self.add_error("feed_url", "Give the feed's address.")
        if source == "urls":
            lines = [line for line in (data.get("urls") or "").split() if line]
            if not lines:
                self.add_error("urls", "Give at least one address.")
            elif len(lines) > MAX_URLS:
                self.add_error("urls", f"At most {MAX_URLS} addresses at once.")
            data["urls"] = "\n".join(lines)
        return data

    def location(self) -> str:
        data = self.cleaned_data
        if data["source"] == "wxr":
            name = default_storage.save(f"imports/{uuid.uuid4().hex}.xml", data["wxr_file"])
            return STORED + name
        return data["feed_url"] if data["source"] == "feed" else data["urls"]


def import_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("importer.add_importedimage"):
        raise PermissionDenied
    form = ImportForm()
    context = {"page_title": "Import stories"}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            dry_run = request.POST.get("action") != "import"
            result = import_archive.enqueue(
                form.cleaned_data["source"],
                form.location(),
                dry_run=dry_run,
                **{flag: form.cleaned_data[flag] for flag in FLAGS},
            )
            context["dry_run"] = dry_run
            if result.status == TaskResultStatus.SUCCESSFUL:
                context["report"] = result.return_value
            else:
                context["queued"] = True
    context["form"] = form
    context["runs"] = DBTaskResult.objects.filter(task_path=import_archive.module_path).order_by(
        "-enqueued_at"
    )[:10]
    return TemplateResponse(request, "importer/import.html", context)
