"""Settings of the benchmark server: the application's settings plus the floor view.

``bench/run.py`` sets ``DEBUG=true`` in the environment only so that the development
secret key is accepted; the server itself runs with ``DEBUG = False`` like production
(no query log, no template debug information), otherwise every figure would include
DEBUG's overhead.
"""

from config.settings import *  # noqa: F401,F403
from config.settings import ALLOWED_HOSTS, REST_FRAMEWORK

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "testserver"]  # testserver: the in-process query count
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# One client sends a hundred requests per URL as the same user: far above the production
# limits. The throttles still run (their cost is part of every figure), they just never bite.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": "10000000/minute", "anon": "10000000/minute"}}
