"""Follow-up questions in a chat, read in the context of the previous question.

"那2012年呢？"  after "2011年中山市直属机关发展了多少名党员？" -> "2012年中山市直属机关发展了多少名党员？"
"枣庄呢？"      -> "2011年枣庄市直属机关发展了多少名党员？"
"那发展对象呢？" -> "2011年中山市直属机关发展对象有多少？"
"""

from __future__ import annotations

import re

from .places import Gazetteer
from .query import QueryInfo, analyse

_ELLIPTIC = re.compile(r"^(那么?|还有|换成|如果是|再问一下)?(?P<body>.{1,16}?)(的情况|的)?(呢|怎么样|又如何|如何)?[？?。!！]*$")
_ASK_FOR = {"number": "有多少？", "date": "是什么时候？", "place": "在哪里？", "describe": "的情况如何？"}
_ORG_WORDS = re.compile(r"(市直属机关|市直机关|省直属机关|省直机关|区直属机关|区直机关|自治区直属机关)")


def _is_follow_up(q: QueryInfo) -> bool:
    n = q.norm
    if len(n) > 20 or not _ELLIPTIC.match(n):
        return False
    # It must lean on the previous question: ends in 呢 / starts with 那, or names only a year/place.
    leaning = n.rstrip("？?。!！").endswith("呢") or n.startswith("那")
    return leaning or not q.terms


def _swap_place(question: str, old: str, new: str, gaz: Gazetteer) -> str:
    old_p, new_p = gaz.get(old), gaz.get(new)
    if old_p is None or new_p is None:
        return question
    # A province's organs are 省直/区直, a city's 市直: swap the org word with the place.
    org = {"province": "区直属机关" if new_p.is_autonomous_region else "省直属机关",
           "city": "市直属机关"}[new_p.level]
    forms = "|".join(re.escape(f) for f in sorted({old_p.name, old_p.short} - {""}, key=len, reverse=True))
    rx = re.compile(rf"({forms})({_ORG_WORDS.pattern[1:-1]})?")

    def repl(m: re.Match) -> str:
        if m.group(2) and new_p.level != old_p.level:
            return new_p.short + org
        return (new_p.name if m.group(1) == old_p.name else new_p.short) + (m.group(2) or "")

    return rx.sub(repl, question, count=1)


def resolve_follow_up(question: str, history: list[str] | None, gaz: Gazetteer | None = None) -> str:
    """The question to answer, with what an elliptic follow-up leaves out filled in
    from the previous question; any other question is returned unchanged."""
    if not history:
        return question
    gaz = gaz or Gazetteer.default()
    q = analyse(question, gaz)
    if not _is_follow_up(q):
        return question
    prev_text = history[-1]
    prev = analyse(prev_text, gaz)
    if not (q.years or q.places or q.terms):
        return question
    if q.terms and not (q.years or q.places):
        # A new topic in the same scope: "那发展对象呢？"
        scope = "".join(f"{y}年" for y in prev.years)
        if prev.places:
            p = gaz.get(prev.places[0])
            scope += p.name if p else prev.places[0]
        m = _ORG_WORDS.search(prev.norm)
        scope += m.group(0)[1:] if m and scope.endswith(("市", "省", "区")) else (m.group(0) if m else "")
        body = _ELLIPTIC.match(q.norm).group("body")
        return f"{scope}{body}{_ASK_FOR[prev.kind]}"
    new = prev_text
    if q.years:
        if prev.years:
            new = re.sub(rf"{prev.years[0]}\s*年", f"{q.years[0]}年", new, count=1)
        else:
            new = f"{q.years[0]}年{new}"
    if q.places:
        if prev.places:
            new = _swap_place(new, prev.places[0], q.places[0], gaz)
        else:
            p = gaz.get(q.places[0])
            new = f"{p.short if p else q.places[0]}{new}"
    return new
