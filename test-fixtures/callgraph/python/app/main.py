from fastapi import Depends, FastAPI

from . import pricing
from .db import Database, get_db
from .services import place_order

app = FastAPI()


@app.post("/orders")
def create_order(sku: str, quantity: int, db: Database = Depends(get_db)):
    return place_order(db, sku, quantity)


@app.get("/price")
def quote(sku: str):
    return {"price": pricing.unit_price(sku)}


class Shape:
    def area(self) -> float:
        return 0.0

    def describe(self) -> str:
        return f"area {self.area()}"


class Circle(Shape):
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return 3.14 * self.r * self.r

    def report(self) -> str:
        return self.describe()


class Square(Shape):
    def describe(self) -> str:
        return "square " + super().describe()


class Cache:
    def __init__(self, db: Database) -> None:
        self._db = db

    def lookup(self, key: str):
        return self._db.lookup(key)


def _by_name(item: dict) -> str:
    return item["name"]


def listing(items: list) -> list:
    return sorted(items, key=_by_name)


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


if __name__ == "__main__":
    print(fib(10), Circle(2.0).report(), listing([]))
