"""Benchmark the resource library under gunicorn on PostgreSQL: `make bench`.

What it does, start to finish:
1. drops and recreates a PostgreSQL database (`coa_bench`), migrates it and builds the
   demo content (`manage.py demo_content`), with media files in a temporary folder;
2. starts gunicorn (`coa_site.wsgi`, production settings except for static files: see
   BENCH_SETTINGS; 2 workers) on a free loopback port, with a bench-only SECRET_KEY,
   Redis as the cache (`REDIS_URL`, database 14 by default) and SECURE_SSL_REDIRECT off
   (plain HTTP on 127.0.0.1);
3. warms each target up, then sends a bounded load (4 clients x 100 requests per target
   by default, in 5 interleaved rounds, each target stopping early after 60 seconds in
   all) and measures requests per second and the 50th and 95th percentile latency of:
   - a public subject folder page,
   - a public resource page,
   - that resource's counted download (`<resource>/download/`),
   - the same document through Wagtail's own URL (`/documents/<id>/<file>`), which the
     library's `before_serve_document` hook also counts,
   - the baseline: the same bytes as a document no resource uses (linked from the public
     About page, since a document no live page uses is for the admin only), through Wagtail's own
     URL (not counted), so "counting" costs `baseline / counted` in throughput;
4. checks the downloads recorded equal the downloads sent, prints a Markdown table and
   writes it to bench/results.md;
5. stops gunicorn, removes the temporary folder and drops the database, also on error or
   Ctrl-C (`--keep-db` keeps the database).

Loopback only; needs PostgreSQL (`--pg`, default postgres://postgres@127.0.0.1:5432) and
Redis (`--redis`).
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"

#: Production settings with one change: static files through the plain storage, so the bench
#: needs no `collectstatic` run first. Page rendering only builds static URLs (gunicorn does
#: not serve static files), so the difference does not show in these timings.
BENCH_SETTINGS = """
from coa_site.settings.production import *  # noqa: F403
from coa_site.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
"""

PICK_TARGETS = r"""
import json
from django.core.files.base import ContentFile
from django.test import RequestFactory
from core import access
from wagtail.rich_text import RichText
from home.models import StandardPage
from resources.models import ResourceDocument, ResourcePage, SubjectFolderPage

request = RequestFactory().get("/")
folder = next(
    f for f in SubjectFolderPage.objects.live().public().order_by("path")
    if not access.is_members_only(request, f)
    and ResourcePage.objects.live().child_of(f).filter(document__file__endswith=".pdf").exists()
)
resource = (
    ResourcePage.objects.live().public().child_of(folder)
    .filter(document__file__endswith=".pdf").select_related("document").order_by("path").first()
)
document = resource.document
with document.open_file() as source:
    data = source.read()
baseline = ResourceDocument(title="Bench baseline: not attached to any resource")
baseline.file.save("bench-baseline.pdf", ContentFile(data), save=False)
baseline._set_document_file_metadata()
baseline.save()
# A document no live page uses is for the admin only: the baseline is linked from the public
# About page, so it is served to visitors by Wagtail, past the access policy, uncounted.
about = StandardPage.objects.live().public().get(
    footer_link="about", locale__language_code="en-gb"
)
about.body.append(
    ("paragraph", RichText(f'<p><a linktype="document" id="{baseline.pk}">Bench file</a></p>'))
)
about.save_revision().publish()
print(json.dumps({
    "folder": folder.url,
    "resource": resource.url,
    "resource_id": resource.pk,
    "download": resource.url + "download/",
    "wagtail_counted": document.url,
    "wagtail_uncounted": baseline.url,
    "file_size": len(data),
}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="coa_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=100, help="per client")
    parser.add_argument("--rounds", type=int, default=5, help="turns each target takes")
    parser.add_argument("--warmup", type=int, default=10, help="requests per target")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per target")
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(pg):
    return psycopg.connect(f"{pg}/postgres", autocommit=True)


def recreate_database(pg, name):
    with admin_connection(pg) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(pg, name):
    with admin_connection(pg) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def manage(env, log, *args, capture=False):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        stdout=subprocess.PIPE if capture else log,
        stderr=log,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args[:1])} failed: see {log.name}")
    print(f"  manage.py {args[0]}: {time.monotonic() - started:.1f} s", flush=True)
    return result.stdout


def start_gunicorn(env, port, workers, log):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coa_site.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,  # its own process group, so stopping it stops its workers
    )


