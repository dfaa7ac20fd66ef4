"""The evaluation: scoring rules, question-file validation, and a small
end-to-end run that writes the reports."""

from __future__ import annotations

import json

import pytest

from qa.evaluation import (
    MAX_SHORT_ANSWER,
    QuestionSetError,
    answer_is_correct,
    citation_hits,
    evaluate,
    load_questions,
    print_summary,
    write_reports,
)

Q585 = {"id": "t1", "question": "2011年中山市直属机关发展了多少名党员？", "answers": ["585"], "type": "number"}


@pytest.mark.parametrize(
    "answer, correct",
    [
        ("585人", True),
        ("585", True),
        ("共585名", True),
        ("发展党员585人", True),
        ("2011年发展党员585人", True),  # 2011 is in the question
        ("５８５人", True),  # full-width digits
        ("585 人", True),
        ("438人", False),
        ("58人", False),
        ("5850人", False),  # contains "585" but is another number
        ("585人和438人", False),  # an extra number, neither asked nor expected
        ("585人，占3.5%", False),
        ("1585人", False),
        (None, False),  # a refusal of an answerable question
        ("", False),
    ],
)
def test_number_answers(answer, correct):
    assert answer_is_correct(Q585, answer, reply=answer or "") is correct


def test_length_limit_is_40_characters_after_compaction():
    assert MAX_SHORT_ANSWER == 40
    pad = "据报告市直属机关系统发展党员"
    exactly = (pad * 3)[: MAX_SHORT_ANSWER - 4] + "585人"
    assert len(exactly) == MAX_SHORT_ANSWER
    assert answer_is_correct(Q585, exactly, "") is True
    assert answer_is_correct(Q585, "据" + exactly, "") is False
    # Whitespace does not count towards the length.
    assert answer_is_correct(Q585, exactly[:20] + "   \n  " + exactly[20:], "") is True


@pytest.mark.parametrize(
    "q, answer, correct",
    [
        # traditional characters in the answer are normalised
        ({"question": "2020年海南省直机关动员党员干部捐款多少支援抗疫？", "answers": ["527.8万余"]}, "527.8萬余元", True),
        ({"question": "广西区直机关有多少个基层党组织？", "answers": ["5653"]}, "5653個", True),
        ({"question": "广西区直机关有多少个基层党组织？", "answers": ["5653"]}, "基層黨組織5653個,黨員82187名", False),
        # qualifiers are part of the expected span
        ({"question": "2009年枣庄市直机关普法网络知识竞赛有多少名干部参加？", "answers": ["6300余"]}, "6300余人", True),
        ({"question": "2009年枣庄市直机关普法网络知识竞赛有多少名干部参加？", "answers": ["6300余"]}, "6300人", False),
        # percentages without the sign; numbers of the question are allowed
        ({"question": "2009年枣庄市直机关普法网络知识竞赛的优秀率是多少？", "answers": ["96.5"]}, "96.5%", True),
        ({"question": "2009年枣庄市直机关普法网络知识竞赛的优秀率是多少？", "answers": ["96.5"]}, "2009年为96.5%", True),
        ({"question": "2009年枣庄市直机关普法网络知识竞赛的优秀率是多少？", "answers": ["96.5"]}, "96%", False),
        # any of several expected answers; numbers of the other expected answers are allowed
        ({"question": "廉政电影周是什么时候举办的？", "answers": ["8月9日至13日", "8月9日"]}, "8月9日", True),
        ({"question": "廉政电影周是什么时候举办的？", "answers": ["8月9日至13日", "8月9日"]}, "8月9日至13日", True),
        ({"question": "廉政电影周是什么时候举办的？", "answers": ["8月9日至13日", "8月9日"]}, "8月10日", False),
        # a question's own figure is not the answer but may be repeated
        ({"question": "今年1-9月份中山市共立案查处了多少人？", "answers": ["448"]}, "1-9月份448人", True),
    ],
)
def test_normalisation_and_number_rules(q, answer, correct):
    q = {"id": "t", "type": "number", **q}
    assert answer_is_correct(q, answer, answer) is correct


def test_refusal_is_right_only_for_an_empty_answers_list():
    unanswerable = {"id": "r", "question": "2013年中山市直属机关发展了多少名党员？", "answers": [], "type": "refusal"}
    assert answer_is_correct(unanswerable, None, "报告中没有找到能回答这个问题的内容。") is True
    assert answer_is_correct(unanswerable, "585人", "585人。") is False
    assert answer_is_correct(unanswerable, "", "") is False
    assert answer_is_correct(Q585, None, "报告中没有找到能回答这个问题的内容。") is False


