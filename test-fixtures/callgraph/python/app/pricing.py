TAX = 0.2


def total_price(sku: str, quantity: int) -> float:
    return with_tax(unit_price(sku) * quantity)


def unit_price(sku: str) -> float:
    return 10.0 if sku else 0.0


def with_tax(amount: float) -> float:
    return amount * (1 + TAX)
