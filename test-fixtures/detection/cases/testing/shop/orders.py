class Order:
    def __init__(self, quantity=0):
        assert quantity >= 0, "negative quantity"  # expect-no-pattern: testing/bare-assert
        self.quantity = quantity
