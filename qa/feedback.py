"""Staff feedback on answers (👍/👎 and corrections), kept in one SQLite file,
and its export as new evaluation questions.

``FeedbackStore(path)`` holds the table ``feedback`` in ``data/feedback.sqlite3``
(``settings.data_dir``). Several app workers, CLI runs and threads may write
at once: the file is in WAL mode, every operation opens its own short-lived
connection with a busy timeout, and every write is one short ``BEGIN
IMMEDIATE`` transaction, so writers queue instead of failing with
"database is locked".

``export_questions(path)`` writes the rows in the format of
``eval/questions.jsonl`` (see eval/README.md, "Questions from feedback"):

* a correction typed by staff -> ``answers: [correction]`` (or ``[]`` with
  type ``refusal`` when the correction says the reports don't contain it,
  e.g. "无" — see ``REFUSAL_CORRECTIONS``);
* 👍 on an answer -> ``answers: [short form of the answer]``, ``evidence``:
  the first citation's quote; 👍 on a refusal -> ``answers: []`` (refusal);
* 👎 without a correction -> ``answers: []``, ``needs_review: true`` and
  ``rejected_answer``: we know the answer was wrong but not the right one, so
  a person has to fill in ``answers`` before the question is used.

Questions asked several times are exported once (the newest row with a
correction, else the newest row).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import tempfile
import time
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .types import Answer

log = logging.getLogger(__name__)

DB_NAME = "feedback.sqlite3"
BUSY_TIMEOUT_S = 30.0

UP, DOWN = 1, -1

# A correction meaning "the reports do not say": exported as a refusal question.
REFUSAL_CORRECTIONS = frozenset({
    "无", "没有", "不知道", "未提及", "报告未提及", "报告中没有", "报告没有", "报告未涉及", "无答案", "拒答", "refusal",
})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,              -- UTC, ISO 8601
    question TEXT NOT NULL,                -- as typed
    resolved_question TEXT NOT NULL DEFAULT '',  -- after follow-up context
    answer TEXT,                           -- short answer; NULL for a refusal
    reply TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]',  -- JSON list of Citation.to_dict()
    index_version TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',         -- question type the service saw
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    correction TEXT,                       -- the right answer, typed by staff
    session_id TEXT
);
CREATE INDEX IF NOT EXISTS feedback_rating ON feedback (rating, id);
"""

_COLUMNS = ("id", "created_at", "question", "resolved_question", "answer", "reply", "citations",
            "index_version", "kind", "rating", "correction", "session_id")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _check_rating(rating: int) -> int:
    if isinstance(rating, bool) or rating not in (UP, DOWN):
        raise ValueError(f"rating must be +1 or -1, not {rating!r}")
    return int(rating)


