from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from .models import Category, Product
from .services import InsufficientStock, adjust_stock


class AdjustStockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = Category.objects.create(name="Kitchen")
        cls.product = Product.objects.create(
            sku="KT-100", name="Kettle", category=cls.category, price=Decimal("39.90"), stock=3
        )

    def test_adds_stock(self):
        product = adjust_stock(self.product.pk, 4, "delivery")
        self.assertEqual(product.stock, 7)

    def test_refuses_negative_stock(self):
        with self.assertRaises(InsufficientStock):
            adjust_stock(self.product.pk, -5, "sale")
        self.product.refresh_from_db()
        self.assertEqual(self.product.stock, 3)


class ProductApiTests(APITestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = Category.objects.create(name="Garden")
        cls.visible = Product.objects.create(
            sku="GD-1", name="Rake", category=cls.category, price=Decimal("12.00"), stock=10
        )
        cls.hidden = Product.objects.create(
            sku="GD-2", name="Old hose", category=cls.category, price=Decimal("8.00"), is_active=False
        )
        cls.staff = get_user_model().objects.create_user("staff", is_staff=True)

    def test_anonymous_sees_only_active_products(self):
        response = self.client.get(reverse("product-list"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        skus = [item["sku"] for item in response.json()["results"]]
        self.assertIn("GD-1", skus)
        self.assertNotIn("GD-2", skus)

    def test_anonymous_cannot_create(self):
        response = self.client.post(reverse("product-list"), {"sku": "GD-3", "name": "Hoe"})
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)

    def test_staff_adjusts_stock(self):
        self.client.force_authenticate(self.staff)
        url = reverse("product-adjust-stock", args=[self.visible.pk])
        response = self.client.post(url, {"delta": -2, "reason": "damaged"})
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()["stock"], 8)

    def test_stock_cannot_go_negative(self):
        self.client.force_authenticate(self.staff)
        url = reverse("product-adjust-stock", args=[self.visible.pk])
        response = self.client.post(url, {"delta": -20, "reason": "count"})
        self.assertEqual(response.status_code, status.HTTP_409_CONFLICT)

    def test_low_stock_lists_products_to_reorder(self):
        Product.objects.filter(pk=self.visible.pk).update(stock=2)
        self.client.force_authenticate(self.staff)
        response = self.client.get(reverse("low-stock"))
        self.assertEqual(response.json()["count"], 1)
