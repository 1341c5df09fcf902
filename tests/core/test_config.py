"""The server secret: required in production, generated once and kept in development."""

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.config import SECRET_KEY_FILE, Settings

KEY = "k" * 40


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **overrides)  # type: ignore[call-arg]


class TestSecretKey:
    def test_production_without_key_refuses_to_start(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("KARTOTEKA_SECRET_KEY", raising=False)
        with pytest.raises(ValidationError, match="KARTOTEKA_SECRET_KEY is required in production"):
            _settings(tmp_path, environment="production")

    def test_short_key_is_refused_without_echoing_it(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as caught:
            _settings(tmp_path, secret_key="short-but-secret")
        assert "too short" in str(caught.value)
        assert "short-but-secret" not in str(caught.value)

    def test_production_uses_the_configured_key(self, tmp_path: Path) -> None:
        settings = _settings(tmp_path, environment="production", secret_key=KEY)
        assert settings.server_secret == KEY.encode()
        assert not (tmp_path / SECRET_KEY_FILE).exists()

    def test_key_is_read_from_the_environment(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("KARTOTEKA_SECRET_KEY", KEY)
        assert _settings(tmp_path, environment="production").server_secret == KEY.encode()

    def test_development_key_is_generated_private_and_kept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("KARTOTEKA_SECRET_KEY", raising=False)
        first = _settings(tmp_path / "data").server_secret
        key_file = tmp_path / "data" / SECRET_KEY_FILE
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert len(first) >= 32
        # A restarted process (a new settings object) signs with the same key.
        assert _settings(tmp_path / "data").server_secret == first
        assert _settings(tmp_path / "other").server_secret != first

    def test_derived_keys_differ_by_purpose_and_secret(self, tmp_path: Path) -> None:
        settings = _settings(tmp_path, secret_key=KEY)
        other = _settings(tmp_path, secret_key="x" * 40)
        assert settings.derived_key("cursor") != settings.derived_key("other")
        assert settings.derived_key("cursor") != other.derived_key("cursor")
        assert KEY.encode() not in settings.derived_key("cursor")
