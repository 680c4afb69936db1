import os

from dotenv import load_dotenv # expect-pattern: config/dotenv-load
from pydantic_settings import BaseSettings

load_dotenv()

DATABASE_URL = os.environ["DATABASE_URL"] # expect-pattern: config/env-required  expect-no-pattern: config/env-no-default
DEBUG = os.getenv("DEBUG", "false") == "true" # expect-pattern: config/env-default  expect-no-pattern: config/env-no-default
CACHE_URL = os.environ.get("CACHE_URL") or "redis://localhost:6379/0" # expect-pattern: config/env-default
SENTRY_DSN = os.getenv("SENTRY_DSN") # expect-pattern: config/env-no-default  expect-no-pattern: config/env-default, config/env-required


class Settings(BaseSettings): # expect-pattern: config/validated-env
    database_url: str
    debug: bool = False


class Options(BaseModel): # expect-no-pattern: config/validated-env
    retries: int = 3


def show_beta(flags, user):
    return flags.is_feature_enabled("beta_dashboard") # expect-pattern: config/feature-flag-check


def lookup(name):
    return os.getenv(name) # expect-no-pattern: config/env-no-default
