"""Merging duplicate customers: moves every domain's rows that point at a customer, so it
sits above all of them (finding the duplicates is `customers/duplicates.py`)."""
