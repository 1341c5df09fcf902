"""The per-day cache of the dashboard figures (`stats_days`): below every domain that
writes what it caches, so transactions can drop a back-dated day without importing stats."""
