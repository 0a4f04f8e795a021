"""The journal's reflection prompts (`assets/content/prompts.toml`): shipped with the app,
read-only, checked when first read; her own prompts live in her data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from companion.content import ContentError
from companion.i18n import LANGUAGES
from companion.resources import load_toml


@dataclass(frozen=True, slots=True)
class Prompt:
    key: str
    texts: Mapping[str, str]  # by language; her own prompt has one text for every language
    own: bool = False

    def text_in(self, lang: str) -> str:
        return self.texts.get(lang) or next(iter(self.texts.values()), self.key)


@cache
def prompts() -> tuple[Prompt, ...]:
    """Every shipped prompt, the deck's seven first."""
    found = []
    for entry in load_toml("content/prompts.toml")["prompt"]:
        key = entry.get("key")
        if not isinstance(key, str) or not key.isascii() or not key.replace("_", "").isalnum():
            raise ContentError(f"prompts.toml: a prompt without a usable key ({key!r})")
        texts = {lang: entry.get(lang) for lang in LANGUAGES}
        if not all(isinstance(text, str) and text.strip() for text in texts.values()):
            raise ContentError(f"prompts.toml {key}: its text in every language")
        found.append(Prompt(key, {lang: str(text) for lang, text in texts.items()}))
    if len({prompt.key for prompt in found}) != len(found):
        raise ContentError("prompts.toml names a key twice")
    return tuple(found)
