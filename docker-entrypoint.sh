#!/bin/sh
# The image's two roles: `web` (the default) and `worker`; anything else runs as given
# (for example `python manage.py migrate --noinput`).
set -e
case "${1:-web}" in
  web)
    exec gunicorn cms.wsgi:application --bind "0.0.0.0:${PORT}" \
      --workers "${GUNICORN_WORKERS}" --threads "${GUNICORN_THREADS}" \
      --no-control-socket --access-logfile - --error-logfile -
    ;;
  worker)
    exec python manage.py run_worker
    ;;
  *)
    exec "$@"
    ;;
esac
