"""Print the OpenAPI document: `python -m app.openapi_dump > openapi/openapi.json`."""

import json
import sys

from app.main import create_app


def main() -> None:
    spec = create_app().openapi()
    sys.stdout.write(json.dumps(spec, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


if __name__ == "__main__":
    main()