def test_describe_questions_are_judged_on_the_reply():
    q = {"id": "d", "question": "2011年中山市直属机关8月举办了什么活动？", "answers": ["廉政电影周"], "type": "describe"}
    long_reply = "据2011年中山市直机关《市直属机关工作(2011)》：\n8月9日至13日,举辦市直屬機關廉政電影週活動,在石岐影劇院放映5部影片共10場。 [1]"
    long_answer = "8月9日至13日,举办市直属机关廉政电影周活动,在石岐影剧院放映《忠诚与背叛》等5部影片共10场。"
    assert len(long_answer) > MAX_SHORT_ANSWER  # a sentence: the length limit does not apply
    assert answer_is_correct(q, long_answer, long_reply) is True  # traditional 電影週 in the reply
    assert answer_is_correct(q, "廉政电影周", "据报告：市直属机关开展纪律教育学习月活动。") is False
    assert answer_is_correct(q, None, "廉政电影周") is False


def test_citation_hits():
    q = {"evidence": "发展党员585人"}
    assert citation_hits(q, [{"text": "2011年,市直属各机关系统发展党员585人,办理预备党员转正438人"}]) is True
    assert citation_hits(q, [{"text": "市直属各机关系统发展\n党员 585 人"}]) is True  # whitespace ignored
    assert citation_hits(q, [{"text": "市直屬各機關系統發展黨員585人"}]) is True  # traditional
    assert citation_hits(q, [{"text": "发展党员５８５人"}]) is True  # full-width
    assert citation_hits(q, [{"text": "办理预备党员转正438人"}, {"text": "发展党员585人"}]) is True  # any citation
    assert citation_hits(q, [{"text": "发展党员58人"}]) is False
    assert citation_hits(q, []) is False
    assert citation_hits({"evidence": ""}, [{"text": "发展党员585人"}]) is False
    assert citation_hits({}, [{"text": "发展党员585人"}]) is False
    # Traditional evidence (copied from the report) matches a simplified text too.
    assert citation_hits({"evidence": "基層黨組織5653個"}, [{"text": "有基层党组织5653个"}]) is True
    # A table row's cells, however the row is rendered: in order, on one line.
    row = {"evidence": "科教文卫系统 166 155"}
    assert citation_hits(row, [{"text": "表1\n科教文卫系统 发展党员166名 转正155名\n合计 538"}]) is True
    assert citation_hits(row, [{"text": "科教文卫系统 转正155名 发展党员166名"}]) is False  # out of order
    assert citation_hits(row, [{"text": "科教文卫系统 发展党员166名\n转正155名"}]) is False  # across lines


# ---------------------------------------------------------------- question files


def _write(tmp_path, lines: list[str]):
    p = tmp_path / "q.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


GOOD = json.dumps(Q585, ensure_ascii=False)


def test_load_questions_defaults_and_blank_lines(tmp_path):
    p = _write(tmp_path, [GOOD, "", '{"id": "r1", "question": "深圳市直机关有多少名党员？", "answers": []}', "   "])
    qs = load_questions(p)
    assert [q["id"] for q in qs] == ["t1", "r1"]
    assert qs[1]["type"] == "refusal" and qs[1]["split"] == "all" and qs[1]["evidence"] == ""


@pytest.mark.parametrize(
    "bad, lineno, message",
    [
        ('{"id": "t2", "question": "多少？", "answers": ["1"]', 3, "not valid JSON"),
        ("not json at all", 3, "not valid JSON"),
        ('{"id": "t2", "answers": ["1"]}', 3, "needs id, question and an answers list"),
        ('{"id": "t2", "question": "多少？", "answers": "1"}', 3, "needs id, question and an answers list"),
    ],
)
def test_load_questions_rejects_bad_lines_with_the_line_number(tmp_path, bad, lineno, message):
    p = _write(tmp_path, [GOOD, "", bad, GOOD])
    with pytest.raises(QuestionSetError) as e:
        load_questions(p)
    assert f"{p}:{lineno}:" in str(e.value)
    assert message in str(e.value)


