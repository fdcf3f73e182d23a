"""The fonts of the page and its charts, per language: system fonts only, so nothing is fetched.

A character that Chinese and Japanese share (Han) takes the form of the first font that has it,
so a Japanese page names its Japanese fonts first; every other language starts with the
interface's own fonts, which cover Latin and Cyrillic, and falls back to the CJK fonts for a
Japanese name in the data.
"""

from __future__ import annotations

#: The interface's fonts, then fonts with Japanese glyphs, then the browser's default.
FONT_STACK = (
    'system-ui, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP", '
    '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif'
)

#: A language's own fonts, named before the others on a page in that language.
LANGUAGE_FONTS = {
    "ja": (
        '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
        '"Yu Gothic", Meiryo'
    ),
}


def font_stack(language: str) -> str:
    """The CSS font-family list for text in `language` (`en`, `ja`, `ru`, …)."""
    own = LANGUAGE_FONTS.get(language)
    if own is None:
        return FONT_STACK
    names = [name.strip() for name in own.split(",")]
    rest = [name.strip() for name in FONT_STACK.split(",") if name.strip() not in names]
    return ", ".join([*names, *rest])
