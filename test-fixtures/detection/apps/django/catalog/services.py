"""Catalog operations shared by the API views and the management commands."""
import logging

from django.db import transaction
from django.db.models import F

from .models import Product

logger = logging.getLogger(__name__)


class InsufficientStock(Exception):
    """Raised when a stock adjustment would take a product below zero."""

    def __init__(self, product: Product, requested: int) -> None:
        super().__init__(f"{product.sku}: {requested} requested, {product.stock} in stock")
        self.product = product
        self.requested = requested


def adjust_stock(product_id: int, delta: int, reason: str) -> Product:
    """Add `delta` (negative to remove) to a product's stock, atomically."""
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        if product.stock + delta < 0:
            raise InsufficientStock(product, -delta)
        product.stock = F("stock") + delta
        product.save(update_fields=["stock", "updated_at"])
        product.refresh_from_db(fields=["stock"])
    logger.info("Stock of %s changed by %d (%s)", product.sku, delta, reason)
    return product


def deactivate_discontinued(skus: list[str]) -> int:
    """Hide the products of `skus` from the storefront; returns how many changed."""
    updated = Product.objects.filter(sku__in=skus, is_active=True).update(is_active=False)
    logger.info("Deactivated %d discontinued products", updated)
    return updated


def rebuild_search_index() -> int:
    """Recompute the denormalised search text of every active product."""
    products = Product.objects.filter(is_active=True).select_related("category")
    changed = []
    for product in products.iterator(chunk_size=500):
        text = " ".join([product.name, product.sku, product.category.name, product.description])
        if text != product.search_text:
            product.search_text = text.lower()
            changed.append(product)
    Product.objects.bulk_update(changed, ["search_text"], batch_size=500)
    # Planted: print() where the project logs through its logger.
    print(f"Reindexed {len(changed)} products")
    return len(changed)
