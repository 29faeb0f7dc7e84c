#!/usr/bin/env python3
"""Search relevance bench: aula's search against Pagefind on the same built output.

    cargo build --release
    python3 bench/search_relevance.py [--npm /tmp/aula-bench-npm] [--work /dev/shm/aula-search]

For each query set in bench/queries/*.json it makes a site (`language: es`, content = a copy of
the corpus), builds it with the release aula, runs Pagefind 1.6 (npm, installed into --npm if
it is not there) on the same output, serves it over HTTP, and runs every query in headless
Chromium (playwright-core) through aula's search page and Pagefind's JS API. Prints per system
and corpus: MRR@10, Recall@10 (one relevant lesson per query, results counted by lesson),
absent words answered (should be 0) and the bytes a fresh profile downloads for three queries.
"""

import argparse
import functools
import glob
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AULA = os.path.join(ROOT, "target", "release", "aula")
PAGEFIND = "1.6.0"


def npm_tools(folder):
    if not os.path.exists(os.path.join(folder, "node_modules", "pagefind", "package.json")):
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"pagefind@{PAGEFIND}", "playwright-core@1"],
                       cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(folder, "node_modules", "playwright-core"), os.path.join(folder, "node_modules", ".bin", "pagefind")


def build_site(spec, work):
    site = os.path.join(work, spec["corpus"])
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, spec["source"]), os.path.join(site, "content"))
    with open(os.path.join(site, "aula.yaml"), "w") as f:
        f.write("title: Corpus\nlanguage: es\nbase_url: https://example.org/x/\n")
    out = subprocess.run([AULA, "build"], cwd=site, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"aula build failed for {spec['corpus']}:\n{out.stderr[-3000:]}")
    return site, os.path.join(site, "public")


def lesson_urls(public):
    """Source path (without .md) → site-relative lesson folder, from the built pages."""
    urls = {}
    for page in glob.glob(os.path.join(public, "**", "index.html"), recursive=True):
        rel = os.path.relpath(os.path.dirname(page), public)
        urls[rel] = rel + "/"
    return urls


class Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly and counts the bytes of the search files it sends; node reads and
    resets the count at /__bytes (so requests from Pagefind's web worker count too)."""

    sent = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/__bytes"):
            body = json.dumps(Counting.sent).encode()
            Counting.sent = []
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        path = self.translate_path(self.path)
        if os.path.isfile(path) and re.search(r"/(search-index|pagefind)/|/search\.js$", self.path.split("?")[0]):
            Counting.sent.append([self.path.split("?")[0], os.path.getsize(path)])
        super().do_GET()


def serve(folder):
    handler = functools.partial(Counting, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--npm", default="/tmp/aula-bench-npm")
    ap.add_argument("--work", default="/dev/shm/aula-search-bench")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("sets", nargs="*", default=sorted(glob.glob(os.path.join(HERE, "queries", "*.json"))))
    args = ap.parse_args()
    playwright, pagefind = npm_tools(args.npm)
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for path in args.sets:
        spec = json.load(open(path))
        site, public = build_site(spec, args.work)
        folders = lesson_urls(public)
        for item in spec["queries"]:
            # The lesson's folder: its source path with numeric prefixes off, as aula slugs it.
            parts = item["relevant"].split("/")
            parts[-1] = parts[-1].split("-", 1)[1] if parts[-1][:2].isdigit() else parts[-1]
            want = "/".join(parts)
            if want not in folders:
                sys.exit(f"{spec['corpus']}: no page for {item['relevant']} ({want})")
            item["url"] = folders[want]
        resolved = os.path.join(args.work, spec["corpus"] + ".queries.json")
        json.dump(spec, open(resolved, "w"))
        subprocess.run([pagefind, "--site", public], check=True, stdout=subprocess.DEVNULL)
        server = serve(public)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        cold = ",".join(spec.get("cold", [q["q"] for q in spec["queries"][:3]]))
        out = subprocess.run(["node", os.path.join(HERE, "search_relevance.mjs"), playwright, base, resolved, cold],
                             capture_output=True, text=True)
        server.shutdown()
        if out.returncode != 0:
            sys.exit(out.stderr[-3000:])
        result = json.loads(out.stdout)
        for system, r in result.items():
            rows.append((spec["corpus"], system, r))
            if args.verbose:
                for x in r["ranks"]:
                    print(f"  {system:8} {x['rank']:2}  {x['q']:40} {' '.join(x['top'])}")
                print(f"  {system:8} absent: {r['absent']}")
    print(f"{'corpus':26} {'system':9} {'MRR@10':>7} {'R@10':>6} {'absent':>6}  cold-query bytes (files)")
    for corpus, system, r in rows:
        cold = ", ".join(f"{q!r} {c['bytes']} ({c['files']})" for q, c in r["cold"].items())
        print(f"{corpus:26} {system:9} {r['mrr']:7.3f} {r['recall']:6.3f} {r['absentAnswered']:6d}  {cold}")


if __name__ == "__main__":
    main()
