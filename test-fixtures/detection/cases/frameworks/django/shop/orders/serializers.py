from rest_framework import serializers

from .models import Order


class OrderSerializer(serializers.ModelSerializer): # expect-pattern: django/api/model-serializer
    class Meta:
        model = Order
        fields = ["id", "customer", "total", "created_at"]


class RefundSerializer(serializers.Serializer): # expect-no-pattern: django/api/model-serializer
    reason = serializers.CharField(max_length=200)
