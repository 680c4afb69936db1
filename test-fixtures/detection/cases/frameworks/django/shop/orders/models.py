from django.conf import settings
from django.db import models


class Customer(models.Model): # expect-pattern: django/data_access/model
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    phone = models.CharField(max_length=32, blank=True)


class Order(models.Model): # expect-pattern: django/data_access/model
    customer = models.ForeignKey(Customer, related_name="orders", on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta: # expect-no-pattern: django/data_access/model
        ordering = ["-created_at"]


class OrderStatus: # expect-no-pattern: django/data_access/model
    OPEN = "open"
    PAID = "paid"
