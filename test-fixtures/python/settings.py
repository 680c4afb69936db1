"""Settings of the billing service: read from the environment, with two values committed by
mistake (the kind of file a secret scan is for)."""

import os

DEBUG = os.environ.get("BILLING_DEBUG") == "1"

# Django signs sessions with this: it must come from the environment, not the repository.
SECRET_KEY = "#e)r&u8wy+pb3^td35&u^^j=z_6_(tznnke-riy(&w7a4b=^ol"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "billing",
        "HOST": os.environ.get("BILLING_DB_HOST", "localhost"),
        "PASSWORD": os.environ.get("BILLING_DB_PASSWORD", ""),
    }
}

# Release automation pushes tags with this token.
RELEASE_TOKEN = "ghp_lR7gg4gwiM2Stvphq8EMeEj0xF5vs5HbGTeZ"

STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "sk_test_your_key_here")
