"""Python source saved with Windows (CRLF) line endings."""
import os


def env_flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes")


class Settings:
    def __init__(self) -> None:
        self.debug = env_flag("APP_DEBUG")
        self.port = int(os.environ.get("APP_PORT", "8080"))
