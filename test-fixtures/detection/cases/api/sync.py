import requests

BASE = "https://api.example.com/v3/" # expect-pattern: api/versioned-path


def fetch_orders(session_id):
    resp = requests.get(BASE + "orders", timeout=10) # expect-pattern: api/http-client-requests  expect-no-pattern: api/http-client-httpx
    resp.raise_for_status()
    return resp.json()


def push(payload):
    with requests.Session() as session: # expect-pattern: api/http-client-requests
        session.post(BASE + "events", json=payload) # expect-no-pattern: api/http-client-requests
