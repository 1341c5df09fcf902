"""The import layers of app/ (pyproject.toml, `make lint`): the tree keeps them, and an
upward import or a cycle between sibling domains breaks them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of app/ and pyproject.toml to break on purpose."""
    copy = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


class TestLayers:
    def test_the_tree_keeps_its_layers(self) -> None:
        result = _lint(ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "1 kept, 0 broken" in result.stdout

    def test_an_upward_import_fails(self, tree: Path) -> None:
        module = tree / "app" / "customers" / "upward.py"
        module.write_text("from app.vouchers import service  # noqa: F401\n")
        try:
            result = _lint(tree)
        finally:
            module.unlink()
        assert result.returncode != 0
        assert "app.customers.upward -> app.vouchers.service" in result.stdout

    def test_an_import_between_independent_siblings_fails(self, tree: Path) -> None:
        # tags and custom_fields share a layer as independent siblings: one importing the
        # other (the first half of a cycle) is refused like an upward import.
        module = tree / "app" / "tags" / "sideways.py"
        module.write_text("from app.custom_fields import service  # noqa: F401\n")
        try:
            result = _lint(tree)
        finally:
            module.unlink()
        assert result.returncode != 0
        assert "app.tags.sideways -> app.custom_fields.service" in result.stdout

    def test_a_package_outside_the_layers_fails(self, tree: Path) -> None:
        package = tree / "app" / "newdomain"
        package.mkdir()
        (package / "__init__.py").write_text("")
        try:
            result = _lint(tree)
        finally:
            shutil.rmtree(package)
        assert result.returncode != 0
        assert "app.newdomain" in result.stdout
