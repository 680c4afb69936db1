"""Placing, paying and cancelling orders."""
import logging
from datetime import timedelta
from decimal import Decimal

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Address
from catalog.models import Product

from .models import Order, OrderLine

logger = logging.getLogger(__name__)


class OrderError(Exception):
    """An order cannot be placed or changed as asked."""


class PaymentDeclined(OrderError):
    """The payment gateway refused the charge."""


def place_order(user, items: list[dict], address_id: int) -> Order:
    """Create a pending order for `items` ({sku, quantity}) and reserve the stock."""
    address = Address.objects.get(pk=address_id, owner=user)
    quantities = {item["sku"]: item["quantity"] for item in items}
    with transaction.atomic():
        products = Product.objects.select_for_update().filter(sku__in=quantities, is_active=True)
        order = Order.objects.create(customer=user, shipping_address=address)
        total = Decimal("0.00")
        lines = []
        for product in products:
            quantity = quantities[product.sku]
            if product.stock < quantity:
                raise OrderError(f"Only {product.stock} of {product.sku} left")
            lines.append(
                OrderLine(order=order, product=product, quantity=quantity, unit_price=product.price)
            )
            total += product.price * quantity
            Product.objects.filter(pk=product.pk).update(stock=F("stock") - quantity)
        if len(lines) != len(quantities):
            raise OrderError("Some products are no longer available")
        OrderLine.objects.bulk_create(lines)
        order.total = total
        order.save(update_fields=["total"])
    logger.info("Order %s placed by user %s for %s", order.pk, user.pk, total)
    return order


def charge(order: Order, payment_method: str) -> Order:
    """Charge the order's total through the payment gateway and mark it paid."""
    response = requests.post(
        f"{settings.PAYMENT_GATEWAY_URL}/charges",
        json={"amount": str(order.total), "currency": "EUR", "method": payment_method},
        timeout=10,
    )
    if response.status_code == 402:
        logger.warning("Payment declined for order %s", order.pk)
        raise PaymentDeclined(response.json().get("reason", "declined"))
    response.raise_for_status()
    Order.objects.filter(pk=order.pk).update(
        status=Order.Status.PAID,
        paid_at=timezone.now(),
        payment_reference=response.json()["id"],
    )
    order.refresh_from_db()
    logger.info("Order %s paid, gateway reference %s", order.pk, order.payment_reference)
    notify_warehouse(order)
    return order


def notify_warehouse(order: Order) -> None:
    """Tell the warehouse a paid order is ready to pick (best effort)."""
    payload = {
        "order": order.pk,
        "lines": [{"sku": line.product.sku, "quantity": line.quantity} for line in order.lines.all()],
    }
    try:
        requests.post(settings.WAREHOUSE_WEBHOOK_URL, json=payload, timeout=5)
    # Planted: the error is swallowed with a bare except.
    except:
        pass


def cancel_order(order: Order, reason: str) -> Order:
    """Cancel a pending or paid order and put its stock back."""
    if not order.is_cancellable:
        raise OrderError(f"Order {order.pk} is {order.status} and cannot be cancelled")
    with transaction.atomic():
        for line in order.lines.select_related("product"):
            Product.objects.filter(pk=line.product_id).update(stock=F("stock") + line.quantity)
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status"])
    logger.info("Order %s cancelled: %s", order.pk, reason)
    return order


def expire_pending_orders(now=None) -> int:
    """Cancel the orders left unpaid longer than PENDING_ORDER_TTL_MINUTES."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.PENDING_ORDER_TTL_MINUTES)
    expired = 0
    for order in Order.objects.filter(status=Order.Status.PENDING, created_at__lt=cutoff):
        try:
            cancel_order(order, "payment timeout")
        except OrderError:
            logger.exception("Could not expire order %s", order.pk)
            continue
        expired += 1
    return expired