class FeedbackStore:
    """Feedback rows in one SQLite file; safe for many threads and processes."""

    def __init__(self, path: str | os.PathLike):
        p = Path(path)
        if p.is_dir():  # the data dir itself
            p = p / DB_NAME
        self.path = p
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._init_db()

    @classmethod
    def in_dir(cls, data_dir: str | os.PathLike) -> "FeedbackStore":
        return cls(Path(data_dir) / DB_NAME)

    def __repr__(self) -> str:
        return f"FeedbackStore({str(self.path)!r})"

    # ------------------------------------------------------------ connections

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE).
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        con.execute("PRAGMA synchronous = NORMAL")  # durable enough in WAL mode
        return con

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; the write lock is taken up front so
        concurrent writers wait on the busy timeout instead of deadlocking."""
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with closing(self._connect()) as con:
            yield con

    def _init_db(self) -> None:
        # Switching to WAL needs a moment of exclusive access; when several
        # processes open a new file at once, one wins and the rest retry.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                with closing(self._connect()) as con:
                    mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                    if str(mode).lower() != "wal":
                        log.warning("%s: journal mode is %s, not WAL", self.path, mode)
                    con.executescript(_SCHEMA)
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # ------------------------------------------------------------ writing

    def record(self, answer: Answer, rating: int, correction: str | None = None,
               session_id: str | None = None) -> int:
        """Store a rating (+1 👍 / -1 👎) of ``answer``; returns the row id."""
        rating = _check_rating(rating)
        citations = json.dumps([c.to_dict() for c in answer.citations], ensure_ascii=False)
        row = (_now(), answer.question or "", answer.resolved_question or "", answer.answer,
               answer.reply or "", citations, answer.index_version or "", answer.kind or "",
               rating, _clean(correction), session_id)
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO feedback (created_at, question, resolved_question, answer, reply, citations,"
                " index_version, kind, rating, correction, session_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", row)
            return int(cur.lastrowid)

    def set_rating(self, feedback_id: int, rating: int) -> bool:
        """Change the rating of a row (a staff member changed 👍 to 👎)."""
        rating = _check_rating(rating)
        with self._write() as con:
            return con.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id)).rowcount > 0

    def set_correction(self, feedback_id: int, correction: str | None) -> bool:
        """Attach (or, with None/blank, remove) the right answer to a row."""
        with self._write() as con:
            return con.execute("UPDATE feedback SET correction = ? WHERE id = ?",
                               (_clean(correction), feedback_id)).rowcount > 0

    def delete(self, feedback_id: int) -> bool:
        """Remove a row (the rating was withdrawn)."""
        with self._write() as con:
            return con.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,)).rowcount > 0

    # ------------------------------------------------------------ reading

    @staticmethod
    def _row(r: sqlite3.Row) -> dict:
        d = {k: r[k] for k in _COLUMNS}
        try:
            d["citations"] = json.loads(d["citations"] or "[]")
        except json.JSONDecodeError:
            d["citations"] = []
        return d

    def get(self, feedback_id: int) -> dict | None:
        with self._read() as con:
            r = con.execute("SELECT * FROM feedback WHERE id = ?", (feedback_id,)).fetchone()
        return self._row(r) if r is not None else None

    def counts(self) -> dict[str, int]:
        with self._read() as con:
            rows = con.execute("SELECT rating, COUNT(*) FROM feedback GROUP BY rating").fetchall()
        by = {int(r[0]): int(r[1]) for r in rows}
        return {"up": by.get(UP, 0), "down": by.get(DOWN, 0)}

    def latest(self, rating: int | None = DOWN, limit: int = 10) -> list[dict]:
        """The newest rows (of one rating, or all with ``rating=None``), newest first."""
        sql, args = "SELECT * FROM feedback", []
        if rating is not None:
            sql += " WHERE rating = ?"
            args.append(_check_rating(rating))
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(int(limit))
        with self._read() as con:
            return [self._row(r) for r in con.execute(sql, args).fetchall()]

    def all(self) -> list[dict]:
        with self._read() as con:
            return [self._row(r) for r in con.execute("SELECT * FROM feedback ORDER BY id").fetchall()]

    # ------------------------------------------------------------ export

    def export_questions(self, path: str | os.PathLike, only_down: bool = False) -> int:
        """Write the feedback as a question set (eval/questions.jsonl format);
        returns the number of questions written."""
        rows = [r for r in self.all() if not only_down or r["rating"] == DOWN]
        items = [to_question(r) for r in _one_per_question(rows)]
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for item in items:
                    f.write(json.dumps(item, ensure_ascii=False) + "\n")
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return len(items)


# ---------------------------------------------------------------- export rules

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"近?\d+(?:\.\d+)?(?:万|亿)?(?:余|多)?")
_DIGIT = re.compile(r"\d")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _question_key(text: str) -> str:
    return _SPACE.sub("", text or "").rstrip("？?。").translate(_FULLWIDTH_DIGITS)


def _one_per_question(rows: list[dict]) -> list[dict]:
    """One row per question: the newest with a correction, else the newest; in id order."""
    best: dict[str, dict] = {}
    for r in rows:  # in id order, so a later row replaces an earlier one
        key = _question_key(r["resolved_question"] or r["question"])
        cur = best.get(key)
        if cur is None or r["correction"] or not cur["correction"]:
            best[key] = r
    return sorted(best.values(), key=lambda r: r["id"])


def short_form(answer: str) -> str:
    """The figure of a numeric answer as the question set writes it: unit dropped,
    余/多/近 and 万/亿 kept, 约 and % dropped ("585人" -> "585", "6300余人" ->
    "6300余", "约900人" -> "900"). Anything else (dates with two numbers, words)
    is returned as given."""
    text = (answer or "").strip().translate(_FULLWIDTH_DIGITS)
    found = _NUMBER.findall(text)
    if len(found) == 1 and len(text) <= 12:
        return found[0]
    return (answer or "").strip()


def guess_type(gold: str | None, kind: str = "") -> str:
    """number if the expected answer has digits (date when the service saw a date
    question), refusal when there is none, else place/describe."""
    if gold is None:
        return "refusal"
    if _DIGIT.search(gold.translate(_FULLWIDTH_DIGITS)):
        return "date" if kind == "date" else "number"
    return kind if kind in ("place", "describe") else "describe"


def _compact(s: str) -> str:
    return _SPACE.sub("", s or "")


def to_question(row: dict) -> dict:
    """One feedback row as a question-set item."""
    question = row["resolved_question"] or row["question"]
    citations = row["citations"] or []
    correction = row["correction"]
    answer = row["answer"]
    item: dict = {"id": f"fb{row['id']}", "question": question}
    evidence = source = ""
    needs_review = False
    if correction and correction.strip() in REFUSAL_CORRECTIONS:
        answers, qtype = [], "refusal"
    elif correction:
        answers, qtype = [correction], guess_type(correction, row["kind"])
        # Evidence only when a cited passage holds the corrected answer.
        for c in citations:
            if _compact(correction) in _compact(c.get("text", "")):
                quote = c.get("quote") or ""
                evidence = quote if _compact(correction) in _compact(quote) else ""
                source = c.get("source", "")
                break
    elif row["rating"] == UP and answer:
        gold = short_form(answer)
        answers, qtype = [gold], guess_type(gold, row["kind"])
        if citations:
            evidence, source = citations[0].get("quote") or "", citations[0].get("source", "")
    elif row["rating"] == UP:  # 👍 on "the reports don't say"
        answers, qtype = [], "refusal"
    else:  # 👎 without the right answer: someone has to supply it
        answers, needs_review = [], True
        qtype = guess_type(answer, row["kind"]) if answer else (
            row["kind"] if row["kind"] in ("number", "date", "place", "describe") else "describe")
    item.update({"answers": answers, "evidence": evidence, "type": qtype, "source": source,
                 "split": "feedback"})
    if needs_review:
        item["needs_review"] = True
        item["rejected_answer"] = answer
    item["feedback"] = {"rating": row["rating"], "created_at": row["created_at"],
                        "index_version": row["index_version"], "asked": row["question"]}
    return item
