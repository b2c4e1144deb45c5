#!/usr/bin/env python3
"""Han character recall and precision of a text against a reference
(bag of characters: each Han character counted with its multiplicity).

Usage: han_recall.py REFERENCE TEXT   (files; ALTO XML is read for its
CONTENT attributes, anything else as plain text)
Prints: recall precision matched ref_count text_count
"""
import re
import sys
from collections import Counter

HAN = re.compile(r"[\u4e00-\u9fff]")


def text_of(path):
    s = open(path, encoding="utf-8", errors="replace").read()
    if "<alto" in s[:4096]:
        s = "".join(re.findall(r'CONTENT="([^"]*)"', s))
    return s


def main():
    ref = Counter(HAN.findall(text_of(sys.argv[1])))
    got = Counter(HAN.findall(text_of(sys.argv[2])))
    matched = sum((ref & got).values())
    r = matched / max(1, sum(ref.values()))
    p = matched / max(1, sum(got.values()))
    print(f"{r:.4f} {p:.4f} {matched} {sum(ref.values())} {sum(got.values())}")


if __name__ == "__main__":
    main()
