"""Which localities a text talks about, from a gazetteer of Chinese places.

Used on both sides: to label a report with the place it reports on, and to
read the place a question asks about. Names are matched on normalised
(simplified) text.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba.posseg as pseg

from .tokenize_zh import init_dictionary

GAZETTEER = Path(__file__).parent / "data" / "gazetteer.tsv"

# A short name followed by one of these is a street, landmark or person, not the
# locality (中山路, 中山纪念堂, 中山大学 exist in most Chinese cities).
_NOT_A_PLACE_AFTER = re.compile(r"^(路|大道|街|纪念堂|纪念馆|公园|装|大学|广场|舰|陵|先生|故居)")
_NOT_A_PLACE_BEFORE = ("孙",)

# Kinds of organisation a work committee serves, as written in reports.
ORG_PATTERNS: dict[str, re.Pattern] = {
    "省直机关": re.compile(r"省直|省委直属机关|省直属机关"),
    "区直机关": re.compile(r"区直|自治区直属|自治区直属机关"),
    "市直机关": re.compile(r"市直|市级机关"),  # (镇江 calls its committee 市级机关工委)
    "县直机关": re.compile(r"县直"),
}


@dataclass(frozen=True)
class Place:
    name: str  # full official name, e.g. 中山市
    short: str  # e.g. 中山
    level: str  # province | city
    province: str  # full name of the province (itself for a province)
    aliases: tuple[str, ...] = ()

    @property
    def is_autonomous_region(self) -> bool:
        return self.level == "province" and self.name.endswith("自治区")


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.places = places
        self.by_name = {p.name: p for p in places}
        forms: list[tuple[str, Place, bool]] = []  # (surface form, place, is_short)
        for p in places:
            forms.append((p.name, p, False))
            if p.short and p.short != p.name and len(p.short) >= 2:
                forms.append((p.short, p, True))
            for a in p.aliases:
                forms.append((a, p, False))
        # Longest first so 中山市 is consumed before 中山.
        forms.sort(key=lambda f: -len(f[0]))
        self._forms = forms
        self._re = re.compile("|".join(re.escape(f) for f, _, _ in forms))
        self._form_map = {}
        for f, p, is_short in forms:
            self._form_map.setdefault(f, (p, is_short))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Gazetteer":
        return cls.load(GAZETTEER)

    @classmethod
    def load(cls, path: Path) -> "Gazetteer":
        places = []
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(",") if a.strip())
                places.append(Place(row["name"].strip(), row["short"].strip(), row["level"].strip(),
                                    row["province"].strip(), aliases))
        return cls(places)

    def mentions(self, text: str) -> Counter:
        """How often each place is named in ``text`` (normalised Chinese)."""
        counts: Counter = Counter()
        for m in self._re.finditer(text):
            place, is_short = self._form_map[m.group(0)]
            if is_short:
                after = text[m.end(): m.end() + 3]
                before = text[max(0, m.start() - 1): m.start()]
                if _NOT_A_PLACE_AFTER.match(after) or before in _NOT_A_PLACE_BEFORE:
                    continue
            counts[place.name] += 1
        return counts

    def province_of(self, name: str) -> str:
        p = self.by_name.get(name)
        return p.province if p else name

    def get(self, name: str) -> Place | None:
        return self.by_name.get(name)


def detect_org(text: str) -> str:
    """The kind of organisation a report is about (市直机关 ...), or ''."""
    counts = {org: len(rx.findall(text)) for org, rx in ORG_PATTERNS.items()}
    # 自治区直属 also matches 区直; prefer the autonomous-region reading.
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else ""


# Counties are not in the gazetteer: a county committee names itself ("永春县直机关",
# "永春县委"), and that is where its name is read from.
_COUNTY = re.compile(r"([\u4e00-\u9fff]{2})县(?=直|委|人民|机关|党)")
# Two counties' committees named together: "浦江县、武义县直机关工委".
_COUNTY_PAIR = re.compile(r"([\u4e00-\u9fff]{2})县[、和与]([\u4e00-\u9fff]{2})县(?=直|委)")
_NOT_COUNTY = re.compile(r"[年市省区在的和与及各全本该两]")


def county_mentions(text: str) -> Counter:
    """Counties a text names as a committee's own ("永春县直机关" -> 永春县)."""
    return Counter(m.group(1) + "县" for m in _COUNTY.finditer(text) if not _NOT_COUNTY.search(m.group(1)))


