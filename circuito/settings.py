"""CIRCUITO settings: one module, read from environment variables.

With nothing set it runs on the embedded default (SQLite, Celery tasks in-process, local files,
console e-mail). DATABASE_URL / REDIS_URL switch to the real services; production is the same
module with DEBUG=0 and secrets from the environment.
"""

from email.utils import parseaddr
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz" if DEBUG else "",
)
# Placeholders copied from examples must never sign production sessions: refuse to start.
if not DEBUG and (len(SECRET_KEY) < 40 or "change-me" in SECRET_KEY or SECRET_KEY.startswith("dev-only")):
    raise environ.ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))")'
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "circuito.admin_config.CircuitoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "leaflet",
    "axes",
    "circuito.audit",
    "circuito.geo",
    "circuito.nace",
    "circuito.accounts",
    "circuito.jobs",
    "circuito.search",
    "circuito.languages",
    "bourseflux",
    "tierslieux",
    "focusgroups",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After locale, authentication and the security headers: its 400 page is in the user's
    # language and carries the same headers as any page.
    "circuito.input_hygiene.ControlCharacterMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

if not DEBUG:  # in development runserver (and live_server in tests) serve static files
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "circuito.urls"
WSGI_APPLICATION = "circuito.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "circuito.context_processors.portal",
            ],
        },
    },
]

FORM_RENDERER = "circuito.forms.BootstrapFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: a request does not pay for a new PostgreSQL connection (a few ms, more
# with TLS); the health check replaces one the server closed before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, as django-axes asks
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

# django-allauth: e-mail is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CIRCUITO] "
ACCOUNT_ADAPTER = "circuito.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "circuito.accounts.forms.SignupExtraForm"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# Reverse proxies in front of the portal that append to X-Forwarded-For (0: clients connect
# directly). circuito.client_ip reads it for allauth (the account adapter's get_client_ip, so
# ALLAUTH_TRUSTED_PROXY_COUNT is not needed), axes and every rate limit.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "circuito.client_ip.client_ip"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = 1  # hours
AXES_USERNAME_CALLABLE = "circuito.accounts.adapter.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Lock an account from the address that failed, not the whole address (offices share one IP);
# a password reset lifts the lock (circuito.accounts.signals).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept (privacy notice)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("it", _("Italian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Dates in each language's own style ("lunedì 7 dicembre 2026"), on top of Django's formats.
FORMAT_MODULE_PATH = ["circuito.languages.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "it")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "it"), "fr": ("it",), "it": ("fr",)}

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Generated and uploaded private files live outside MEDIA_ROOT (and STATIC_ROOT), whatever serves
# those, and are only ever served through permission-checked views (system check circuito.E001).
PRIVATE_ROOT = env.path("PRIVATE_ROOT", default=BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CIRCUITO <noreply@circuito.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Fails open (circuito/cache.py); short timeouts so an unreachable Redis costs a page little.
    CACHES = {
        "default": {
            "BACKEND": "circuito.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous public pages (home, Tiers-Lieux directory and map) kept whole in the cache and
# replaced on the writes that change them (circuito/page_cache.py); off in development.
PAGE_CACHE = env.bool("PAGE_CACHE", default=not DEBUG)
RELEASE = env.str("RELEASE", default="")  # optional: a deployment's name, to start the page cache afresh

# Celery: a real broker when one is configured, otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not (REDIS_URL or env.str("CELERY_BROKER_URL", default=""))
)
CELERY_TASK_EAGER_PROPAGATES = False
# A job's message is acknowledged when it ends, and given back when its worker dies, so a killed
# worker's job runs again (`run_job` reclaims a RUNNING job older than the hard limit). Redis
# hands an unacknowledged message to another worker after `visibility_timeout`: it must exceed
# the longest job, or a slow job would run twice at once.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=3600)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 300  # the soft limit lets the job record its failure
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 1800)
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "jobs-delete-expired-files": {
        "task": "circuito.jobs.tasks.delete_expired_files",
        "schedule": 3600.0,
    },
    "bourseflux-match-digests": {
        "task": "bourseflux.tasks.send_match_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "tierslieux-event-reminders": {
        "task": "tierslieux.tasks_events.send_event_reminders",
        "schedule": crontab(minute=20),  # hourly: late registrations for tomorrow are reminded too
    },
    "tierslieux-alert-digests": {
        "task": "tierslieux.tasks_alerts.send_alert_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
    "tierslieux-booking-reminders": {
        "task": "tierslieux.tasks_booking.send_booking_reminders",
        "schedule": crontab(hour=17, minute=0),
    },
    "tierslieux-remind-stale-referents": {
        "task": "tierslieux.tasks.remind_stale_referents",
        "schedule": crontab(hour=8, minute=30),
    },
}
JOB_FILE_LIFETIME_DAYS = env.int("JOB_FILE_LIFETIME_DAYS", default=7)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "circuito.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "circuito.api_filters.PortalFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Rates alone do nothing: the classes apply them (per client address, or per user).
    "DEFAULT_THROTTLE_CLASSES": ["circuito.throttling.AnonThrottle", "circuito.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="600/min"),
    },
    "EXCEPTION_HANDLER": "circuito.api_errors.exception_handler",
}
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=200)
FILTERS_EMPTY_CHOICE_LABEL = _("All")

