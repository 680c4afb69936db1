from django.test import TestCase

from .billing import format_amount


class FormatAmountTests(TestCase):
    def setUp(self):  # expect-no-pattern: types/return-type-inferred
        self.amount = 12

    def assertFormatted(self, value, expected):  # expect-no-pattern: types/return-type-inferred
        self.assertEqual(format_amount(value), expected)

    def test_pads_cents(self):  # expect-no-pattern: types/return-type-inferred
        self.assertFormatted(self.amount, "12.00")
