#!/usr/bin/env python3
"""Input shapes that could make a build super-linear: CPU time of `aula build` on a one-lesson
site holding each shape at growing sizes, to show the slope (time per MB should stay flat).

    cargo build --release
    python3 bench/shapes.py [--sizes 10000 20000 40000] [--only same_headings,fm_brackets]

Each shape is a function of n (its count) returning (front matter, body). The build must exit
0 or 1 (content problems are fine, a crash is not); a build over --timeout seconds is reported
as such and the larger sizes of that shape are skipped.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
AULA = os.path.join(os.path.dirname(HERE), "target", "release", "aula")


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


REAL = os.path.join(os.path.dirname(HERE), "..", "shared", "corpora", "swc-git-novice-es", "episodes", "04-changes.md")


def real_body():
    """The body of a real Carpentries lesson (read from ../shared, not copied into the project)."""
    with open(REAL, encoding="utf-8") as f:
        text = f.read()
    return text.split("---", 2)[-1] if text.startswith("---") else text


QUIZ = "```quiz\nquestion: ¿Cuál?\noptions:\n  - text: Esta\n    correct: true\n  - text: Otra\n```\n\n"

SHAPES = {
    # Markdown bodies
    "same_headings": lambda n: ("", "## Hola\n\n" * n),
    "same_headings_with_ids": lambda n: ("", "## Hola {#hola}\n\n" * n),
    "headings_like_suffixes": lambda n: ("", "".join(f"## a\n\n## a-{i}\n\n" for i in range(n // 2))),
    "nested_unclosed_fences": lambda n: ("", "::: challenge\n" * n),
    "nested_closed_fences": lambda n: ("", "::: challenge\n" * n + ":::\n" * n),
    "deep_lists": lambda n: ("", "".join("  " * i + "- x\n" for i in range(n))),
    "deep_quotes": lambda n: ("", "> " * n + "x\n"),
    "long_word": lambda n: ("", "a" * (n * 10) + "\n"),
    "many_footnotes": lambda n: ("", "".join(f"x[^{i}]\n" for i in range(n)) + "\n" + "".join(f"[^{i}]: n\n" for i in range(n))),
    "links_to_same_anchor": lambda n: ("", "## Destino\n\n" + "[a](#destino) " * n + "\n"),
    "headings_and_links_to_them": lambda n: ("", "".join(f"## h{i}\n\n[a](#h{i})\n\n" for i in range(n))),
    "huge_table": lambda n: ("", "| a | b |\n|---|---|\n" + "| x | [y](#a) |\n" * n),
    "many_quizzes": lambda n: ("", QUIZ * (n // 10)),
    "open_brackets_body": lambda n: ("", "[" * n + "\n"),
    "bracketed_spans": lambda n: ("", "[t]{#s} " * n + "\n"),
    "emphasis_runs": lambda n: ("", "*a _b " * n + "\n"),
    "deep_list_one_line": lambda n: ("", "- " * n + "x\n"),
    "deep_fenced_divs_one_kind": lambda n: ("", "".join(":" * (3 + i % 5) + " solution\n" for i in range(n))),
    "wide_table": lambda n: ("", "|a" * n + "|\n" + "|-" * n + "|\n" + "|x" * n + "|\n"),
    "same_footnote_refs": lambda n: ("", "x[^a] " * n + "\n\n[^a]: nota\n"),
    "link_openers": lambda n: ("", "[a](" * n + "\n"),
    "image_openers": lambda n: ("", "![" * n + "\n"),
    "backtick_runs": lambda n: ("", "".join("`" * (i % 50 + 1) + " " for i in range(n)) + "\n"),
    "reference_definitions": lambda n: ("", "".join(f"[r{i}]: /u{i}\n" for i in range(n)) + "[r1] [r2]\n"),
    "angle_brackets": lambda n: ("", "<a " * n + "\n"),
    "long_heading_word": lambda n: ("", "## " + "é" * n + "\n"),
    "real_lesson_repeated": lambda n: ("", real_body() * max(1, n // 1000)),
    "html_ids": lambda n: ("", "".join(f'<span id="x{i}"></span>\n' for i in range(n))),
    "image_attributes": lambda n: ("", "![a](b.png){.c} " * n + "\n"),
    # front matter
    "fm_open_brackets": lambda n: ("tags: " + "[" * n + "\n", "x\n"),
    "fm_open_braces": lambda n: ("extra: " + "{" * n + "\n", "x\n"),
    "fm_nested_flow": lambda n: ("extra: " + "[" * n + "]" * n + "\n", "x\n"),
    "fm_nested_block": lambda n: ("extra:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(n)), "x\n"),
    "fm_accented_description": lambda n: (f"description: {'á' * n}\n", "x\n"),
    "fm_accented_title": lambda n: (f"title: {'é' * n}\n", "x\n"),
    "fm_long_slug": lambda n: (f"slug: {'ñ' * n}\n", "x\n"),
    "fm_long_tag": lambda n: (f"tags: [{'ü' * n}]\n", "x\n"),
    "fm_many_tags": lambda n: ("tags: " + yaml_list(f"t{i}" for i in range(n // 10)) + "\n", "x\n"),
    "fm_same_tags": lambda n: ("tags: " + yaml_list("t" for _ in range(n)) + "\n", "x\n"),
    "fm_many_objectives": lambda n: ("objectives:\n" + "- uno\n" * n, "x\n"),
    "fm_many_unknown_keys": lambda n: ("".join(f"k{i}: x\n" for i in range(n)), "x\n"),
    "fm_duplicate_keys": lambda n: ("tags: [a]\n" * n, "x\n"),
    "fm_tags_without_letters": lambda n: ("tags: " + yaml_list("'🙂" + "!" * (i % 7) + "'" for i in range(n // 10)) + "\n", "x\n"),
    "quiz_many_unknown_keys": lambda n: ("", "```quiz\nquestion: q\noptions:\n" + "  - text: a\n    corect: true\n" * (n // 10) + "```\n"),
    "quiz_deep_flow": lambda n: ("", "```quiz\nquestion: " + "[" * n + "\n```\n"),
    "fm_billion_laughs": lambda n: (
        "extra:\n  a0: &a0 [" + ",".join(["x"] * 10) + "]\n"
        + "".join(f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)),
        "x\n",
    ),
    "fm_many_aliases": lambda n: ("extra:\n  a: &a [x, y]\n  b: [" + ", ".join(["*a"] * n) + "]\n", "x\n"),
}


def site(root, front, body):
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "content"))
    with open(os.path.join(root, "aula.yaml"), "w") as f:
        f.write("title: Formas\nlanguage: es\n")
    if "title:" not in front:
        front = "title: Forma\n" + front
    text = f"---\n{front}---\n{body}"
    with open(os.path.join(root, "content", "forma.md"), "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def build(root, timeout):
    """CPU seconds (user + system) of one build and its exit code: on a machine shared with other
    builds, wall time mostly measures the neighbours."""
    out = os.path.join(root, "public")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run([AULA, "build", "--root", root, "-o", out], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[10000, 20000, 40000])
    ap.add_argument("--only", default="")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--work", default="/dev/shm/aula-shapes")
    a = ap.parse_args()
    if not os.path.exists(AULA):
        sys.exit("build the release binary first: cargo build --release")
    chosen = [s for s in a.only.split(",") if s] or list(SHAPES)
    print(f"{'shape':28} {'n':>8} {'bytes':>10} {'cpu s':>7} {'s/MB':>7} exit")
    for name in chosen:
        for n in a.sizes:
            size = site(a.work, *SHAPES[name](n))
            secs, code = build(a.work, a.timeout)
            if secs is None:
                print(f"{name:28} {n:>8} {size:>10} {'>' + str(a.timeout):>7} {'':>7} timeout")
                break
            print(f"{name:28} {n:>8} {size:>10} {secs:7.3f} {secs / (size / 1e6):7.2f} {code}", flush=True)
            if code not in (0, 1):
                break
    shutil.rmtree(a.work, ignore_errors=True)


if __name__ == "__main__":
    main()
