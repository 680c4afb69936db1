"""Billing helpers."""

import warnings


def charge(customer, amount): # expect-pattern: documentation/python-docstring  expect-no-pattern: documentation/python-missing-docstring
    """Charge a customer. expect-pattern: documentation/docstring-google

    Args:
        customer: who pays.
        amount: how much, in cents.

    Returns:
        The receipt id.
    """ # expect-no-pattern: documentation/docstring-rest
    return gateway.charge(customer.id, amount)


def refund(receipt_id): # expect-pattern: documentation/python-missing-docstring  expect-no-pattern: documentation/python-docstring
    return gateway.refund(receipt_id)


def _round(amount): # expect-no-pattern: documentation/python-missing-docstring, documentation/python-docstring
    return round(amount, 2)


class Invoice: # expect-pattern: documentation/python-docstring
    """An invoice. expect-pattern: documentation/docstring-rest

    :param number: the invoice number.
    :returns: nothing.
    """

    def total(self): # expect-pattern: documentation/python-missing-docstring
        def add(a, b): # expect-no-pattern: documentation/python-missing-docstring
            return a + b
        return sum(self.lines)

    def render(self) -> str: # expect-no-pattern: documentation/python-missing-docstring
        ...


def convert(amount, rate): # expect-pattern: documentation/python-docstring
    r"""Convert between currencies. expect-pattern: documentation/docstring-rest

    :param amount: the amount.
    :param rate: the rate.
    :rtype: float
    """ # expect-no-pattern: documentation/docstring-google
    return amount * rate


def old_total(invoice):
    """Sum an invoice (use Invoice.total)."""
    warnings.warn("old_total is deprecated", DeprecationWarning, stacklevel=2) # expect-pattern: documentation/deprecated-marker
    total = invoice.total()  # TODO: remove in 3.0  expect-pattern: documentation/todo-comment
    return total


class Payment(models.Model):
    """A payment."""

    class Meta: # expect-no-pattern: documentation/python-missing-docstring, documentation/python-docstring
        ordering = ["-created"]


class LedgerClient:
    def statement(self, account, *, file=None):
        # expect-no-pattern: documentation/docstring-google
        """Fetch a STATEMENT.  Arguments:
        - account: the account number
        - file: filename string or file object to store the statement in
        Returns:
        - resp: server response if successful
        - lines: list of statement lines
        """
        return self._command("STATEMENT", account, file)

    def balance(self, account):
        # expect-no-pattern: documentation/docstring-google
        """Fetch a BALANCE.

        Returns:
            - resp: server response if successful
            - amount: the balance in cents
        """
        return self._command("BALANCE", account)

    def post(self, account, *entries, **options):
        """Post entries to an account. expect-pattern: documentation/docstring-google

        Args:
            *entries: the ledger entries, oldest first.
            **options: passed on to the gateway.

        Raises:
            LedgerError: when the account is closed.
        """
        return self._command("POST", account, entries, options)

    def transfer(self, source, target, amount):
        # expect-no-pattern: documentation/docstring-google
        """Move money between two accounts.

        Arguments:
            source -- the account to debit
            target -- the account to credit
            amount -- a number of cents
        """
        return self._command("TRANSFER", source, target, amount)
