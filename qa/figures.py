"""What a figure is and how it reads: a number with its unit ("585人",
"约900人", "三十余篇"), whether a number is a figure at all (not a year, a
date or a code), how it is written as an answer and whether its unit fits the
question's.
"""

from __future__ import annotations

import re

from .textnorm import CN_NUMERAL_CHARS, chinese_numeral_value

UNITS = ("万元", "亿元", "元", "起", "宗", "人", "年", "人次", "名", "人", "个百分点", "个", "次", "项", "篇", "件", "场次", "场",
         "期", "家", "条", "份", "批次", "批", "所", "户", "套", "枚", "部", "天", "对", "幅", "位",
         "支", "届", "余篇", "公里", "平方米", "小时", "倍", "%", "％", "吨", "本", "张", "首", "声",
         "棵", "株", "册", "台", "辆", "块", "间", "座", "处", "亩", "米", "千米", "万册", "课时", "学时", "门", "堂", "眼", "口", "盒", "箱", "组", "轮", "种")
UNIT_RX = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# A range is one figure: "在2-3年内" is 2-3年, not 3年.
# A Chinese numeral may hold 万/亿 inside it (一万二千四百余名); one of a single
# character stands before its unit, perhaps through 万 (三万余名).
_NUM_RX = (rf"\d+(?:\.\d+)?(?:[-~～—至到]\d+(?:\.\d+)?(?=(?:余|多)?(?:万|亿)?(?:{UNIT_RX})))?"
           rf"|[{CN_NUMERAL_CHARS}]+(?:[万亿][{CN_NUMERAL_CHARS}]+)+|[{CN_NUMERAL_CHARS}]{{2,}}"
           rf"|[{CN_NUMERAL_CHARS}](?=(?:余|多)?(?:万|亿)?(?:余|多)?(?:{UNIT_RX}))")
FIGURE = re.compile(
    rf"(?P<pre>约|近|超过|逾|达|共)?(?P<num>{_NUM_RX})(?P<q>余|多)?(?P<mag>万|亿)?(?P<q2>余|多)?(?P<unit>{UNIT_RX})?"
)
# Units that count people are interchangeable (多少人 / 多少名).
_PEOPLE = {"人", "名", "位"}


def figure_value_ok(m: re.Match, text: str) -> bool:
    """False for numbers that are years, dates, ordinals or codes, not figures."""
    num, unit = m.group("num"), m.group("unit")
    after = text[m.end(): m.end() + 1]
    before = text[max(0, m.start() - 1): m.start()]
    if before == "第" or after in ("年", "月", "日", "号", "號", "时", "届", "周", "岁", "期") and not unit:
        return False
    if re.fullmatch(r"(19|20)\d{2}(?:[-~～—至到](?:19|20)?\d{2})?", num) and (after == "年" or unit == "年"):
        return False
    if unit == "年" and m.group("q") is None and text[m.end(): m.end() + 1] in ("度", "底", "初"):
        return False
    if num[0] in CN_NUMERAL_CHARS and not unit:
        return False
    if num[0] in CN_NUMERAL_CHARS and chinese_numeral_value(num) is None:
        return False
    if not unit and len(num.replace(".", "")) >= 7:
        return False  # phone numbers, ids
    if not unit and not m.group("mag"):
        return False  # a bare number is rarely a reported figure
    return True


def format_figure(m: re.Match) -> str:
    """The figure as an answer: as written, with Chinese numerals also given in digits."""
    s = "".join(x for x in (m.group("pre"), m.group("num"), m.group("q"), m.group("mag"),
                            m.group("q2"), m.group("unit")) if x)
    num = m.group("num")
    if num[0] in CN_NUMERAL_CHARS:
        val = chinese_numeral_value(num)
        if val is not None:
            rest = "".join(x for x in (m.group("q"), m.group("mag"), m.group("q2"), m.group("unit")) if x)
            s = f"{s}（{val}{rest}）"
    return s


def unit_score(asked: str, unit: str | None) -> float:
    if not asked:
        return 0.0
    if not unit:
        return -2.0
    if asked == "元" and unit.endswith("元"):
        return 2.0
    if asked == "%" and unit in ("%", "％", "个百分点"):
        return 2.0
    if unit == asked or (unit in _PEOPLE and asked in _PEOPLE) or unit.endswith(asked) or asked.endswith(unit):
        return 2.0
    if asked == "米" and unit in ("米", "公里", "千米", "里"):
        return 2.0  # 多长: any unit of length
    if {unit, asked} in ({"场", "场次"}, {"批", "批次"}):
        return 2.0  # 几场 / 58场次
    if asked == "人次" and unit in ("人", "名"):
        return 1.0  # "浏览量20000多人(次)" for 多少人次: close, not the same
    # (the other way round, "接转党员关系423人次" counts transfers, not 党员)
    return -4.0


def figure_key(answer: str) -> str:
    """What tells figure answers apart: their digits, so "585人" and "共585人" are one figure."""
    return re.sub(r"\D", "", answer.split("（")[0]) or answer
