import time, django
django.setup()
from wagtail.models import Site
from news.models import NewsPage
from news.references import References
site = Site.objects.get(is_default_site=True)
def best(f, n=7):
    b = 1e9
    for _ in range(n):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return round(b * 1000, 1)
qs = lambda: NewsPage.objects.publishable(site=site)
print("stories+prefetch", best(lambda: list(qs()[:50])))
print("stories no prefetch", best(lambda: list(qs().prefetch_related(None)[:50])))
print("stories values", best(lambda: list(qs().prefetch_related(None).values_list("pk", "title", "body")[:50])))
print("stories raw only pk", best(lambda: list(qs().prefetch_related(None).values_list("pk")[:50])))
pages = list(qs()[:50])
print("references", best(lambda: References.for_pages(pages, base_url="http://x")))
print("represent", best(lambda: [p.represent_body(References.for_pages(pages, base_url="http://x")) for p in pages[:1]]))
from home.models import SiteSettings
print("settings", best(lambda: SiteSettings.for_site(site)))
from news.visibility import next_scheduled_change
print("next change", best(lambda: next_scheduled_change()))
from delivery.versions import content_version
print("cv", best(lambda: content_version(fresh=True)))
