"""Answers over the real index of the bundled corpus: exact figures with
citations that contain them, refusals that say what the corpus covers,
robustness to bad input, and follow-up questions."""

from __future__ import annotations

import re
import time

import pytest

from conftest import REPO, REPORTS
from qa.evaluation import load_questions
from qa.query import analyse
from qa.textnorm import CN_NUMERAL_CHARS, chinese_numeral_value, compact, normalize

_NUM = re.compile(r"\d+(?:\.\d+)?")
# "五个（5个）": a figure written in Chinese numerals, glossed in digits.
_GLOSS = re.compile(rf"(?P<cn>[{CN_NUMERAL_CHARS}万亿]+)(?P<rest>[^（）()]*)[（(](?P<num>\d+(?:\.\d+)?)(?P<rest2>[^（）()]*)[）)]")

EVAL_QUESTIONS = load_questions(REPO / "eval" / "questions.jsonl")


def _numbers(s: str) -> list[str]:
    return _NUM.findall(normalize(s))


def _strip_glosses(answer: str, quote: str) -> str:
    """The answer with each digit gloss of a Chinese numeral removed, provided the
    gloss has the numeral's value and the numeral is in the quote."""
    a, q = normalize(answer), normalize(quote)

    def drop(m: re.Match) -> str:
        if m["rest"] == m["rest2"] and m["cn"] in q and chinese_numeral_value(m["cn"]) == float(m["num"]):
            return m["cn"] + m["rest"]
        return m.group(0)

    return _GLOSS.sub(drop, a)


def _check_cited_figure(ans, figure: str, source: str, corpus_docs):
    assert ans.answer is not None, ans.reply
    assert _numbers(ans.answer) == [figure], ans.answer
    assert ans.citations, "an answer always cites its passage"
    c = ans.citations[0]
    assert c.n == 1 and "[1]" in ans.reply and ans.answer in ans.reply
    assert c.source == source
    assert figure in _numbers(c.text)
    assert figure in _numbers(c.quote)
    assert c.quote in c.text and c.text[c.quote_start:c.quote_end] == c.quote
    # The cited passage is the report's own text, in its original characters.
    assert c.text in corpus_docs[source].text
    return c


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(
    "question, figure, report",
    [
        ("2011年中山市直属机关发展了多少名党员？", "585", "000"),
        ("2011年中山市直属机关新入党的有多少人？", "585", "000"),  # synonym of 发展党员
        ("广西区直机关有多少个基层党组织？", "5653", "003"),  # traditional report
        ("2020年海南省直机关火线入党多少人？", "129", "004"),
        ("2009年枣庄市直机关羽毛球赛、乒乓球赛等体育赛事共有多少名运动员参加？", "530", "001"),  # hard-wrapped
        ("今年1-9月份中山市共立案查处了多少人？", "448", "002"),  # report without a year
    ],
    ids=["585", "585-synonym", "5653-traditional", "129", "530-hard-wrapped", "448-no-year"],
)
def test_figure_questions_are_answered_with_a_citation(service, corpus_docs, question, figure, report):
    ans = service.ask(question)
    _check_cited_figure(ans, figure, REPORTS[report], corpus_docs)
    assert ans.kind == "number"


def test_traditional_report_is_cited_in_traditional_characters(service, corpus_docs):
    ans = service.ask("广西区直机关有多少个基层党组织？")
    c = _check_cited_figure(ans, "5653", REPORTS["003"], corpus_docs)
    assert "基層黨組織5653個" in c.text and "基層黨組織5653個" in c.quote
    assert normalize(c.text) != c.text  # not converted for display
    assert "黨" in c.title


def test_neighbouring_figures_of_one_sentence_are_told_apart(service, corpus_docs):
    """"确定396名入党积极分子为发展对象,确定入党积极分子1015人": two figures, one sentence."""
    targets = service.ask("2011年中山市直属机关确定多少名发展对象？")
    activists = service.ask("2011年中山市直属机关确定入党积极分子多少人？")
    c1 = _check_cited_figure(targets, "396", REPORTS["000"], corpus_docs)
    c2 = _check_cited_figure(activists, "1015", REPORTS["000"], corpus_docs)
    # Both come from the same sentence, which holds both figures.
    for c in (c1, c2):
        assert {"396", "1015"} <= set(_numbers(c.quote))
    assert "1015" not in targets.answer and "396" not in activists.answer


# ---------------------------------------------------------------- refusals


def _assert_names_coverage(reply: str, service):
    for d in service.index.manifest["documents"]:
        assert d["label"] in reply, d["label"]
        for y in d["years"]:
            assert f"{y}年" in reply


@pytest.mark.parametrize(
    "question",
    [
        "2013年中山市直属机关发展了多少名党员？",
        "2015年中山市直属机关办理预备党员转正多少人？",  # 2015 occurs in the yearless 002, not as its year
        "2019年海南省直机关火线入党多少人？",
        "2010年枣庄市直机关发展了多少名新党员？",
    ],
    ids=["2013-zhongshan", "2015-zhongshan", "2019-hainan", "2010-zaozhuang"],
)
def test_year_not_in_corpus_is_refused_naming_the_coverage(service, question):
    ans = service.ask(question)
    assert ans.answer is None and ans.refused and ans.citations == []
    _assert_names_coverage(ans.reply, service)


