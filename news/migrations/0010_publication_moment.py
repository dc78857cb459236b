from django.db import migrations


def store_moments(apps, schema_editor):
    """published_at becomes the publication moment (news.publication): a backdated or
    imported story's date, at noon in the site's zone, instead of its first publication."""
    from news.publication import publication_moment

    NewsPage = apps.get_model("news", "NewsPage")
    changed = []
    for page in NewsPage.objects.exclude(first_published_at=None).only(
        "date", "first_published_at", "published_at"
    ):
        moment = publication_moment(went_live=page.first_published_at, dated=page.date)
        if page.published_at != moment:
            page.published_at = moment
            changed.append(page)
    NewsPage.objects.bulk_update(changed, ["published_at"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("news", "0009_image_default_credit")]

    operations = [migrations.RunPython(store_moments, migrations.RunPython.noop)]
