#!/usr/bin/env python3
"""Same output: a generated corpus built by two aula binaries must give byte-identical sites.

    python3 bench/same_output.py OLD_BIN NEW_BIN [--lessons 10000] [--work /dev/shm/aula-bench]
    python3 bench/same_output.py /work/bench/aula-before target/release/aula

Checks that a change meant to keep the output (a refactor) keeps it: OLD_BIN built from before
the change, NEW_BIN from after. The corpus of --lessons lessons (../shared/bench/gen_corpus.py,
layout aula) is generated under --work, or reused if it is there (the folder bench/build.py
uses). Each binary builds it into a folder of its own, emptied first (same-N-old/ and
same-N-new/ under --work), and `diff -r` compares the two.

Prints the files and bytes of each side and, where they differ, how many files differ or are in
one side only and the first lines of the diff. Exit status: 0 when the two sites are identical,
1 when they are not, 2 when a build fails.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

from build import corpus, files_under

SHOWN_LINES = 40


def build(binary, site, out):
    """Builds site into out (emptied first) with binary; the seconds it took. Exits 2 if it fails."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run([binary, "build", "--root", site, "-o", out], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"failed: {binary} build --root {site} -o {out}\n{done.stderr[-2000:]}", file=sys.stderr)
        sys.exit(2)
    return time.perf_counter() - started


def summary(folder):
    """(files, apparent bytes) under folder."""
    sizes = [size for _, size in files_under(folder)]
    return len(sizes), sum(sizes)


def differences(old, new):
    """The first lines of `diff -r old new` and the number of files that differ or are in one side
    only (from `diff -rq`); ([], 0) when the two folders are identical."""
    with subprocess.Popen(["diff", "-r", old, new], stdout=subprocess.PIPE, text=True, errors="replace") as diff:
        shown = [line.rstrip("\n") for _, line in zip(range(SHOWN_LINES), diff.stdout)]
        diff.stdout.close()
    if not shown and diff.returncode == 0:
        return [], 0
    brief = subprocess.run(["diff", "-rq", old, new], capture_output=True, text=True, errors="replace")
    if brief.returncode > 1:
        sys.exit(f"diff failed: {brief.stderr}")
    return shown, len(brief.stdout.splitlines())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", metavar="OLD_BIN")
    ap.add_argument("new", metavar="NEW_BIN")
    ap.add_argument("--lessons", type=int, default=10000)
    ap.add_argument("--work", default="/dev/shm/aula-bench")
    a = ap.parse_args()
    binaries = {"old": os.path.abspath(a.old), "new": os.path.abspath(a.new)}
    for binary in binaries.values():
        if not os.access(binary, os.X_OK):
            sys.exit(f"no aula binary at {binary}")
    site = os.path.join(corpus(a.work, a.lessons, layouts="aula"), "aula")
    outs = {}
    for side, binary in binaries.items():
        outs[side] = os.path.join(a.work, f"same-{a.lessons}-{side}")
        seconds = build(binary, site, outs[side])
        files, size = summary(outs[side])
        print(f"{side}: {binary}: {files} files, {size} bytes ({seconds:.1f} s) in {outs[side]}")
    shown, differing = differences(outs["old"], outs["new"])
    if not differing:
        print(f"identical: {a.lessons} lessons, diff -r finds no difference")
        return
    print(f"different: {differing} files differ or are in one side only; diff -r begins:")
    print("\n".join(shown))
    sys.exit(1)


if __name__ == "__main__":
    main()