# A county-level city is not in the gazetteer either (汨罗市 is under 岳阳市): its
# committee names itself ("汨罗市直机关"), and the tagger's dictionary knows it as a place.
_COUNTY_CITY = re.compile(r"([\u4e00-\u9fff]{2,3})市(?=直|委|级机关)")


_CITY_KINDS = {"县级", "地级", "大城", "副省级", "省辖", "直辖", "中心城", "小城"}


def county_city_mentions(text: str, gaz: Gazetteer | None = None) -> Counter:
    """County-level cities a text names as a committee's own ("汨罗市直机关" -> 汨罗市),
    each with how often the text names it."""
    gaz = gaz or Gazetteer.default()
    init_dictionary()
    tags = pseg.dt.word_tag_tab
    found = Counter()
    for m in _COUNTY_CITY.finditer(text):
        for name in (m.group(1), m.group(1)[1:]):  # (张家港市, or 汨罗市 after a stray character)
            city = name + "市"
            # (the dictionary tags some of them plain nouns: 句容市)
            if len(name) >= 2 and tags.get(city) in ("ns", "n") and not _NOT_COUNTY.search(name) \
                    and name not in _CITY_KINDS \
                    and not gaz.get(city) and not gaz.mentions(city):
                found[city] = text.count(name)
                break
    return found


def detect_places(text: str, org: str, gaz: Gazetteer | None = None) -> list[str]:
    """The place(s) a report is about: the locality its committee serves.
    A county report gives the county first, then its city when the text names it."""
    gaz = gaz or Gazetteer.default()
    counts = gaz.mentions(text)
    if org == "县直机关":
        counties = county_mentions(text)
        if counties:
            named = [counties.most_common(1)[0][0]]
            # A report on two counties' committees ("浦江县、武义县直机关工委联合…") is about both.
            pair = _COUNTY_PAIR.search(text)
            if pair and not _NOT_COUNTY.search(pair.group(1) + pair.group(2)):
                named = list(dict.fromkeys([pair.group(1) + "县", pair.group(2) + "县"]))
            cities = [n for n, _ in counts.most_common() if gaz.get(n) and gaz.get(n).level == "city"]
            return named + cities[:1]
    if org == "市直机关":
        own = county_city_mentions(text, gaz).most_common(1)
        if own and own[0][1] > max((c for n, c in counts.items() if gaz.get(n) and gaz.get(n).level == "city"), default=0):
            return [own[0][0]]  # (not its city too: a question on 岳阳市直机关 is not about 汨罗's)
    if not counts:
        return []
    # A city also counts, more weakly, for its province: a report that names
    # 南宁, 贵港 and 百色 is about Guangxi even if it never writes 广西.
    province_score: Counter = Counter()
    for name, n in counts.items():
        p = gaz.get(name)
        if p is None:
            continue
        if p.level == "province":
            province_score[name] += 2 * n
        else:
            province_score[p.province] += n
    city_score = Counter({n: c for n, c in counts.items() if (gaz.get(n) and gaz.get(n).level == "city")})

    if org == "市直机关" and city_score:
        return [city_score.most_common(1)[0][0]]
    if org == "区直机关" and province_score:
        regions = [(n, s) for n, s in province_score.most_common() if gaz.get(n) and gaz.get(n).is_autonomous_region]
        if regions:
            return [regions[0][0]]
    if province_score and org in ("省直机关", "区直机关"):
        return [province_score.most_common(1)[0][0]]
    best = counts.most_common(1)[0][0]
    return [best]


def place_label(places: list[str], org: str, gaz: Gazetteer | None = None) -> str:
    """A human label such as 中山市直机关 / 海南省直机关 / 广西区直机关."""
    gaz = gaz or Gazetteer.default()
    if not places:
        return org or "未知地区"
    if not org:
        return places[0]
    return f"{short_name(places[0], org, gaz)}{org}"


def short_name(place: str, org: str, gaz: Gazetteer | None = None) -> str:
    """How a place is written before its kind of committee: the gazetteer's short
    name (中山), or a county or county-level city without the 县/市 its committee
    repeats (永春县 + 县直机关 -> 永春, 汨罗市 + 市直机关 -> 汨罗)."""
    gaz = gaz or Gazetteer.default()
    p = gaz.get(place)
    if p is not None:
        return p.short
    return place[:-1] if place[-1:] in ("县", "市") and org.startswith(place[-1]) else place
