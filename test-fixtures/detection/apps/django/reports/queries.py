"""Read-only aggregates for the back-office reports."""
from datetime import date

from django.db import connection
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncDay

from orders.models import Order, OrderLine


def daily_sales(start: date, end: date) -> list[dict]:
    """Revenue and order count per day of the paid orders between `start` and `end`."""
    return list(
        Order.objects.filter(status=Order.Status.PAID, paid_at__date__range=(start, end))
        .annotate(day=TruncDay("paid_at"))
        .values("day")
        .annotate(orders=Count("id"), revenue=Sum("total"))
        .order_by("day")
    )


def top_products(start: date, end: date, limit: int = 10) -> list[dict]:
    """The best-selling products by units between `start` and `end`."""
    return list(
        OrderLine.objects.filter(
            order__status=Order.Status.PAID, order__paid_at__date__range=(start, end)
        )
        .values(sku=F("product__sku"), name=F("product__name"))
        .annotate(units=Sum("quantity"))
        .order_by("-units")[:limit]
    )


def revenue_by_country(status: str) -> list[tuple[str, float]]:
    """Revenue per shipping country of the orders in `status`."""
    with connection.cursor() as cursor:
        # Planted: SQL built from data (an f-string) instead of a bound parameter.
        cursor.execute(
            f"""
            SELECT a.country, SUM(o.total)
            FROM orders_order o
            JOIN accounts_address a ON a.id = o.shipping_address_id
            WHERE o.status = '{status}'
            GROUP BY a.country
            """
        )
        return cursor.fetchall()
