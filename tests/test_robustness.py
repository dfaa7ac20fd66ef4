"""Bad input never breaks the answerer: it answers, refuses, or says what is wrong."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.textnorm import normalize
from qa.types import Answer

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _well_formed(ans: Answer, question: str) -> None:
    assert isinstance(ans, Answer)
    assert isinstance(ans.reply, str) and ans.reply.strip(), "every answer has a reply for the user"
    assert ans.answer is None or (isinstance(ans.answer, str) and ans.answer.strip())
    if ans.answer is not None:
        assert ans.citations, "an answer always cites its passage"
        quote = normalize(ans.citations[0].quote)
        for figure in _DIGITS.findall(normalize(ans.answer)):
            # every figure of the answer stands in its cited quote (Chinese numerals are glossed)
            assert figure in quote or figure in normalize(ans.answer).split("（")[0] or figure in question
    for c in ans.citations:
        assert c.quote and c.quote in c.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_strings_never_raise(service, text):
    _well_formed(service.ask(text), text)


_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_mixed = st.one_of(_cjk, st.sampled_from(list("0123456789年月日多少几个名人在哪？?，。 \t\n的了")),
                   st.characters(blacklist_categories=("Cs",)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(_mixed, min_size=1, max_size=60), st.lists(st.text(_mixed, max_size=40), max_size=3))
def test_question_like_strings_and_histories_never_raise(service, text, history):
    _well_formed(service.ask(text, history=history), text)


@pytest.mark.parametrize("question, expect", [
    ("", "请输入"),
    ("   \n\t  ", "请输入"),
    ("发" * 10_000, "太长"),
    ("\x00\x01\x02\x1b[31m", "请输入"),
])
def test_bad_input_gets_a_clear_message(service, question, expect):
    ans = service.ask(question)
    assert ans.answer is None and expect in ans.reply


@pytest.mark.parametrize("question", [
    "2011年中山市直属机关发展了多少名党员？😀😀",
    "How many party members did Zhongshan develop in 2011?",
    "２０１１年中山市直屬機關發展了多少名黨員？",  # full-width digits, traditional characters
    "2011年中山市直属机关\x07发展了多少名\x1f党员？",  # control characters inside
])
def test_noisy_but_meaningful_questions(service, question):
    ans = service.ask(question)
    _well_formed(ans, question)
    if not question.startswith("How"):
        assert ans.answer and "585" in ans.answer


def test_english_question_is_refused_not_guessed(service):
    ans = service.ask("What is the GDP of Guangzhou?")
    assert ans.answer is None
