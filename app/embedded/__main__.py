"""`python -m app.embedded env DATA_DIR -- CMD ARGS...`: run CMD with embedded servers."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.embedded.processes import EmbeddedServerError
from app.embedded.services import run_with_services
from app.embedded.settings import PROFILES

logger = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m app.embedded env DATA_DIR -- CMD ARGS...`."""
    parser = argparse.ArgumentParser(
        prog="python -m app.embedded",
        description="Embedded PostgreSQL and Redis for development and tests.",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    env = actions.add_parser(
        "env",
        help="run CMD with DATABASE_URL and REDIS_URL set, starting embedded servers for those unset",
    )
    env.add_argument(
        "--profile",
        choices=PROFILES,
        default="durable",
        help="durable (default): fsync on, memory sized from the machine; "
        "throwaway: fast and unsafe, for test databases",
    )
    env.add_argument("data_dir", type=Path, help="where the servers keep their files")
    env.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    args = parser.parse_args(argv)
    command: list[str] = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("missing the command to run after --")

    logging.basicConfig(level=logging.INFO, format="embedded: %(message)s", stream=sys.stderr)
    try:
        return run_with_services(args.data_dir, command, profile=args.profile)
    except EmbeddedServerError as error:
        logger.error("%s", error)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