SPECTACULAR_SETTINGS = {
    "TITLE": "CIRCUITO API",
    "DESCRIPTION": "Tiers-Lieux, flux exchange and project workspace of the CIRCUITO project.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["circuito.api_schema.exclude_deprecated_aliases"],
    # The error answers of every operation are documented (circuito/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "circuito.api_schema.document_error_responses",
    ],
    # One name per choice set shared by several fields.
    "ENUM_NAME_OVERRIDES": {
        "FlowUnitEnum": "bourseflux.models.flows.Flow.Unit",
        "SynergyStageEnum": "bourseflux.models.synergies.Synergy.Stage",
        "ServiceRequestStatusEnum": "tierslieux.models.requests.ServiceRequest.Status",
        "InnovationNeedStatusEnum": "tierslieux.models.requests.InnovationNeed.Status",
        "RegistrationStatusEnum": "tierslieux.models.events.Registration.Status",
        "MeetingRequestStatusEnum": "tierslieux.models.events.B2BRequest.Status",
        "PlaceStatusEnum": "tierslieux.models.places.Place.Status",
        "FlowStatusEnum": "bourseflux.models.flows.Flow.Status",
        "MembershipStatusEnum": "circuito.accounts.models.Membership.Status",
        "EventKindEnum": "tierslieux.models.events.Event.Kind",
        "ReportKindEnum": "reporting.models.reports.Report.Kind",
    },
}

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (44.6, 7.0),
    "DEFAULT_ZOOM": 7,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 18,
    "TILES": [
        (
            "OpenStreetMap",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            {"attribution": "&copy; OpenStreetMap contributors", "maxZoom": 19},
        )
    ],
    "RESET_VIEW": False,
}

# Content Security Policy: no CDN, no inline script without the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https://tile.openstreetmap.org"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)

# Logs: time, level and logger on every line (LOG_FORMAT=json for one JSON object per line, for
# log collectors); server errors also mailed to ADMINS ("Name <address>, …") when set.
ADMINS = [parseaddr(item) for item in env.list("ADMINS", default=[]) if parseaddr(item)[1]]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env.str("LOG_FORMAT", default="text")},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
    },
}

# Server errors to an error tracker (Sentry or a compatible service such as GlitchTip) when a DSN
# is set; the SDK is the optional extra `pip install circuito[sentry]`.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN, send_default_pii=False, environment=env.str("SENTRY_ENVIRONMENT", default="production")
    )

# Panels that feature apps add to the user's dashboard (templates included by accounts/dashboard.html),
# so that the accounts app needs to know none of them.
DASHBOARD_PANELS = [
    "reporting/_dashboard.html",
    "focusgroups/_dashboard.html",
    "bourseflux/synergies/_dashboard.html",
    "tierslieux/_dashboard.html",
]

# Management commands that `load_reference` runs, in order (feature apps add theirs here).
# Demo data commands that `load_demo` runs after its own accounts (each feature app adds its own).
DEMO_DATA_COMMANDS = ["load_bourseflux_demo", "load_tierslieux_demo", "load_focusgroups_demo", "load_reporting_demo"]
REFERENCE_DATA_COMMANDS = [
    "load_territories",
    "load_tierslieux_reference",
    "load_nace",
    "load_thesaurus",
    "load_charter",
    "load_bourseflux_reference",
    "load_focusgroups_reference",
    "load_project_structure",
]
AXES_VERBOSE = False
