"""Text normalisation for search: simplified characters, half-width digits.

Everything here keeps the length of the text unchanged, character for
character, so that a span found in the normalised form is the same span in
the original text (which is what we display and quote).
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")

# Chinese numerals -> value, for figures written like 一百二十六名.
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def _halfwidth_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        return chr(code - 0xFEE0)
    if code == 0x3000:  # ideographic space
        return " "
    return ch


def to_halfwidth(text: str) -> str:
    return "".join(_halfwidth_char(c) for c in text)


@lru_cache(maxsize=4096)
def _t2s_char(ch: str) -> str:
    out = _T2S.convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional -> simplified, guaranteed to keep the length."""
    out = _T2S.convert(text)
    if len(out) == len(text):
        return out
    # Phrase-level conversion changed the length somewhere: fall back to
    # character-by-character so offsets still line up.
    return "".join(_t2s_char(c) for c in text)


def normalize(text: str) -> str:
    """The search form of a text: half-width, simplified, same length."""
    return to_simplified(to_halfwidth(text))


def compact(text: str) -> str:
    """Normalised text without any whitespace: for comparing spans."""
    return re.sub(r"\s+", "", normalize(text))


def chinese_numeral_value(s: str) -> int | None:
    """Value of a Chinese numeral such as 一百二十六, 三千零五, 十二; None if not one."""
    if not s or any(c not in _CN_DIGITS and c not in _CN_UNITS and c not in _CN_BIG for c in s):
        return None
    total, section, digit = 0, 0, None
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * _CN_BIG[c]
            section, digit = 0, None
    section += digit or 0
    return total + section


YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def years_in(text: str) -> list[int]:
    """Years written as 2011年 in a (normalised) text, in order of appearance."""
    return [int(y) for y in YEAR_RE.findall(to_halfwidth(text))]
