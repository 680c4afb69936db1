from billing import format_amount


def check(value):  # expect-no-pattern: types/return-type-inferred
    return value


def test_format_amount():  # expect-no-pattern: types/return-type-inferred
    assert format_amount(3) == "      3.00"
