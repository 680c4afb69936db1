"""WSGI entry point of the shopfront project (gunicorn shopfront.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopfront.settings")

application = get_wsgi_application()
