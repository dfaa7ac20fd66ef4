"""Dates as the reports write them (6月13日至14日, 上旬, 2011年), holidays and
seasons that answer a "when", and the question words that say which is wanted.
"""

from __future__ import annotations

import re

# A saved page's dateline: "发布时间：2018-07-12", "日期: 2018年7月12日" (half-width text).
DATELINE = re.compile(r"(?:发布|發佈|發布|更新)?(?:时间|時間|日期)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*\d{1,2}")

# A day written in Chinese numerals, as on a formal notice: 二〇一九年九月十二日.
_CN_DAY = r"(?:三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日"
_CN_DATE = (r"(?:[一二][〇零一二三四五六七八九]{3}年)?(?:十[一二]?|[一二三四五六七八九])月" + _CN_DAY
            + r"(?:(?:至|到|-|—)" + _CN_DAY + ")?")
DATE = re.compile(
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬|初|中|底|末)?"
    r"(?:(?:至|-|—|到)(?:\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬|初|底|末)?|\d{1,2}日))?"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|" + _CN_DATE
)
# Holidays and seasons answer a "when" that does not ask for a day: 在元旦、春节“两节”期间.
_FESTIVAL = r"“?(?:元旦|春节|新春|国庆|中秋|清明|端午|五一|七一|八一|十一|两节|双节|春运|汛期|暑期|暑假|寒假)”?"
HOLIDAY = re.compile(rf"{_FESTIVAL}(?:[、和及]?{_FESTIVAL})*(?:前后|期间|前夕|假期|之际)?")
# A "when" that does not ask for a day may be answered by a date or a holiday.
# A span of years or a part of one ("2016年底至2017年", "2018年上半年"); a bare "2011年"
# stands before most sentences of a report and dates none of them.
YEAR_SPAN = re.compile(r"(?:19|20)\d{2}年(?:(?:底|初|末|上半年|下半年)(?:(?:至|到|-|—)(?:(?:19|20)\d{2}年)(?:底|初|末)?)?"
                       r"|(?:至|到|-|—)(?:19|20)\d{2}年(?:底|初|末)?)")
DATE_OR_HOLIDAY = re.compile(f"{DATE.pattern}|{HOLIDAY.pattern}|{YEAR_SPAN.pattern}")
# A question for a span: "从哪天到哪天", "起止时间", "哪几天".
RANGE_Q = re.compile(r"(?:哪天|哪一天)[办开搞举]?(?:到|至)|起止|哪几天|持续|(?:开始|开班|开幕)[、,，]?又?(?:(?:到|至)?(?:哪一?天|什么时候|何时)(?:结束|结业|闭幕)|[办开搞举]?(?:到|至)(?:哪一?天|什么时候|何时))")
DAY_Q = re.compile(r"几月|几日|几号|哪天|哪一天|哪几天|日期|哪个月")
# A question about the report itself: "这篇工作总结写的是哪一年的工作", "这份报告是哪年的".
REPORT_YEAR_Q = re.compile(r"(这篇|这份|该|本|此)(工作)?(报告|总结|年鉴|材料|文章|综述|汇报)")
YEAR_ONLY = re.compile(r"(?:19|20)\d{2}年")
# A question for a year: "哪一年", "何年".
YEAR_Q = re.compile(r"哪一年|哪年|何年")
