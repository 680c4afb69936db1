from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app) # expect-pattern: fastapi/testing/test-client


def test_read_missing_item():
    response = client.get("/items/999") # expect-no-pattern: fastapi/testing/test-client
    assert response.status_code == 404
