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
    return any(flag.startswith("nr") and 2 <= len(w) <= 3 and w[0] in _SURNAMES
               and not _PLACE_END.search(w) and not _NAMED_AFTER.match("".join(t for t, _ in tokens[k + 1:k + 3]))
               for k, (w, flag) in enumerate(tokens))
