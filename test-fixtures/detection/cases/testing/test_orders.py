import unittest

import pytest

from shop.orders import Order, total


def test_total_of_empty_order():
    assert total(Order()) == 0  # expect-pattern: testing/bare-assert  expect-no-pattern: testing/unittest-assert


@pytest.mark.skip(reason="pricing rules change next quarter")  # expect-pattern: testing/skipped-test
def test_bulk_discount():
    assert total(Order(quantity=100)) == 900  # expect-pattern: testing/bare-assert


@pytest.mark.skipif(not pytest.importorskip, reason="needs plugins")  # expect-no-pattern: testing/skipped-test
def test_with_plugin():
    assert True  # expect-pattern: testing/bare-assert


class OrderTests(unittest.TestCase):
    def test_total(self):
        self.assertEqual(total(Order(quantity=2)), 20)  # expect-pattern: testing/unittest-assert  expect-no-pattern: testing/bare-assert

    @unittest.skip("flaky on CI")  # expect-pattern: testing/skipped-test
    def test_refund(self):
        with self.assertRaises(ValueError):  # expect-pattern: testing/unittest-assert
            Order(quantity=-1)
        self.helper.assemble()  # expect-no-pattern: testing/unittest-assert
