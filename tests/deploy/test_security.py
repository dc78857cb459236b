"""Production safety in behaviour: headers, login throttling, upload bounds, health."""

import io

from django.urls import reverse

from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from tests.factories import make_news


def test_html_pages_carry_security_headers_and_a_csp(client, news_index):
    page = make_news(news_index)
    response = client.get(page.url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "Content-Security-Policy" not in client.get("/feeds/news.rss")
    assert "Content-Security-Policy" not in client.get("/api/v2/pages/")


def test_admin_preview_can_still_be_framed_by_the_admin(editor_client, news_index):
    from tests.news.admin_forms import news_form_data

    page = make_news(news_index)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    editor_client.post(url, news_form_data(title="Framed", slug=page.slug))
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Content-Security-Policy" in editor_client.get("/admin/")


def test_repeated_failed_logins_lock_the_account_for_that_address(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "correct-horse")
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post("/admin/login/", {"username": "editor", "password": "correct-horse"})
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    other = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct-horse"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other.status_code == 302  # another address is not locked out


@pytest.mark.parametrize(
    ("setting", "value", "size"),
    [
        ("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 2_000, (400, 400)),
        ("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 10_000, (200, 200)),
    ],
)
def test_oversized_uploads_are_refused_with_a_message(
    editor_client, settings, setting, value, size
):
    setattr(settings, setting, value)
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 80).convert("RGB").save(buffer, format="PNG")
    buffer.name = "big.png"
    buffer.seek(0)
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Big", "file": buffer, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_healthz_reports_ok_and_names_a_failing_dependency(client, settings, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    from django.test import override_settings

    broken_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    with override_settings(CACHES=broken_cache):
        response = client.get("/healthz")
    # Without its cache the site still serves (uncached): degraded, not down.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}