@pytest.mark.parametrize(
    "question, named",
    [
        ("深圳市直机关发展了多少名党员？", "深圳"),
        ("2011年深圳市直属机关发展了多少名党员？", "深圳"),
        ("北京市直机关有多少个基层党组织？", "北京"),
        ("云南省直机关火线入党多少人？", "云南"),
    ],
    ids=["shenzhen", "2011-shenzhen", "beijing", "yunnan"],
)
def test_place_not_in_corpus_is_refused(service, question, named):
    ans = service.ask(question)
    assert ans.answer is None and ans.citations == []
    assert named in ans.reply
    _assert_names_coverage(ans.reply, service)


@pytest.mark.parametrize(
    "question",
    ["上证指数今天收盘多少点？", "茅台股价是多少？", "如何做红烧肉？", "谁是美国总统？", "今天海口天气怎么样？"],
    ids=["stock-index", "stock-price", "recipe", "president", "weather"],
)
def test_off_topic_questions_are_refused(service, question):
    ans = service.ask(question)
    assert ans.answer is None and ans.citations == []
    assert re.search(r"[\u4e00-\u9fff]", ans.reply)


@pytest.mark.parametrize(
    "question",
    ["", "   ", " \n\t\u3000 ", "\x00\x01\x1b\x7f", "发展党员" * 2500, "a" * 10000],
    ids=["empty", "spaces", "whitespace-mix", "control-chars", "10000-chinese", "10000-latin"],
)
def test_bad_input_gets_a_clear_message_not_an_exception(service, question):
    t0 = time.perf_counter()
    ans = service.ask(question)
    assert time.perf_counter() - t0 < 5
    assert ans.answer is None and ans.citations == []
    assert ans.reply.strip() and re.search(r"[\u4e00-\u9fff]", ans.reply)
    assert len(ans.reply) < 300  # a message, not an echo of the input
    assert ans.question == question
    if len(question) >= 10000:
        assert "10000" in ans.reply  # says how long it was


def test_control_characters_inside_a_question_are_ignored(service, corpus_docs):
    ans = service.ask("2011年\x00中山\x07市直属机关\x1b发展了多少名党员？\x7f")
    _check_cited_figure(ans, "585", REPORTS["000"], corpus_docs)


# ---------------------------------------------------------------- every eval question


@pytest.mark.parametrize("q", EVAL_QUESTIONS, ids=[q["id"] for q in EVAL_QUESTIONS])
def test_every_figure_in_an_answer_is_in_its_quote(service, q):
    """No figure is generated: each number of a non-null answer is a number of
    the first citation's quote (a digit gloss of a Chinese numeral counts when
    the numeral is quoted), and the answer itself is a span of the quote."""
    ans = service.ask(q["question"])
    if ans.answer is None:
        assert ans.citations == []
        return
    assert ans.citations, ans.answer
    quote = ans.citations[0].quote
    answer = _strip_glosses(ans.answer, quote)
    quoted = set(_numbers(quote))
    assert all(n in quoted for n in _numbers(answer)), (ans.answer, quote)
    assert compact(answer) in compact(quote), (ans.answer, quote)


# ---------------------------------------------------------------- follow-ups


def test_follow_up_year_resolves_and_is_refused(service):
    first = "2011年中山市直属机关发展了多少名党员？"
    assert service.ask(first).answer is not None
    ans = service.ask("那2009年呢？", history=[first])
    resolved = analyse(ans.resolved_question)
    assert resolved.years == [2009]
    assert resolved.places == ["中山市"]
    assert "发展" in ans.resolved_question and "党员" in ans.resolved_question
    assert ans.answer is None  # no 2009 report of 中山
    assert "2009" in ans.reply
    _assert_names_coverage(ans.reply, service)


def test_follow_up_place_is_understood(service):
    first = "2009年中山市直机关发展了多少名党员？"
    ans = service.ask("枣庄呢？", history=[first])
    assert "枣庄" in ans.resolved_question and "中山" not in ans.resolved_question
    resolved = analyse(ans.resolved_question)
    assert resolved.places == ["枣庄市"] and resolved.years == [2009]
    assert resolved.org == analyse(first).org == "市直机关"
    # Answered exactly as the full question it stands for.
    direct = service.ask(ans.resolved_question)
    assert ans.answer == direct.answer
    assert [c.quote for c in ans.citations] == [c.quote for c in direct.citations]


def test_full_question_after_history_is_not_rewritten(service, corpus_docs):
    q = "2020年海南省直机关火线入党多少人？"
    ans = service.ask(q, history=["2011年中山市直属机关发展了多少名党员？"])
    assert ans.resolved_question == q
    _check_cited_figure(ans, "129", REPORTS["004"], corpus_docs)


def test_follow_up_without_history_is_left_alone(service):
    ans = service.ask("枣庄呢？")
    assert ans.resolved_question == "枣庄呢？"
    assert ans.answer is None


def test_a_relative_year_is_answered_with_the_report_year_named(service):
    """"今年" is the asker's year; the answer says which report year it comes from."""
    ans = service.ask("今年中山市直属机关发展了多少名党员？")
    assert ans.answer is not None and "585" in ans.answer
    assert "“今年”" in ans.reply and "2011年的报告" in ans.reply
    plain = service.ask("2011年中山市直属机关发展了多少名党员？")
    assert "没有写明是哪一年" not in plain.reply


def test_refusal_thresholds_come_from_the_settings(index_settings, embedder):
    """QA_MIN_COVERAGE / QA_MIN_MARGIN reach the answerer: above full coverage nothing is answered."""
    from qa.service import QAService

    strict = QAService.load(index_settings.with_overrides(min_coverage=1.01), embedder=embedder)
    ans = strict.ask("2011年中山市直属机关发展了多少名党员？")
    assert ans.answer is None and ans.citations == []
