#!/usr/bin/env python3
"""Output size by kind of file: what a built aula site is made of.

Reads an output folder (`aula build -o DIR`) and prints, per kind (lesson pages, section pages,
printable course pages, other course pages, tag pages, the search index, the rest), the file
count and bytes (apparent sizes, as `du -sb`), then the largest HTML page that is not a
printable course page (PRODUCT.md exempts those) and how many such pages are over 300 kB. The
kind of a page is read from its `<body class="kind-…">`; the search index is its folder.
"""

import argparse
import os
import re
import sys
from collections import defaultdict

LARGE_PAGE = 300_000
KIND = re.compile(rb'<body class="kind-([a-z0-9-]+)"')
# Course pages, by the kind their templates give `<body>`.
PRINT = {"print"}
COURSE_PAGES = {"keypoints", "schedule"}


def kind_of(path, rel):
    if rel.split(os.sep)[0] == "search-index":
        return "search index"
    if not rel.endswith(".html"):
        return "other files"
    with open(path, "rb") as f:
        head = f.read(16384)
    m = KIND.search(head)
    kind = m.group(1).decode() if m else "?"
    if kind == "lesson":
        return "lesson pages"
    if kind in ("section", "home"):
        return "section pages"
    if kind in PRINT:
        return "print pages"
    if kind in COURSE_PAGES:
        return "key points, schedule"
    if kind in ("tag", "tags"):
        return "tag pages"
    return "other pages"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="an aula output folder")
    args = parser.parse_args()
    count, size = defaultdict(int), defaultdict(int)
    largest, over = (0, "-"), 0
    for dirpath, _, names in os.walk(args.output):
        for name in names:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, args.output)
            kind = kind_of(path, rel)
            n = os.path.getsize(path)
            count[kind] += 1
            size[kind] += n
            if rel.endswith(".html") and kind != "print pages":
                largest = max(largest, (n, rel))
                over += n > LARGE_PAGE
    total = sum(size.values())
    print(f"{'kind':24} {'files':>8} {'MB':>10} {'KB/file':>8}")
    for kind in sorted(size, key=lambda k: -size[k]):
        print(f"{kind:24} {count[kind]:8} {size[kind] / 1e6:10.1f} {size[kind] / count[kind] / 1e3:8.1f}")
    print(f"{'total':24} {sum(count.values()):8} {total / 1e6:10.1f}")
    print(f"largest HTML page (not printable): {largest[0]} bytes {largest[1]}")
    print(f"HTML pages over 300 kB (not printable): {over}")


if __name__ == "__main__":
    sys.exit(main())
