def test_charge(): # expect-no-pattern: documentation/python-missing-docstring
    assert charge(customer, 100)


def helper(): # expect-no-pattern: documentation/python-missing-docstring
    return 1
