"""Generate N realistic news pages quickly: `python -m bench.datagen N`.

Pages are written in bulk (tree paths computed here, one insert per page for the news
table) rather than through `add_child` and revisions, which would take minutes for
10,000 pages. Each page has a hero image, about 5 KB of body using every block type,
categories, tags and partner projects; renditions are made up front, as publishing does.
Also makes one page with a 1,000-block body (200 internal links, 100 images).
"""

import datetime
import io
import os
import random
import sys
import uuid

import django

CHUNK = 5000
TOPICS = (
    "dysprosium", "terbium", "samarium", "cobalt", "ferrite", "sintering", "hydrogen",
    "decrepitation", "lifecycle", "traceability", "offshore", "turbines", "traction",
    "motors", "demagnetisation", "coercivity", "grain", "boundary", "diffusion", "alloy",
    "powder", "metallurgy", "separation", "leaching", "solvent", "extraction", "mining",
    "tailings", "substitution", "design", "disassembly", "sorting", "shredding",
    "standardisation", "labelling", "procurement", "stockpiling", "geopolitics",
    "circularity", "ecodesign",
)  # fmt: skip


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.files.images import ImageFile
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models.signals import post_save, pre_save
    from django.utils import timezone

    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from PIL import Image as PILImage
    from taggit.models import Tag

    from news.models import NewsIndexPage, NewsPage, NewsPageTag
    from news.renditions import ALL_SPECS
    from news.snippets import Category, PartnerProject

    call_command("load_demo_content", stdout=io.StringIO())
    rng = random.Random(42)
    index = NewsIndexPage.objects.get()
    images = list(Image.objects.all())
    for n in range(20 - len(images)):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 900), (20 + n * 9, 60, 140)).save(buffer, "JPEG")
        images.append(
            Image.objects.create(title=f"Bench {n}", file=ImageFile(buffer, name=f"bench-{n}.jpg"))
        )
    for image in images:
        image.get_renditions(*ALL_SPECS)
        image.get_file_size()
    document = Document.objects.first()
    categories, projects = list(Category.objects.all()), list(PartnerProject.objects.all())
    tags = [Tag.objects.get_or_create(name=f"topic {n}", slug=f"topic-{n}")[0] for n in range(30)]
    link_targets = list(NewsPage.objects.values_list("pk", flat=True))

    def body(blocks: int, links: int = 1, image_every: int = 6) -> list[dict]:
        words = [
            "magnet",
            "rare",
            "earth",
            "recycling",
            "neodymium",
            "supply",
            "chain",
            "pilot",
            "line",
            "policy",
            "cluster",
            "project",
            "research",
            "sustainability",
            "assessment",
        ]
        out = []
        for n in range(blocks):
            kind = n % image_every
            if kind == 0:
                image = rng.choice(images)
                out.append({"type": "image", "value": {"image": image.pk, "alt_text": "A figure",
                            "caption": "Caption", "credit": "Bench"}})  # fmt: skip
            elif kind == 1:
                out.append({"type": "heading", "value": {"text": f"Section {n}", "level": "h2"}})
            elif kind == 2:
                text = " ".join(rng.choice(words) for _ in range(110))
                anchors = "".join(
                    f' <a linktype="page" id="{rng.choice(link_targets)}">related {k}</a>'
                    for k in range(links)
                )
                out.append({"type": "paragraph", "value": f"<p>{text}{anchors}.</p>"
                            "<ul><li>First point</li><li>Second point</li></ul>"})  # fmt: skip
            elif kind == 3:
                out.append({"type": "quote", "value": {"text": "Recycling alone will not "
                            "meet demand.", "attribution": "A coordinator"}})  # fmt: skip
            elif kind == 4:
                out.append({"type": "call_to_action", "value": {"label": "Read more",
                            "page": rng.choice(link_targets), "url": ""}})  # fmt: skip
            else:
                out.append(rng.choice([
                    {"type": "embed", "value": {"url": "https://video.example.org/v/1",
                                                "title": "Recording"}},
                    {"type": "document", "value": {"document": document.pk, "title": ""}},
                ]))  # fmt: skip
        return out

    from django.contrib.contenttypes.models import ContentType

    news_ct = ContentType.objects.get_for_model(NewsPage)
    start = index.numchild
    today = timezone.localdate()

    def page_row(position: int, title: str, slug: str, blocks: list[dict]) -> NewsPage:
        published = timezone.now() - datetime.timedelta(hours=position)
        return NewsPage(
            path=NewsIndexPage._get_path(index.path, index.depth + 1, start + position),
            depth=index.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{index.url_path}{slug}/",
            content_type=news_ct,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            published_at=published,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
            date=today - datetime.timedelta(days=position // 10),
            # Two of the topic words: each is in about one story in twenty, as a specific
            # subject is on a real hub (every story has the common words of the body).
            summary=f"Story {position} on {' and '.join(rng.sample(TOPICS, 2))}: what the "
            "projects found and why.",
            hero_image=rng.choice(images),
            hero_alt_text="A bar magnet with field lines",
            body=blocks,
            feed_guid=uuid.uuid4(),
        )

    def write(pages: list[NewsPage]) -> None:
        with transaction.atomic():
            # Search indexing and reference tracking would cost ~30 ms a page; generated
            # pages are written without those signal handlers (bench.scale_data indexes
            # them for search in bulk where a bench searches).
            muted = {signal: signal.receivers for signal in (pre_save, post_save)}
            for signal in muted:
                signal.receivers = []
                signal.sender_receivers_cache.clear()
            try:
                for page in pages:
                    page.save_base()  # both tables, skipping Page.save()'s per-page tree work
            finally:
                for signal, receivers in muted.items():
                    signal.receivers = receivers
                    signal.sender_receivers_cache.clear()
            through = NewsPage.categories.through
            through.objects.bulk_create(
                [through(newspage_id=p.pk, category_id=rng.choice(categories).pk) for p in pages]
            )
            through = NewsPage.projects.through
            through.objects.bulk_create(
                [
                    through(newspage_id=p.pk, partnerproject_id=pr.pk)
                    for p in pages
                    for pr in rng.sample(projects, 2)
                ]  # fmt: skip
            )
            NewsPageTag.objects.bulk_create(
                [
                    NewsPageTag(content_object_id=p.pk, tag_id=t.pk)
                    for p in pages
                    for t in rng.sample(tags, 3)
                ]  # fmt: skip
            )

    # In chunks, so 100,000 pages never sit in memory at once.
    for first in range(0, count, CHUNK):
        write([page_row(n + 1, f"Generated story {n}", f"generated-{n}", body(13))
               for n in range(first, min(first + CHUNK, count))])  # fmt: skip
    write([page_row(count + 1, "A 1000-block story", "thousand-blocks",
                    body(1000, links=1, image_every=10))])  # fmt: skip
    NewsIndexPage.objects.filter(pk=index.pk).update(numchild=start + count + 1)
    print(f"generated {count} news pages (+1 with 1,000 blocks)")


if __name__ == "__main__":
    main(int(sys.argv[1]))
