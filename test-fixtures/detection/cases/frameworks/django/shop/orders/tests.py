import unittest

from django.test import TestCase
from django.urls import reverse

from .models import Customer


class OrderListTests(TestCase): # expect-pattern: django/testing/test-case
    def test_requires_login(self):
        response = self.client.get(reverse("orders:list"))
        self.assertEqual(response.status_code, 302)


class ParsingTests(unittest.IsolatedAsyncioTestCase): # expect-no-pattern: django/testing/test-case
    async def test_parse(self):
        self.assertTrue(True)