def stop(process):
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting: see the log")
        try:
            requests.get(base + "/", timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within a minute")


def load(url, clients, per_client, max_seconds, expect_bytes=None):
    """`clients` threads each sending up to `per_client` GETs (stopping at `max_seconds`).

    Returns (latencies in seconds of the successful requests, errors, wall time).
    """
    latencies, errors = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client():
        session = requests.Session()
        mine, bad = [], []
        for _ in range(per_client):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            try:
                response = session.get(url, timeout=30, allow_redirects=False)
                body = response.content
            except requests.RequestException as error:
                bad.append(repr(error))
                continue
            elapsed = time.perf_counter() - started
            if response.status_code != 200 or (
                expect_bytes is not None and len(body) != expect_bytes
            ):
                bad.append(f"{response.status_code} ({len(body)} bytes)")
            else:
                mine.append(elapsed)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def count_downloads(database_url, resource_id):
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT count(*) FROM resources_resourceevent WHERE kind = 'download' "
            "AND resource_id = %s",
            [resource_id],
        ).fetchone()[0]


#: A topic of 200 posts by 40 members on a public board (the forums' demo has shorter ones),
#: with reactions on some, to time a long conversation's first and last pages.
FORUM_TARGET = r"""
import json
from datetime import timedelta
from django.utils import timezone
from forums import markdown
from forums.models import BoardPage, ForumIndexPage, Post, Reaction, Topic
from core import access
from django.test import RequestFactory
from members.models import MemberProfile

request = RequestFactory().get("/")
board = next(
    b for b in BoardPage.objects.live().public().filter(locale__language_code="en-gb")
    if not access.is_members_only(request, b)
)
writers = [
    p.user for p in MemberProfile.objects.filter(status=MemberProfile.Status.APPROVED)
    .select_related("user")[:40]
]
start = timezone.now() - timedelta(days=20)
topic = Topic.objects.create(board=board, title="Bench: a long conversation", created_at=start)
body = "A reply with **some** Markdown, a [link](https://example.org) and a list:\n\n- one\n- two"
html = markdown.render(body)
posts = Post.objects.bulk_create(
    Post(topic=topic, author=writers[n % len(writers)], body=body, body_html=html,
         created_at=start + timedelta(minutes=n))
    for n in range(200)
)
Reaction.objects.bulk_create(
    Reaction(post=post, member=writers[(n + 1) % len(writers)], kind="thank_you")
    for n, post in enumerate(posts) if n % 3 == 0
)
topic.recount()
url = board.url + board.reverse_subpage("topic", args=[topic.pk])
print(json.dumps({"board": board.url, "topic": url, "last": url + "?page=10"}))
"""


def run(args, workdir, log):
    database_url = f"{args.pg}/{args.db}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coa_bench_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(workdir), os.environ.get("PYTHONPATH")])),
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "https://bench.community-of-action.example",
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis,
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "COA_VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
    }
    (workdir / "coa_bench_settings.py").write_text(BENCH_SETTINGS)
    print(f"Database {args.db}: dropped and created; log in {log.name}", flush=True)
    recreate_database(args.pg, args.db)
    manage(env, log, "migrate", "--noinput")
    manage(env, log, "demo_content")
    picked = manage(env, log, "shell", "--no-imports", "-c", PICK_TARGETS, capture=True)
    targets = json.loads(picked.strip().splitlines()[-1])
    forum = manage(env, log, "shell", "--no-imports", "-c", FORUM_TARGET, capture=True)
    targets["forum"] = json.loads(forum.strip().splitlines()[-1])

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(env, port, args.workers, log)
    try:
        wait_until_up(base, gunicorn)
        rows = []
        size = targets["file_size"]
        # (label, path, expected body size, whether each answered GET records a download)
        plan = [
            ("Folder page", targets["folder"], None, False),
            ("Resource page", targets["resource"], None, False),
            ("Download, counted (resource `download/`)", targets["download"], size, True),
            (
                "Same document, Wagtail URL (counted by the hook)",
                targets["wagtail_counted"],
                size,
                True,
            ),
            (
                "Same bytes, Wagtail URL, not counted (baseline)",
                targets["wagtail_uncounted"],
                size,
                False,
            ),
            ("Forum board", targets["forum"]["board"], None, False),
            ("Forum topic of 200 posts, first page", targets["forum"]["topic"], None, False),
            ("Forum topic of 200 posts, last page", targets["forum"]["last"], None, False),
        ]
        downloads_before = count_downloads(database_url, targets["resource_id"])
        sent_counted = 0
        for _label, path, expect_bytes, counted in plan:
            warm, _errors, _wall = load(
                base + path, 1, args.warmup, args.max_seconds, expect_bytes
            )
            sent_counted += len(warm) if counted else 0
        # The targets take turns, a slice of the load each, so a burst of other work on the
        # machine slows them all alike instead of whichever was running at the time.
        measured = {label: ([], [], 0.0) for label, *_rest in plan}
        per_round = max(args.requests // args.rounds, 1)
        for _round in range(args.rounds):
            for label, path, expect_bytes, counted in plan:
                latencies, errors, wall = load(
                    base + path,
                    args.clients,
                    per_round,
                    args.max_seconds / args.rounds,
                    expect_bytes,
                )
                all_latencies, all_errors, all_wall = measured[label]
                measured[label] = (all_latencies + latencies, all_errors + errors, all_wall + wall)
                sent_counted += len(latencies) if counted else 0
        for label, path, _expect_bytes, _counted in plan:
            latencies, errors, wall = measured[label]
            rows.append(
                {
                    "label": label,
                    "path": path,
                    "ok": len(latencies),
                    "errors": len(errors),
                    "first_error": errors[0] if errors else "",
                    "rps": len(latencies) / wall if wall else 0.0,
                    "p50": percentile(latencies, 0.50) * 1000,
                    "p95": percentile(latencies, 0.95) * 1000,
                }
            )
            print(f"  {label}: {rows[-1]['rps']:.0f} req/s", flush=True)
        recorded = count_downloads(database_url, targets["resource_id"]) - downloads_before
        # One reader at a time: how long the 200-post topic takes to render and answer.
        alone, _errors, _wall = load(base + targets["forum"]["topic"], 1, 50, args.max_seconds)
        targets["topic_alone_ms"] = (percentile(alone, 0.5) * 1000, percentile(alone, 0.95) * 1000)
    finally:
        stop(gunicorn)
    return rows, targets, sent_counted, recorded


def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}x" if denominator else "n/a"


