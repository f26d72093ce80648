# CIRCUITO portal: one image for the web server (gunicorn), the Celery worker and Celery beat.
# docker compose up -d --build   (see docker-compose.yml and .env.example)

# --- Stage 1: the project's sources without local state -------------------------------------
# A developer's checkout may hold a virtualenv, a .env with secrets, a SQLite file, media and
# private files. They are removed here, and only this cleaned tree reaches the final image.
FROM python:3.11-slim AS source
WORKDIR /src
COPY . .
RUN rm -rf .venv venv .env db.sqlite3 media private staticfiles .git .ci test-results bench/out \
    && find . -type d -name "__pycache__" -prune -exec rm -rf {} + \
    && find . -type d -name "*.egg-info" -prune -exec rm -rf {} +

# --- Stage 2: the runtime image ---------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=circuito.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PRIVATE_ROOT=/data/private

RUN groupadd --system --gid 1000 circuito \
    && useradd --system --uid 1000 --gid circuito --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin circuito

WORKDIR /app

# Dependencies first: this layer is rebuilt only when pyproject.toml (or the README it names)
# changes. psycopg, reportlab and the others come as wheels: no compiler or system library.
COPY --from=source /src/pyproject.toml /src/README.md ./
RUN pip install .

COPY --from=source --chown=circuito:circuito /src/ ./

# Static files are collected (hashed and compressed for WhiteNoise) at build time, with
# production settings and a throw-away key that is never used at run time. The catalogues are
# compiled in pure Python (no GNU gettext in the image).
RUN DEBUG=0 SECRET_KEY=build-only-dummy-key-not-used-at-runtime \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py compile_catalogues \
    && DEBUG=0 SECRET_KEY=build-only-dummy-key-not-used-at-runtime \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /data/media /data/private \
    && chown -R circuito:circuito /data

# Uploaded media and private generated files (reports, exports): shared by web and worker.
VOLUME ["/data"]

USER circuito
EXPOSE 8000

ENTRYPOINT ["sh", "/app/docker/entrypoint.sh"]
# Workers: set WEB_CONCURRENCY (gunicorn reads it); extra options: GUNICORN_CMD_ARGS.
CMD ["gunicorn", "circuito.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--forwarded-allow-ips", "*", "--timeout", "60"]
