"""Outbound events: the transactional outbox, its catalogue, the pull feed and the tables the
webhook deliveries are fanned out into (app/webhooks sends them)."""
