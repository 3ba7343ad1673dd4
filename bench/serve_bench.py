"""Benchmark: pages served as in production (gunicorn, 2 workers, DEBUG off) under wrk (20 connections), as
ratios to a trivial template view in the same run.

Pages: the accessibility statement (the trivial template view), the home page, the quarterly dashboard at London
scale (the real MPS borough and ward files, ONS populations), the June 2021 meeting page with 5,000 open actions
as its matters arising, and an unchanged download of its published agenda pack.

Builds a throwaway database (SQLite, or DATABASE_URL's), serves it on the loopback only, and gives each page
`--seconds` of wrk per round; rounds interleave the pages in a rotating order. Nothing is warmed before the
first round but one request per page (checking it answers 200), so each page's caches fill during its own runs.
Targets: dashboard and meeting page at least 30% of the home page's req/s; the pack download at least half the
meeting page's (at most 2x its time); p99 under 500 ms; no errors.

Run: .venv/bin/python bench/serve_bench.py [--rounds 3] [--seconds 5] [--port 8123]
Needs: wrk (Debian package) and gunicorn (in the lock file).
"""

import argparse
import http.client
import io
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BIN = Path(sys.executable).parent
FILES = [
    "MPS_Borough_Level_Crime_Historical_201004-202201.csv",
    "MPS_Borough_Level_Crime_recent24_202401-202512.csv",
    "MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv",
]


def environment(folder, debug):
    return os.environ | {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "sbp.settings",
        "DJANGO_DEBUG": "1" if debug else "0",
        "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_MEDIA_ROOT": f"{folder}/media",
        # Served over plain http on the loopback: no HTTPS redirect, no Secure-only cookies.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_MANIFEST": "1" if not debug else "0",
        "DJANGO_STATIC_ROOT": f"{folder}/static",
        # Set-up builds the published pack in-process; the server serves it and builds nothing.
        "DJANGO_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
    }


def setup(folder):
    """The demo, London-scale figures, 5,000 open actions before June 2021, and a signed-in member's session."""
    os.environ.update(environment(folder, debug=True))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib import auth
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from boards.models import Meeting
    from sbp.models import PartnershipRole
    from sbp.roles import RoleName
    from tests.factories import grow_business

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--without-packs", stdout=quiet)
    call_command("import_crime", *[str(DATA / name) for name in FILES], stdout=quiet)
    call_command("import_population", str(DATA / "ons_mye_london_population_2011-2024_long.csv"), stdout=quiet)
    call_command("seed_demo", stdout=quiet)  # records the June 2021 pack as published
    june = Meeting.objects.get(starts_at__date="2021-06-17")
    grow_business(june, meetings=200, actions_each=25)
    member = User.objects.create_user("bench-member", password=secrets.token_urlsafe())
    PartnershipRole.objects.create(user=member, partnership=june.board.partnership, role=RoleName.BOARD_MEMBER)
    session = SessionStore()
    session[auth.SESSION_KEY] = str(member.pk)
    session[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the one that signs people in
    session[auth.HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return {
        "trivial template view": "/accessibility/",
        "home page": "/",
        "dashboard (London scale)": f"/partnerships/{june.board.partnership.slug}/dashboard/2021-22/q1/",
        "meeting, 5,000 open actions": f"/meetings/{june.pk}/",
        "unchanged pack download": f"/meetings/{june.pk}/pack.pdf",
    }, session.session_key


def serve(folder, port):
    env = environment(folder, debug=False)
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "sbp/gunicorn.conf.py", "sbp.wsgi"],  # as `make serve` runs it
        cwd=ROOT,
        env=env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def check_answers(port, pages, session):
    """Every page answers 200 to the signed-in member: a redirect to sign in would be timed as a fast page."""
    for name, path in pages.items():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path, headers={"Cookie": f"sessionid={session}"})
        status = connection.getresponse().status
        connection.close()
        if status != 200:
            raise SystemExit(f"{name} ({path}) answered {status}, not 200")


def wrk(url, session, seconds):
    """(requests per second, p99 in ms, errors) from one bounded wrk run."""
    out = subprocess.run(
        ["wrk", "-t2", "-c20", f"-d{seconds}s", "--timeout", "10s", "--latency", "-H", f"Cookie: sessionid={session}",
         url],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rate, p99, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--port", type=int, default=8123)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        pages, session = setup(folder)
        server = serve(folder, options.port)
        results = {name: [] for name in pages}
        try:
            check_answers(options.port, pages, session)  # also the first, cold view of each page, in both workers
            names = list(pages)
            for round_number in range(options.rounds):
                shift = round_number % len(names)
                for name in names[shift:] + names[:shift]:
                    results[name].append(wrk(f"http://127.0.0.1:{options.port}{pages[name]}", session, options.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(results, options)


def report(results, options):
    print(f"gunicorn 2 workers, wrk -c20, {options.rounds} rounds x {options.seconds} s per page, interleaved")
    print(f"{'page':32} {'req/s median':>12} {'(min-max)':>15} {'x trivial':>9} {'x home':>7} {'p99 ms':>7} errors")
    median = {name: statistics.median(r for r, _, _ in runs) for name, runs in results.items()}
    for name, runs in results.items():
        rates = [r for r, _, _ in runs]
        p99 = statistics.median(p for _, p, _ in runs)
        print(
            f"{name:32} {median[name]:12.1f} {f'({min(rates):.0f}-{max(rates):.0f})':>15} "
            f"{median[name] / median['trivial template view']:9.2f} {median[name] / median['home page']:7.2f} "
            f"{p99:7.0f} {sum(e for _, _, e in runs)}"
        )
    median = {name: rate or float("nan") for name, rate in median.items()}  # a page that never answered
    home, meeting = median["home page"], median["meeting, 5,000 open actions"]
    print("targets:")
    print(f"  dashboard >= 30% of home: {median['dashboard (London scale)'] / home:.0%}")
    print(f"  meeting page >= 30% of home: {meeting / home:.0%}")
    print(f"  pack download time <= 2x the meeting page's: {meeting / median['unchanged pack download']:.2f}x")
    print(f"  worst p99: {max(p for runs in results.values() for _, p, _ in runs):.0f} ms (target < 500)")


if __name__ == "__main__":
    main()
