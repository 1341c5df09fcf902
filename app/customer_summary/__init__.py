"""A customer at a glance (the 360 summary): the customer with their vouchers, transactions
and history. It reads vouchers and transactions, so it sits above them, not in customers."""
