# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings

# WeasyPrint needs Pango; fonts for the PDF exports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN SECRET_KEY=build-only SITE_URL=http://build.invalid python manage.py collectstatic --noinput \
    && useradd --system --home /app app && mkdir -p /app/var && chown -R app /app/var /app/staticfiles
USER app

EXPOSE 8000
# With DEBUG off every page needs the collected static files and their manifest. The build
# collects them; the start collects them again if they are missing (e.g. /app mounted over).
# Not every time: compressing them all takes most of a minute.
CMD ["sh", "-c", "{ test -f staticfiles/staticfiles.json || python manage.py collectstatic --noinput -v0; } && exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers 3 --access-logfile -"]
