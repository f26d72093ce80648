#!/bin/sh
# Container entrypoint. For the web service (DJANGO_MIGRATE=1): wait for the database, apply the
# migrations and load the reference data (idempotent), then run the command (gunicorn). Worker
# and beat start directly: they wait for web to be healthy (docker-compose.yml).
set -eu

if [ "${DJANGO_MIGRATE:-0}" = "1" ]; then
    tries=0
    until python manage.py showmigrations >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -ge 30 ]; then
            echo "entrypoint: the database is still unreachable after 60 s" >&2
            exit 1
        fi
        echo "entrypoint: waiting for the database ($tries)…"
        sleep 2
    done
    python manage.py migrate --noinput
    if [ "${DJANGO_LOAD_REFERENCE:-1}" = "1" ]; then
        python manage.py load_reference
    fi
fi

exec "$@"
