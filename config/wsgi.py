import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their models) lives as long as the process:
# keep it out of the garbage collector's scans, which otherwise walk it again on every
# collection a large report or list triggers.
gc.freeze()
