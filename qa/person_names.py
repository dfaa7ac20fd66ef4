"""Whether a sentence names a person, for questions that ask who ("书记是谁")."""

from __future__ import annotations

import re

import jieba.posseg as pseg

from .tokenize_zh import init_dictionary

# The most common Chinese surnames (they cover the great majority of people).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤洪文常温康施牛樊葛邢安齐易乔伍庞颜"
    "倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
WHO_Q = re.compile(r"谁|哪位|哪一位")
# A name that a place or building is named after (孙文中路, 孙中山纪念堂) names no one
# there, nor does a tagged "name" that is itself a place (石岐区, 纪念堂).
_PLACE_END = re.compile(r"[区村镇乡县市路街堂馆园场楼]$")
_NAMED_AFTER = re.compile(r"[东南西北中]?(?:路|街|大道|大街|巷)|纪念|故居|公园|广场|大厦|中学|小学|大学|学校|医院|"
                          r"[村镇乡县区市]")


def names_a_person(text: str) -> bool:
    init_dictionary()
    plain = re.sub(r"《[^》]*》|“[^”]*”", " ", text)  # titles of books and campaigns name no one
    # The tagger calls many words names ("明显增强"): a name also starts with a surname.
    tokens = list(pseg.cut(plain))
    return any(_is_name(w, flag) and w[0] in _SURNAMES
               and not _NAMED_AFTER.match("".join(t for t, _ in tokens[k + 1:k + 3]))
               for k, (w, flag) in enumerate(tokens))


# "那位巡视员叫什么名字": asks for a person's name when a person is what is named
# (不是 "这个活动叫什么名字").
_NAME_Q = re.compile(r"(?:叫什么|什么)名字|名字(?:是|叫)什么|姓名是?什么|(?<!活动)叫什么$")
_PERSON_BEFORE = re.compile(r"(?:位|员|长|书记|主任|委员|代表|同志|干部|党员|老师|记者|标兵|模范|楷模)(?:的)?$")
_LINK = re.compile(r"(?:担任|兼任|出任|任|当选为|当选|是|为)")
_PUNCT_CUT = re.compile(r"[，,；;。：:（）()！!？?]")


def asks_for_name(norm: str) -> re.Match | None:
    """The part of a question that asks a person's name, like 是谁; None when it
    asks none."""
    m = WHO_Q.search(norm)
    if m:
        return m
    m = _NAME_Q.search(norm)
    return m if m and _PERSON_BEFORE.search(norm[:m.start()].rstrip("的")) else None


# A title a person holds (副组长, 巡视员, 工委书记): a name stands beside it.
TITLE = re.compile(r"(?:巡视员|调研员|委员|专员|干事|秘书|书记|主任|主席|(?:组|队|部|处|局|科|会|站|所|校|院|厅|市|县|镇|村|社|馆|"
                   r"理事|行|团|秘书)长)$")


def _is_name(word: str, flag: str) -> bool:
    """A word the tagger takes for a person's name, of a name's length and no
    place's ending. (Beside a title that is enough, even with a rarer surname:
    容传文; in free text a common surname is required too.)"""
    return flag.startswith("nr") and 2 <= len(word) <= 3 and not _PLACE_END.search(word)


def title_holder_named(text: str, title: str) -> bool:
    """The sentence names who holds the title: the name stands right before it
    ("韦彩英同志"), right after it ("副书记容传文"), or before a verb of holding
    it ("容传文、…任副组长"); "容传文、巡视员任副组长" names no 巡视员."""
    init_dictionary()
    for i in (m.start() for m in re.finditer(re.escape(title), text)):
        before = _PUNCT_CUT.split(text[:i])[-1]
        after = _PUNCT_CUT.split(text[i + len(title):])[0]
        tb = [(w, f) for w, f in pseg.cut(before) if w.strip()]
        ta = [(w, f) for w, f in pseg.cut(re.sub(r"^(?:同志)?(?:为|是|由|：)?", "", after)) if w.strip()]
        if tb and _is_name(*tb[-1]):
            return True
        if ta and _is_name(*ta[0]):
            return True
        for k, (w, f) in enumerate(tb):
            if _is_name(w, f) and any(_LINK.fullmatch(x) for x, _ in tb[k + 1:]):
                return True
    return False
