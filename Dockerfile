# syntax=docker/dockerfile:1
# Build: docker build -t magnet-news .
# Run:   docker run -e DJANGO_SECRET_KEY=… -e DJANGO_ALLOWED_HOSTS=… -e DATABASE_URL=… -p 8000:8000 magnet-news
# Migrations and scheduled publishing are separate commands (see docs/deploy.md).

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
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown 10001:10001 /app/media
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/healthz\", timeout=4)"]
CMD ["sh", "-c", "exec gunicorn cms.wsgi:application --bind 0.0.0.0:${PORT} --workers ${GUNICORN_WORKERS} --threads ${GUNICORN_THREADS} --no-control-socket --access-logfile - --error-logfile -"]
