"""The voice catalog: the packaged default, a voices directory, and names never used as paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.engine import VoiceCatalog, VoiceConfig, VoiceNotFound
from voice.engine.voices import packaged_default_voice


def _add_voice(directory: Path, name: str, sample_rate: int = 16000) -> None:
    default = packaged_default_voice()
    assert default is not None
    (directory / f"{name}.onnx").symlink_to(default.model_path)
    config = json.loads(default.config_path.read_text())
    config["audio"]["sample_rate"] = sample_rate
    config["language"]["code"] = "en_GB"
    (directory / f"{name}.onnx.json").write_text(json.dumps(config))


def test_packaged_default_voice() -> None:
    catalog = VoiceCatalog.discover(None)
    voice = catalog.get(None)
    assert voice.name == "en_US-joe-medium" and voice.is_default
    assert voice.config.sample_rate_hz == 22050 and voice.config.espeak_voice == "en-us"
    assert catalog.get("") == voice


def test_voices_directory_is_listed(tmp_path: Path) -> None:
    _add_voice(tmp_path, "extra-voice")
    (tmp_path / "orphan.onnx").write_bytes(b"no config beside me")
    (tmp_path / "broken.onnx").write_bytes(b"x")
    (tmp_path / "broken.onnx.json").write_text("{not json")
    catalog = VoiceCatalog.discover(tmp_path)
    assert catalog.names() == ["en_US-joe-medium", "extra-voice"]
    extra = catalog.get("extra-voice")
    assert extra.config.sample_rate_hz == 16000 and not extra.is_default


def test_default_can_be_another_voice(tmp_path: Path) -> None:
    _add_voice(tmp_path, "extra-voice")
    catalog = VoiceCatalog.discover(tmp_path, default="extra-voice")
    assert catalog.get(None).name == "extra-voice"
    assert catalog.names()[0] == "extra-voice"


@pytest.mark.parametrize("name", ["../etc/passwd", "/etc/passwd", "en_US-joe-medium.onnx", "EN_US-JOE-MEDIUM"])
def test_unknown_names_are_not_found(tmp_path: Path, name: str) -> None:
    catalog = VoiceCatalog.discover(tmp_path)
    with pytest.raises(VoiceNotFound, match="available voices: en_US-joe-medium"):
        catalog.get(name)


def test_config_errors_are_named() -> None:
    with pytest.raises(ValueError, match="not a Piper voice config"):
        VoiceConfig.from_json({"phoneme_id_map": {}})
    with pytest.raises(ValueError, match="phoneme_type"):
        VoiceConfig.from_json({"audio": {"sample_rate": 1}, "phoneme_type": "pinyin", "phoneme_id_map": {}})
