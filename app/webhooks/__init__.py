"""Webhook endpoints of a tenant, signed deliveries of its events, the dispatcher."""
