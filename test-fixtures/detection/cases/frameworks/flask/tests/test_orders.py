import pytest

from shop import create_app


@pytest.fixture
def client():
    app = create_app("shop.config.Testing")
    return app.test_client() # expect-pattern: flask/testing/test-client


def test_orders_need_login(client):
    response = client.get("/orders/") # expect-no-pattern: flask/testing/test-client
    assert response.status_code == 302
