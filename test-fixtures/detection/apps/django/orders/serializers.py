from rest_framework import serializers

from catalog.models import Product

from .models import Order, OrderLine


class OrderLineSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="sku", read_only=True)
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = OrderLine
        fields = ["product", "quantity", "unit_price", "subtotal"]


class OrderSerializer(serializers.ModelSerializer):
    lines = OrderLineSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "status", "total", "lines", "shipping_address", "created_at", "paid_at"]
        read_only_fields = fields


class CartItemSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=32)
    quantity = serializers.IntegerField(min_value=1, max_value=99)

    def validate_sku(self, value):
        if not Product.objects.filter(sku=value, is_active=True).exists():
            raise serializers.ValidationError(f"Unknown product {value}.")
        return value


class CheckoutSerializer(serializers.Serializer):
    items = CartItemSerializer(many=True, allow_empty=False)
    shipping_address = serializers.IntegerField()

    def validate_items(self, value):
        skus = [item["sku"] for item in value]
        if len(skus) != len(set(skus)):
            raise serializers.ValidationError("Each product may appear once.")
        return value
