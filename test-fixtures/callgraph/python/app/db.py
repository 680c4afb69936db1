class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.rows: dict[str, str] = {}

    def fetch(self, key: str):
        return self._lookup(key)

    def _lookup(self, key: str):
        return self.rows.get(key)


def get_db() -> Database:
    return Database("sqlite://")
