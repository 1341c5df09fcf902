"""Loyalty: points kept as a ledger with lots, programme rules, levels, discounts and credits."""
