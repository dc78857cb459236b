from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0001_content_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentversion",
            name="warmed",
            field=models.BigIntegerField(default=0),
        ),
    ]
