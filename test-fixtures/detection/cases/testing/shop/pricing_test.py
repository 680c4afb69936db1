from shop.orders import Order


def test_quantity_kept():
    assert Order(quantity=3).quantity == 3  # expect-pattern: testing/bare-assert
