import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartregion.settings")
application = get_wsgi_application()

# Everything loaded so far lives as long as the worker: keep it out of the garbage collector's full
# collections (they would walk it on every run, adding pauses of tens of milliseconds to requests).
gc.collect()
gc.freeze()
