"""Teaching content from `assets/content/`, loaded once into typed, validated objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from companion.domain.vocabulary import (
    ABC_ITEMS,
    CHILD_GROUPS,
    MOMENTS,
    AbcItem,
    ChildGroup,
    Moment,
)
from companion.i18n import LANGUAGES, current_language
from companion.resources import assets_dir, load_toml


class ContentError(ValueError):
    """The shipped content is incomplete: a packaging bug, caught by the tests."""


@dataclass(frozen=True, slots=True)
class AbcIngredient:
    """One ingredient of the ABC of Love as the deck tells it, in every language."""

    key: AbcItem
    number: int
    names: dict[str, str]
    shorts: dict[str, str]
    hints: dict[str, str]

    def name(self, lang: str | None = None) -> str:
        return self.names[lang or current_language()]

    def short(self, lang: str | None = None) -> str:
        return self.shorts[lang or current_language()]

    def hint(self, lang: str | None = None) -> str:
        return self.hints[lang or current_language()]


@cache
def abc_items() -> tuple[AbcIngredient, ...]:
    raw = load_toml("content/abc.toml")
    items = tuple(
        AbcIngredient(
            key=entry["key"],
            number=number,
            names={lang: entry[lang]["name"] for lang in LANGUAGES},
            shorts={lang: entry[lang]["short"] for lang in LANGUAGES},
            hints={lang: entry[lang]["hint"] for lang in LANGUAGES},
        )
        for number, entry in enumerate(raw["item"], start=1)
    )
    if tuple(item.key for item in items) != ABC_ITEMS:
        raise ContentError("abc.toml must list the seven ABC items in the deck's order")
    return items


@cache
def _labels(kind: str, keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    raw = load_toml("content/abc.toml")[kind]
    if set(raw) != set(keys):
        raise ContentError(f"abc.toml [{kind}] must name exactly {keys}")
    return {key: {lang: raw[key][lang] for lang in LANGUAGES} for key in keys}


def moment_name(moment: Moment, lang: str | None = None) -> str:
    return _labels("moment", MOMENTS)[moment][lang or current_language()]


def group_name(group: ChildGroup, lang: str | None = None) -> str:
    """The deck's term for the group, one label everywhere."""
    return _labels("group", CHILD_GROUPS)[group][lang or current_language()]


def learn_more(lang: str | None = None) -> str:
    """The 'Learn more' text (Markdown), offline."""
    path = assets_dir() / "content" / f"learn_more.{lang or current_language()}.md"
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    markdown: str


def learn_more_sections(lang: str | None = None) -> list[Section]:
    """The text cut at its `## ` headings; what precedes the first is the introduction."""
    sections: list[Section] = []
    title, lines = "", list[str]()
    for line in learn_more(lang).splitlines():
        if line.startswith("## "):
            sections.append(Section(title, "\n".join(lines).strip()))
            title, lines = line.removeprefix("## ").strip(), [line]
        elif line.startswith("# ") and not sections and not title:
            title, lines = line.removeprefix("# ").strip(), [line]
        else:
            lines.append(line)
    sections.append(Section(title, "\n".join(lines).strip()))
    return [section for section in sections if section.markdown]
