import logging
from typing import Any

import orjson
import structlog


def _orjson(event: dict[str, Any], **_: Any) -> bytes:
    return orjson.dumps(event, default=str)


def configure_logging(json_logs: bool) -> None:
    """Console lines for a developer; in production (json_logs) one JSON object per line,
    serialised by orjson and written as bytes: the access log writes a line per request, so its
    cost is part of every request's. Loggers are not cached (cache_logger_on_first_use): tests
    swap the configuration (structlog.testing.capture_logs, JSON and console in turn)."""
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.format_exc_info,
    ]
    if json_logs:
        structlog.configure(
            processors=[*processors, structlog.processors.JSONRenderer(serializer=_orjson)],
            wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
            logger_factory=structlog.BytesLoggerFactory(),
        )
        return
    structlog.configure(
        processors=[*processors, structlog.dev.ConsoleRenderer(colors=False)],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        logger_factory=structlog.PrintLoggerFactory(),
    )
