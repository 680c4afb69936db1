import httpx


async def fetch_profile(user_id):
    async with httpx.AsyncClient(timeout=5.0) as client: # expect-pattern: api/http-client-httpx  expect-no-pattern: api/http-client-requests
        resp = await client.get(f"/users/{user_id}") # expect-no-pattern: api/http-client-httpx, api/versioned-path
        return resp.json()


def ping():
    return httpx.get("https://status.example.com/ping").status_code # expect-pattern: api/http-client-httpx
