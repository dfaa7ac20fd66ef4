"""Metadata read from a report's own text: title, year(s), place, organisation."""

from __future__ import annotations

import re
from collections import Counter

from .dates_in_text import DATELINE
from .places import Gazetteer, detect_org, detect_places
from .textnorm import normalize, to_halfwidth

_TITLE_WORDS = re.compile(r"工作|综述|汇报|匯報|报告|報告|总结|總結|机关|機關|党建|黨建|工委|概况|年鉴|年鑑")
_TITLE_YEAR = re.compile(r"[(（]\s*((?:19|20)\d{2})\s*[)）]|((?:19|20)\d{2})\s*年")
# Years that start a range ("2017年以来") are context, not the year reported on.
_RANGE_AFTER = re.compile(r"^\s*(以来|至今|起|开始|至|到|—|-)")
_YEAR_IN_BODY = re.compile(r"((?:19|20)\d{2})\s*年")


_TITLE_STRONG = re.compile(r"工作|综述|總結|总结|汇报|匯報|报告|報告|概况|概況|纪实|紀實")
_NOT_TITLE = re.compile(r"(网|網|网站|網站|中心|平台|门户|首页)$|[|｜]|首页|首頁")


def _banner_like(s: str) -> bool:
    return len(s) < 20 and not _TITLE_STRONG.search(s) or bool(_NOT_TITLE.search(s))


def detect_title(lines: list[str]) -> tuple[str, int]:
    """(title, index of the title line) of a cleaned report.

    The title is the first line, unless the lines above it are site banners
    (赣鄱党建资讯网, 政讯通中心): those are skipped, scoring each candidate so
    that a banner sharing words with a title loses to the real one."""
    best, best_i, best_score = "", 0, -99
    for i, line in enumerate(lines[:12]):
        s = line.strip()
        if not s:
            continue
        score = (2 * bool(_TITLE_YEAR.search(to_halfwidth(s))) + 2 * bool(_TITLE_STRONG.search(s))
                 + bool(_TITLE_WORDS.search(s)) - 4 * bool(_NOT_TITLE.search(s))
                 - 4 * (not 4 <= len(s) <= 90 or s.endswith(("。", "；", ";"))))
        if score > best_score:
            best, best_i, best_score = s[:90], i, score
        if not _banner_like(s):
            break  # real content: the title can't be further down
    return best, best_i


# A review of several years: "2016—2018年…工作回顾", "2016年至2018年".
_TITLE_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:—|–|-|－|～|~|至|到)\s*((?:19|20)\d{2})\s*年")


def detect_years(title: str, body: str) -> list[int]:
    """The year(s) a report is about; [] when the text does not say (e.g. only 今年)."""
    title_h = to_halfwidth(title)
    span = _TITLE_SPAN.search(title_h)
    if span and 0 < int(span.group(2)) - int(span.group(1)) <= 10:
        return list(range(int(span.group(1)), int(span.group(2)) + 1))
    ys = [int(a or b) for a, b in _TITLE_YEAR.findall(title_h)]
    if ys:
        return sorted(set(ys))
    body_h = to_halfwidth(body)
    found = [m for m in _YEAR_IN_BODY.finditer(body_h)
             if not _RANGE_AFTER.match(body_h[m.end(): m.end() + 3])]
    if not found:
        return []
    # A yearbook entry opens with its year: "【概况】 2009年,市直机关..."
    if found[0].start() < 150:
        return [int(found[0].group(1))]
    counts = Counter(int(m.group(1)) for m in found)
    year, n = counts.most_common(1)[0]
    relative = body_h.count("今年") + body_h.count("本年")
    # One dominant year (an annual review) -- unless the text dates itself
    # relatively ("今年") more often than by that year: then we don't know.
    if n >= 2 and n >= 0.5 * len(found) and n > relative:
        return [year]
    return []


def publication_year(furniture: list[str]) -> int | None:
    """The year of a page's dateline among its boilerplate lines, or None."""
    for line in furniture:
        m = DATELINE.search(to_halfwidth(line))
        if m:
            return int(m.group(1))
    return None


def describe(text: str, gaz: Gazetteer | None = None, furniture: list[str] | None = None) -> dict:
    """Title, years, places and organisation for a cleaned report text.

    ``furniture`` are the boilerplate lines cleaning removed (not the page tail,
    whose related links name other reports' years)."""
    lines = text.split("\n")
    title, title_idx = detect_title(lines)
    body = "\n".join(lines[title_idx:])
    norm = normalize(body)
    org = detect_org(norm)
    places = detect_places(norm, org, gaz)
    years = detect_years(title, body)
    return {
        "title": title,
        "title_line": title_idx,
        "years": years,
        # Only a hint: a reposted page's dateline is the upload, not the report's year.
        "dated": None if years else publication_year(furniture or []),
        "org": org,
        "places": places,
    }
