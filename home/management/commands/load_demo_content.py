from django.core.management.base import BaseCommand

from home.demo.loader import load_demo_content


class Command(BaseCommand):
    help = "Create the demo site, snippets and news pages; running it again changes nothing."

    def handle(self, *args, **options):
        created = load_demo_content()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content ready (created {summary})."))