def test_load_questions_rejects_an_empty_file(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    with pytest.raises(QuestionSetError, match="no questions"):
        load_questions(p)


def test_the_bundled_question_set_loads():
    from conftest import REPO

    qs = load_questions(REPO / "eval" / "questions.jsonl")
    assert len(qs) >= 200
    assert len({q["id"] for q in qs}) == len(qs)
    assert {q["split"] for q in qs} == {"tuned", "unseen"}


# ---------------------------------------------------------------- end to end

FIVE = [
    {"id": "e1", "question": "2011年中山市直属机关发展了多少名党员？", "answers": ["585"],
     "evidence": "发展党员585人", "type": "number", "split": "tuned"},
    {"id": "e2", "question": "广西区直机关有多少个基层党组织？", "answers": ["5653"],
     "evidence": "有基層黨組織5653個", "type": "number", "split": "unseen"},
    {"id": "e3", "question": "2020年海南省直机关火线入党多少人？", "answers": ["129"],
     "evidence": "火线入党129人", "type": "number", "split": "tuned"},
    {"id": "e4", "question": "2013年中山市直属机关发展了多少名党员？", "answers": [],
     "evidence": "", "type": "refusal", "split": "unseen"},
    # Deliberately mis-keyed (the report says 585): a wrong answer that must be reported.
    {"id": "e5", "question": "2011年中山市直属机关新入党的有多少人？", "answers": ["438"],
     "evidence": "办理预备党员转正438人", "type": "number", "split": "tuned"},
]

SUMMARY_KEYS = {
    "questions", "answerable", "unanswerable", "answer_accuracy", "answer_accuracy_with_citation",
    "refusal_accuracy", "citation_hit_rate", "wrong_answers", "wrong_figures", "false_refusals", "retrieval_recall_at_k",
    "latency_p50_ms", "latency_p95_ms",
}
RESULT_KEYS = {
    "id", "question", "type", "split", "answers", "evidence", "answer", "reply", "citations",
    "correct", "citation_hit", "retrieval_hit", "latency_ms",
}


def test_evaluate_end_to_end_writes_reports(service, tmp_path):
    qfile = _write(tmp_path, [json.dumps(q, ensure_ascii=False) for q in FIVE])
    questions = load_questions(qfile)
    report = evaluate(service, questions)
    assert {"mode", "summary", "by_type", "by_split", "results"} <= set(report)
    assert report["mode"] == service.settings.retrieval_mode

    s = report["summary"]
    assert set(s) == SUMMARY_KEYS
    assert (s["questions"], s["answerable"], s["unanswerable"]) == (5, 4, 1)
    assert s["answer_accuracy"] == 75.0  # e5 is keyed wrong
    assert s["refusal_accuracy"] == 100.0
    assert s["wrong_answers"] == 1 and s["false_refusals"] == 0
    assert s["retrieval_recall_at_k"] >= 75.0
    assert 0 < s["latency_p50_ms"] <= s["latency_p95_ms"]

    results = {r["id"]: r for r in report["results"]}
    assert set(results) == {q["id"] for q in FIVE}
    for r in results.values():
        assert set(r) >= RESULT_KEYS
        for c in r["citations"]:
            assert set(c) == {"n", "source", "title", "text", "quote", "score"}
    assert [results[i]["correct"] for i in ("e1", "e2", "e3", "e4", "e5")] == [True, True, True, True, False]
    assert [results[i]["citation_hit"] for i in ("e1", "e2", "e3")] == [True] * 3  # e2: traditional evidence
    assert results["e4"]["answer"] is None and results["e4"]["citations"] == []
    assert results["e4"]["citation_hit"] is False  # no evidence for a refusal

    assert set(report["by_split"]) == {"tuned", "unseen"}
    assert report["by_split"]["unseen"]["questions"] == 2
    assert report["by_type"]["number"]["n"] == 4 and report["by_type"]["refusal"]["n"] == 1

    jpath, mpath = write_reports(report, tmp_path / "out")
    assert jpath == tmp_path / "out" / "report.json" and mpath == tmp_path / "out" / "report.md"
    saved = json.loads(jpath.read_text(encoding="utf-8"))
    assert saved["summary"] == s and len(saved["results"]) == 5
    md = mpath.read_text(encoding="utf-8")
    assert md.startswith("# Evaluation report")
    assert "## Summary" in md and "split=unseen" in md
    assert "Questions not answered correctly (1)" in md
    assert "`e5`" in md and "438" in md and "`e1`" not in md

    text = print_summary(report)
    assert "questions: 5 (4 answerable, 1 unanswerable)" in text
    assert "answer accuracy: 75.0%" in text and "refusal accuracy: 100.0%" in text
