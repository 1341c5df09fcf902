"""Generate clients/python from openapi/openapi.json with the pinned openapi-python-client.

    clients/python-codegen/.venv/bin/python clients/python-codegen/generate.py [--check]

`make clients` builds the environment from requirements.txt and runs this; `--check`
(`make clients-check`) generates into a temporary directory and fails when the committed
client differs. Hand-written files (`HAND_WRITTEN`) are carried over untouched: everything else
under clients/python is the generator's and is replaced on every run.

The spec's operation ids are `<tag>:<function>`; the generator already files each operation
under its tag (`kartoteka_client.api.customers`), so the function part alone names the module
(`api.customers.create_customer`) and the tag is not repeated.
"""

import argparse
import difflib
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SPEC = ROOT / "openapi" / "openapi.json"
TARGET = ROOT / "clients" / "python"
HAND_WRITTEN = (
    "README.md",
    "kartoteka_client/webhooks.py",
    "kartoteka_client/problems.py",
)
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", ".venv"}


def partner_spec(spec: dict) -> dict:
    """The spec with each operation id reduced to its function part (unique within its tag)."""
    seen: dict[tuple[str, str], str] = {}
    for path, item in spec["paths"].items():
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            tag, _, name = operation["operationId"].rpartition(":")
            where = (tag, name)
            if where in seen:
                sys.exit(f"generate: {name} names two operations of {tag}: {seen[where]}, {path}")
            seen[where] = path
            operation["operationId"] = name
    # A model both sent and received whose two forms differ (money: a number or a string going
    # in, a string coming out) has two schemas, "Rules-Input" and "Rules-Output", with one
    # title; the generator names classes by title, so each gets its own ("RulesInput").
    for key, schema in spec.get("components", {}).get("schemas", {}).items():
        if key.endswith(("-Input", "-Output")):
            schema["title"] = key.replace("-", "")
    return spec


def generate(into: Path) -> None:
    """Run the generator into `into` (which must not exist) and copy the hand-written files in."""
    with tempfile.TemporaryDirectory() as work:
        spec_path = Path(work) / "openapi.json"
        spec_path.write_text(json.dumps(partner_spec(json.loads(SPEC.read_text()))))
        # The post hooks (ruff) are looked up on PATH: this environment's, pinned beside us.
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        }
        run = subprocess.run(
            [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec_path),
             "--config", str(HERE / "config.yaml"), "--meta", "uv", "--output-path", str(into),
             "--fail-on-warning"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if run.returncode != 0:
            sys.exit(f"generate: openapi-python-client failed\n{run.stdout}\n{run.stderr}")
    for name in HAND_WRITTEN:
        source = TARGET / name
        if source.exists():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ, or exist on one side only, between two trees (caches ignored)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only:
            if name not in IGNORED:
                found.append(
                    f"{prefix}{name}: only in {'clients/python' if name in cmp.left_only else 'the generated client'}"
                )
        for name in cmp.diff_files:
            found.append(f"{prefix}{name}: differs")
            a = (Path(cmp.left) / name).read_text().splitlines()
            b = (Path(cmp.right) / name).read_text().splitlines()
            found.extend(
                list(difflib.unified_diff(a, b, "committed", "generated", lineterm=""))[:40]
            )
        for name, sub in cmp.subdirs.items():
            if name not in IGNORED:
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=list(IGNORED)), "")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when clients/python is stale")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        fresh = Path(work) / "python"
        generate(fresh)
        if args.check:
            stale = differences(TARGET, fresh) if TARGET.exists() else ["clients/python is missing"]
            if stale:
                print("\n".join(stale))
                sys.exit("clients/python is out of date: run 'make clients' and commit the result.")
            print("clients/python is up to date")
            return
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
        print(f"clients/python regenerated from {SPEC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
