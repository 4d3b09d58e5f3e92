"""Writes split_cases.json: search texts and the terms Django REST Framework
(3.16.1, on Django 5.2) splits them into. The two functions below are copied
verbatim from rest_framework/filters.py and django/utils/text.py, so the
cases are the server's own answers; tests/search_terms.rs checks hangar's
split against them.

    python3 tests/drf/make_split_cases.py > tests/drf/split_cases.json
"""
import json
import random
import re

smart_split_re = re.compile(
    r"""
    ((?:
        [^\s'"]*
        (?:
            (?:"(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*')
            [^\s'"]*
        )+
    ) | \S+)
""",
    re.VERBOSE,
)


def smart_split(text):
    for bit in smart_split_re.finditer(str(text)):
        yield bit[0]


def unescape_string_literal(s):
    if not s or s[0] not in "\"'" or s[-1] != s[0]:
        raise ValueError("Not a string literal: %r" % s)
    quote = s[0]
    return s[1:-1].replace(r"\%s" % quote, quote).replace(r"\\", "\\")


def search_smart_split(search_terms):
    split_terms = []
    for term in smart_split(search_terms):
        term = term.strip(',')
        if term.startswith(('"', "'")) and term[0] == term[-1]:
            split_terms.append(unescape_string_literal(term))
        else:
            for sub_term in term.split(','):
                if sub_term:
                    split_terms.append(sub_term.strip())
    return split_terms


NAMED = [
    "soyuz ms", '"soyuz ms"', '"dragon, crew-9"', '"', "'", '""', "''",
    'dragon,crew', 'dragon, crew', ',,', ' , ', '"soyuz ms', "soyuz' ms",
    'a"b c"d', '"a\\"b"', "'it\\'s'", '"back\\\\slash"', '"tab\there"',
    '"line\nbreak"', '"esc\\\nnl"', 'x,"y z",w', '"a"b"c', "'a'b'", '"" x',
    'Восток "Союз ТМА"', '神舟 "十号"', ' lead', 'trail ', 'a\u00a0b',
    'a\u2003b', 'a\x1cb', 'a\x85b', '"a,b",c', ',"a b",', '"a" "b"',
]

ALPHABET = ['a', 'b', ' ', ',', '"', "'", '\\', '\n', 'é', '\t', '\u00a0', '\x1c']


def main():
    rng = random.Random(20261123)
    cases = list(NAMED)
    for _ in range(3000):
        n = rng.randint(0, 12)
        cases.append(''.join(rng.choice(ALPHABET) for _ in range(n)))
    print(json.dumps([[c, search_smart_split(c)] for c in cases], ensure_ascii=False, indent=0))


main()
