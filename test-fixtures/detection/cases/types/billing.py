from decimal import Decimal


def invoice_total(lines: list["Line"]) -> Decimal:  # expect-pattern: types/return-type-annotated  expect-no-pattern: types/return-type-inferred
    return sum((line.amount for line in lines), Decimal(0))


def format_amount(amount):  # expect-pattern: types/return-type-inferred  expect-no-pattern: types/return-type-annotated
    def pad(text):  # expect-no-pattern: types/return-type-inferred
        return text.rjust(10)

    return pad(f"{amount:.2f}")


class Invoice:
    def __init__(self, number: str):  # expect-no-pattern: types/return-type-inferred
        self.number = number

    def label(self) -> str:  # expect-pattern: types/return-type-annotated
        return f"Invoice {self.number}"

    async def send(self, mailer):  # expect-pattern: types/return-type-inferred
        await mailer.send(self.label())
