"""Configuration: defaults, then the environment, then the app's mapping; a data directory that cannot be
written is refused at start with a clear message (RELIABILITY 2.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.config import ConfigError, ensure_data_dir, load_config


def test_defaults_follow_xdg_and_put_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    config = load_config(environ={"XDG_DATA_HOME": str(tmp_path), "HOME": "/nonexistent"})
    assert config["SCREENING_DATA_DIR"] == tmp_path / "screening"
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'screening' / 'screening.db'}"
    assert config["MAX_UPLOAD_BYTES"] == 50 * 1024 * 1024
    assert config["MAX_JSON_BYTES"] < config["MAX_UPLOAD_BYTES"]
    assert config["SCREENING_TIMEZONE"] == "America/Mexico_City"


def test_home_is_used_without_xdg(tmp_path: Path) -> None:
    config = load_config(environ={"HOME": str(tmp_path)})
    assert config["SCREENING_DATA_DIR"] == tmp_path / ".local" / "share" / "screening"


def test_environment_then_mapping(tmp_path: Path) -> None:
    environ = {
        "SCREENING_DATA_DIR": str(tmp_path),
        "MAX_UPLOAD_BYTES": "1000",
        "DATABASE_URL": "postgresql://db/x",
    }
    config = load_config({"MAX_UPLOAD_BYTES": 2000}, environ=environ)
    assert (config["MAX_UPLOAD_BYTES"], config["DATABASE_URL"]) == (2000, "postgresql://db/x")


@pytest.mark.parametrize(
    ("key", "value", "accepted"),
    [
        ("MAX_UPLOAD_BYTES", "cincuenta", "a whole number"),
        ("PAGE_SIZE", "0", "above 0"),
        ("SCREENING_TIMEZONE", "CDMX", "IANA"),
    ],
)
def test_bad_settings_name_the_key_found_and_accepted(
    tmp_path: Path, key: str, value: str, accepted: str
) -> None:
    with pytest.raises(ConfigError, match=key) as caught:
        load_config(environ={"SCREENING_DATA_DIR": str(tmp_path), key: value})
    assert accepted in str(caught.value)


def test_a_data_dir_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match="SCREENING_DATA_DIR: cannot write"):
        ensure_data_dir(blocker / "data")


def test_the_app_refuses_to_start_on_an_unwritable_data_dir(tmp_path: Path) -> None:
    from screening import create_app

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="SCREENING_DATA_DIR"):
        create_app({"SCREENING_DATA_DIR": str(blocker / "data")})


def test_the_cli_says_so_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from screening.cli import main

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("SCREENING_DATA_DIR", str(blocker / "data"))
    result = CliRunner().invoke(main, ["positions"])
    assert result.exit_code == 2
    assert "SCREENING_DATA_DIR: cannot write" in result.stderr


def test_without_a_secret_key_every_app_on_a_data_dir_shares_one(tmp_path: Path) -> None:
    from screening import create_app

    first = create_app({"SCREENING_DATA_DIR": str(tmp_path)})
    second = create_app({"SCREENING_DATA_DIR": str(tmp_path)})
    assert first.secret_key == second.secret_key
    assert len(str(first.secret_key)) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_configured_secret_key_wins(tmp_path: Path) -> None:
    from screening import create_app

    assert create_app({"SCREENING_DATA_DIR": str(tmp_path), "SECRET_KEY": "k" * 40}).secret_key == "k" * 40
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("zone", ["America/Mexico_City", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_default_as_of_is_today_in_the_configured_zone(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from screening import services

    monkeypatch.setenv("SCREENING_TIMEZONE", zone)
    assert services.today() == datetime.now(ZoneInfo(zone)).date()


@pytest.mark.parametrize(("text", "secure"), [("0", False), ("false", False), ("1", True), ("True", True)])
def test_the_secure_cookie_flag_is_read_from_the_environment(tmp_path: Path, text: str, secure: bool) -> None:
    config = load_config(environ={"SCREENING_DATA_DIR": str(tmp_path), "SESSION_COOKIE_SECURE": text})
    assert config["SESSION_COOKIE_SECURE"] is secure


def test_a_secure_cookie_flag_that_is_not_yes_or_no_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SESSION_COOKIE_SECURE: found 'a veces'; accepted: true or false"):
        load_config(environ={"SCREENING_DATA_DIR": str(tmp_path), "SESSION_COOKIE_SECURE": "a veces"})


def test_retention_has_a_default_period_and_takes_a_whole_number_of_days(tmp_path: Path) -> None:
    assert load_config(environ={"SCREENING_DATA_DIR": str(tmp_path)})["RETENTION_DAYS"] == 1825
    config = load_config(environ={"SCREENING_DATA_DIR": str(tmp_path), "RETENTION_DAYS": "365"})
    assert config["RETENTION_DAYS"] == 365
