"""Finding customers, one idea a module:

- `selection`: which customers (filter / q / segment / ids) as one tenant-scoped condition;
- `quick`: quick search `q`, by text and by card or external id;
- `cursors`: the sort syntax and signed cursors;
- `counts`: totals, exact within a budget or the planner's estimate;
- `listing`: a page of customers.

Other domains import the package (`from app.customers import search`) and use the names
below.
"""

from app.customers.filters.ast import InvalidFilter
from app.customers.filters.registry import sortable_columns
from app.customers.search.counts import (
    COUNT_CAP,
    SearchTotal,
    capped_count,
    count,
    count_matches,
    estimate_count,
    match_total,
    page_total,
)
from app.customers.search.cursors import (
    DEFAULT_SORT,
    MAX_SORT_KEYS,
    InvalidCursor,
    SortKey,
    decode_cursor,
    encode_cursor,
    sort_keys,
)
from app.customers.search.listing import SearchResult, search_customers
from app.customers.search.quick import QuickSearch, check_q, quick_search, search_terms
from app.customers.search.selection import (
    SegmentFilter,
    Selection,
    UnresolvedSegment,
    filter_env,
    parse_filter,
    selection_where,
)

__all__ = [
    "COUNT_CAP",
    "DEFAULT_SORT",
    "MAX_SORT_KEYS",
    "InvalidCursor",
    "InvalidFilter",
    "QuickSearch",
    "SearchResult",
    "SearchTotal",
    "SegmentFilter",
    "Selection",
    "SortKey",
    "UnresolvedSegment",
    "capped_count",
    "check_q",
    "count",
    "count_matches",
    "decode_cursor",
    "encode_cursor",
    "estimate_count",
    "filter_env",
    "match_total",
    "page_total",
    "parse_filter",
    "quick_search",
    "search_customers",
    "search_terms",
    "selection_where",
    "sort_keys",
    "sortable_columns",
]