def table(rows, targets, sent_counted, recorded, args):
    route, hooked, baseline = rows[2], rows[3], rows[4]
    lines = [
        "# Benchmark: resource library and forums under gunicorn on PostgreSQL",
        "",
        f"`make bench` ({time.strftime('%Y-%m-%d %H:%M')}): gunicorn {args.workers} sync workers, "
        f"production settings, PostgreSQL, Redis cache; {args.clients} concurrent clients x "
        f"{args.requests} requests per target in {args.rounds} interleaved rounds, after "
        f"{args.warmup} warm-up requests; loopback. "
        f"The document is a {targets['file_size']:,}-byte PDF from the demo content.",
        "",
        "| target | URL | requests | errors | req/s | p50 ms | p95 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['ok']} | {row['errors']} | "
            f"{row['rps']:.1f} | {row['p50']:.1f} | {row['p95']:.1f} |"
        )
    lines += [
        "",
        "Cost of counting, as ratios to the uncounted baseline (throughput: baseline req/s over "
        "the target's; latency: the target's p50 over the baseline's):",
        "",
        f"- the access rule and counting (the same document through Wagtail's URL, which the "
        f"library's hook checks and counts): "
        f"{ratio(baseline['rps'], hooked['rps'])} throughput, "
        f"{ratio(hooked['p50'], baseline['p50'])} median latency;",
        f"- the library's download route (Wagtail page routing, the access rule and counting): "
        f"{ratio(baseline['rps'], route['rps'])} throughput, "
        f"{ratio(route['p50'], baseline['p50'])} median latency.",
        "",
        f"Downloads recorded for the resource during the run: {recorded} "
        f"(answered GETs to the two counted URLs, warm-up included: {sent_counted}).",
        "",
        "A forum topic of 200 posts (20 a page), one reader at a time, 50 requests: "
        f"p50 {targets['topic_alone_ms'][0]:.1f} ms, p95 {targets['topic_alone_ms'][1]:.1f} ms.",
    ]
    errors = [row for row in rows if row["errors"]]
    for row in errors:
        lines.append(f"Errors for {row['label']}: {row['errors']}, first: {row['first_error']}")
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    # A `kill` (SIGTERM) unwinds like Ctrl-C, so the finally blocks still clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="coa-bench-"))
    log_path = workdir / "bench.log"
    reported = False
    try:
        with open(log_path, "w") as log:
            rows, targets, sent, recorded = run(args, workdir, log)
        report = table(rows, targets, sent, recorded, args)
        RESULTS.write_text(report)
        reported = True
        print()
        print(report)
        print(f"Written to {RESULTS.relative_to(ROOT)}")
        if recorded != sent or any(row["errors"] for row in rows):
            sys.exit(1)
    except BaseException:
        if not reported and log_path.exists():
            print(f"\nThe last lines of the log ({log_path}):", file=sys.stderr)
            print("".join(log_path.read_text().splitlines(True)[-30:]), file=sys.stderr)
        raise
    finally:
        if not args.keep_db:
            try:
                drop_database(args.pg, args.db)
            except psycopg.Error as error:
                print(f"Could not drop the database {args.db}: {error}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
