# syntax=docker/dockerfile:1
# Build: docker build -t magnet-news .
# Run:   docker run -e DJANGO_SECRET_KEY=… -e DJANGO_ALLOWED_HOSTS=… -e DATABASE_URL=… -p 8000:8000 magnet-news
# Roles: web (default) and worker; migrations are a separate command (see docs/deploy.md).

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm
ENV PATH="/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    GUNICORN_WORKERS=2 \
    GUNICORN_THREADS=4 \
    PORT=8000
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=10001:10001 . /app
# collectstatic needs settings to load, not a real secret: a throwaway key, build-time only.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost REDIS_URL=redis://unused \
    EMAIL_HOST=unused DEFAULT_FROM_EMAIL=unused@example.org \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown 10001:10001 /app/media
USER 10001:10001
EXPOSE 8000
# Either role: /healthz for web, a fresh heartbeat for worker.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "cms.container_health"]
# `docker run IMAGE` serves the site; `docker run IMAGE worker` runs the background worker.
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["web"]
