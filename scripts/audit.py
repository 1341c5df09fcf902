"""`make audit`: known vulnerabilities in the locked Python and npm dependencies.

- Python: pip-audit over exactly what uv.lock pins (all extras, dev included), against PyPI's
  vulnerability data (`--vulnerability-service pypi`: no other service needs to be reachable).
  The partner SDK (clients/python, a path dependency of the dev group) is our own code and is
  left out of the export; its dependencies are in uv.lock and audited.
- Python, the client generator's own environment: clients/python-codegen/requirements.txt
  (hashed pins, not in uv.lock: openapi-python-client stays out of the app's dependencies).
- npm: `npm audit --audit-level=high` over frontend/package-lock.json and
  clients/typescript/package-lock.json, via the npm registry.
- Accepted advisories live in `audit-exceptions.toml`, each with a reason and an expiry date;
  an expired one is no longer honoured, so the advisory fails the audit again until re-decided.
- A tool whose advisory service cannot be reached is reported as SKIPPED (exit 0), loudly:
  an offline build machine must not fail for that, and nobody should read it as a pass.
"""

import datetime
import json
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCEPTIONS = ROOT / "audit-exceptions.toml"
UV = sys.argv[1] if len(sys.argv) > 1 else "uv"
FAILING_NPM = frozenset({"high", "critical"})


def accepted(section: str) -> set[str]:
    """The ids accepted in `section` that have not expired; expired ones are reported."""
    today = datetime.date.today()
    ids = set()
    for entry in tomllib.loads(EXCEPTIONS.read_text()).get(section, []):
        if not entry.get("reason") or not isinstance(entry.get("expires"), datetime.date):
            sys.exit(f"{EXCEPTIONS.name}: {entry.get('id')} needs a reason and an expiry date")
        if entry["expires"] < today:
            print(f"audit: {entry['id']} expired on {entry['expires']}: no longer accepted")
        else:
            ids.add(entry["id"])
    return ids


def reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, TimeoutError):
        return False


def audit_python() -> int:
    # pip-audit asks PyPI for each pinned version's JSON; probe one such page first.
    if not reachable("https://pypi.org/pypi/pip-audit/2.10.1/json"):
        print("audit: pip-audit SKIPPED: PyPI's per-version vulnerability data is not reachable")
        return 0
    requirements = subprocess.run(
        [UV, "export", "--frozen", "--all-extras", "--no-emit-project", "--format",
         "requirements-txt", "--no-emit-package", "kartoteka-client"],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout  # fmt: skip
    path = ROOT / ".audit-requirements.txt"
    path.write_text(requirements)
    try:
        return max(pip_audit(path), pip_audit(ROOT / "clients/python-codegen/requirements.txt"))
    finally:
        path.unlink(missing_ok=True)


def pip_audit(requirements: Path) -> int:
    print(f"audit: pip-audit {requirements.relative_to(ROOT)}")
    ignores = [arg for vuln in sorted(accepted("python")) for arg in ("--ignore-vuln", vuln)]
    return subprocess.run(
        [sys.executable, "-m", "pip_audit", "-r", str(requirements), "--require-hashes",
         "--disable-pip", "--vulnerability-service", "pypi", "--progress-spinner", "off",
         *ignores],
        cwd=ROOT,
    ).returncode  # fmt: skip


def audit_npm() -> int:
    return max(audit_npm_package(ROOT / "frontend"), audit_npm_package(ROOT / "clients/typescript"))


def audit_npm_package(package: Path) -> int:
    where = package.relative_to(ROOT)
    if not (package / "package-lock.json").is_file():
        print(f"audit: npm audit skipped: no {where}/package-lock.json")
        return 0
    run = subprocess.run(
        ["npm", "audit", "--json", "--package-lock-only"],
        capture_output=True, text=True, cwd=package,
    )  # fmt: skip
    try:
        report = json.loads(run.stdout or "{}")
    except json.JSONDecodeError:
        report = {"error": {"summary": run.stderr.strip()[:200]}}
    if "vulnerabilities" not in report:
        error = report.get("error") or {}
        summary = error.get("summary") or report.get("message") or "no answer"
        print(
            f"audit: npm audit of {where} SKIPPED: the registry's advisory service failed ({summary})"
        )
        return 0
    ok = accepted("npm")
    found = set()
    for name, vuln in report.get("vulnerabilities", {}).items():
        for via in vuln.get("via", []):
            # A string names another vulnerable package; its own entry carries the advisory.
            if isinstance(via, dict) and via.get("severity") in FAILING_NPM:
                advisory = str(via.get("url", "")).rsplit("/", 1)[-1]
                if advisory not in ok:
                    found.add(f"{name}: {advisory} ({via['severity']}) {via.get('title', '')}")
    for line in sorted(found):
        print(f"audit: npm {line}")
    print(f"audit: npm audit of {where}: {len(found)} high or critical advisories not accepted")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(max(audit_python(), audit_npm()))
