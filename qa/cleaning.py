"""Clean a decoded report for indexing, keeping every character traceable.

Cleaning only ever *deletes* characters of the source (boilerplate lines,
indentation, the newline of a hard line-wrap), so the cleaned text carries an
offset map back into the source and quotes stay in the original characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Whole lines that are web furniture, not report content.
_BOILERPLATE_LINE = re.compile(
    r"""^(
        original\s*url\s*[:：] | 原文(链接|鏈接|地址)\s*[:：] | 来源\s*[:：]\s*http | https?://\S+$
      | .{0,30}(欢迎(来到|访问)|當前位置|当前(所在|位置)|您的位置)
      | 首页\s*[>＞] | 首頁\s*[>＞]
      | ([^|｜\s]{1,8}\s*[|｜]\s*){3,}[^|｜]*$
      | .*(上一篇|下一篇|上一條|下一條|上一条|下一条)\s*[:：]
      | .*【关闭窗口】 | .*【(打印|关闭)】
      | .*(免责声明|免責聲明|版权所有|版權所有|版权归|本站部分信息|本网部分|本站观点|本站觀點)
      | .*(联系电话|聯繫電話|监督电话|举报电话|舉報電話|邮箱\s*[:：]|客服\s*QQ|通联\s*QQ|ICP备|备案号)
      | .*(主办\s*[|｜]|主管\s*$|主办单位|技术支持)
      | .*(发布时间|發佈時間|發布時間|发布日期|發佈日期|浏览次数|瀏覽次數|阅读次数|閱讀次數|点击数|點擊數)\s*[:：]
      | 时间\s*[:：]\s*\d{4}-\d | 時間\s*[:：]\s*\d{4}-\d
      | 导语\s*[:：] | 導語\s*[:：]
      | 【作者】 | 【文章来源】 | 【点击率】
      | (责任编辑|責任編輯|编辑)\s*[:：]
      | (分享到|打印本页|关闭本页|返回顶部)
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A line from which everything to the end of the file is a page tail.
_TAIL_START = re.compile(r"^\s*(新闻推荐|相关新闻|相關新聞|相关阅读|相關閱讀|推荐阅读|热点推荐|猜你喜欢|原文链接)")

# A line that opens a new paragraph, even in a hard-wrapped file.
_PARA_START = re.compile(r"^(【|■|●|◆|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?![\d０-９])|第[一二三四五六七八九十]+)")
_SENTENCE_END = "。！？!?；;：:”」』)）】"


@dataclass
class CleanText:
    text: str
    offsets: list[int]  # offsets[i] = index in the source of text[i]
    dropped: list[str] = field(default_factory=list)  # boilerplate lines removed (for metadata)
    tail: list[str] = field(default_factory=list)  # the page tail cut off (related news: other reports' years)



def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The line length (in characters) a file was hard-wrapped at, or None.

    A wrapped file has many lines of nearly the same, maximal length; digits
    and Latin letters make a line a little longer or shorter, hence the band."""
    lengths = sorted(len(s) for s in lines if s.strip())
    if len(lengths) < 5:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    full = sum(1 for n in lengths if 0.85 * width <= n <= width * 1.1)
    if width >= 20 and full >= 0.4 * len(lengths) and lengths[-1] <= width * 1.5:
        return width
    return None


def _is_boilerplate(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    return bool(_BOILERPLATE_LINE.match(s))


def clean(text: str, unwrap: bool = True, whole_lines: set[int] = frozenset()) -> CleanText:
    """Cleaned text with its offset map. ``unwrap`` joins hard line-wraps; only
    plain text and PDF have them (a .docx or web page has real paragraphs).
    ``whole_lines`` are numbers of lines (table rows) never joined to a neighbour:
    a row as long as the wrap width is still a row of its own."""
    lines = _lines_with_offsets(text)
    n = len(lines)

    # Cut the page tail (related news, link lists) when it starts in the last third.
    end = n
    for i, (_, line) in enumerate(lines):
        if i > n * 0.5 and _TAIL_START.match(line.strip()):
            end = i
            break
    tail = [line.strip() for _, line in lines[end:] if line.strip()]
    dropped: list[str] = []

    kept: list[tuple[int, int, str]] = []  # (line start, offset of stripped text, stripped text)
    whole: set[int] = set()  # positions in kept of the whole lines
    for number, (pos, line) in enumerate(lines[:end]):
        if _is_boilerplate(line):
            dropped.append(line.strip())
            continue
        stripped = line.strip()  # str.strip() also removes the ideographic space
        if not stripped:
            continue
        if number in whole_lines:
            whole.add(len(kept))
        kept.append((pos, pos + len(line) - len(line.lstrip()), stripped))

    wrap = _wrap_width([s for _, _, s in kept]) if unwrap else None
    out_chars: list[str] = []
    offsets: list[int] = []
    for i, (line_start, pos, s) in enumerate(kept):
        if i > 0:
            prev = kept[i - 1][2]
            # A wrapped line is full; one a little short that stops mid-sentence
            # (no closing punctuation) was wrapped too: wrappers count bytes or
            # display width, so digits and Latin letters shift the break.
            joined = (
                wrap is not None
                and i not in whole and i - 1 not in whole
                and (len(prev) >= 0.85 * wrap or (len(prev) >= 0.6 * wrap and prev[-1] not in _SENTENCE_END))
                and not _PARA_START.match(s)
                # the title: a first line that is not full and has no punctuation
                and not (i == 1 and len(prev) < 0.85 * wrap and not re.search(r"[，,。；;：:]", prev))
            )
            if not joined:
                # keep the source's own newline (it sits just before this line)
                out_chars.append("\n")
                offsets.append(max(line_start - 1, 0))
        out_chars.extend(s)
        offsets.extend(range(pos, pos + len(s)))
    return CleanText(text="".join(out_chars), offsets=offsets, dropped=dropped, tail=tail)
