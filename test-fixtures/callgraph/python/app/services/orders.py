from ..db import Database
from ..pricing import total_price


def place_order(db: Database, sku: str, quantity: int) -> dict:
    price = total_price(sku, quantity)
    db.fetch(sku)
    return {"sku": sku, "price": price}


def _legacy_discount(price: float) -> float:
    return price * 0.9
