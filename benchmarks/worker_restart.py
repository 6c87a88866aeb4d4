"""The parse worker killed or stopped mid-parse: no CV is left stuck.

    [DATABASE_URL=postgres://postgres@127.0.0.1:5432/vitae] \
        .venv/bin/python benchmarks/worker_restart.py

On a throw-away database (beside the PostgreSQL one DATABASE_URL names, else an SQLite
file), queues a CV that takes seconds to parse and runs ``manage.py worker``:

1. SIGKILL to the worker's process group mid-parse (what an OOM killer or a lost machine
   does), then a new worker: the CV must end up parsed, without anyone touching it.
2. SIGTERM mid-parse (a deploy): the worker must exit at once with status 0 and the CV
   be back in the queue; a new worker parses it.

Prints what happened and how long it took; exits non-zero when a CV is left stuck.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parent.parent
# Some 10 seconds of parsing on a quiet machine.
SLOW = b"# Jane Doe\n\n## Publications\n\n" + b"A. Author. A title about things. X, 2020.\n" * 15000


def worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=os.environ,
        start_new_session=True,  # its own process group, as under a service manager
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(document, statuses: set[str], seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        document.refresh_from_db()
        if document.status in statuses:
            return time.monotonic() - started
        time.sleep(0.2)
    raise SystemExit(f"{document}: still {document.status} after {seconds:.0f} s")


def scenario() -> None:
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from editing.tasks import parse_document
    from profiles.models import CVDocument

    call_command("migrate", verbosity=0)

    def queued(name: str) -> CVDocument:
        document = CVDocument(original_filename=name, sha256="0" * 64, size=len(SLOW))
        document.file.save(name, ContentFile(SLOW), save=False)
        document.save()
        parse_document.enqueue(document.pk)
        return document

    killed = queued("killed.md")
    process = worker()
    wait_for(killed, {"parsing"}, 60)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    print("SIGKILL mid-parse: the CV is left 'parsing'; a new worker starts")
    process = worker()
    took = wait_for(killed, {"parsed", "failed"}, 180)
    print(f"  the new worker parsed it again: {killed.status} after {took:.0f} s")
    ok = killed.status == "parsed"

    stopped = queued("stopped.md")
    wait_for(stopped, {"parsing"}, 60)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=30)
    stopped.refresh_from_db()
    print(
        f"SIGTERM mid-parse: exit status {code} after {time.monotonic() - started:.1f} s;"
        f" the CV is {stopped.status}"
    )
    ok &= code == 0 and stopped.status == "uploaded"
    process = worker()
    took = wait_for(stopped, {"parsed", "failed"}, 120)
    print(f"  the next worker: {stopped.status} after {took:.0f} s")
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    ok &= stopped.status == "parsed"
    print("no CV left stuck" if ok else "FAILED")
    if not ok:
        raise SystemExit(1)


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["UPLOAD_ROOT"] = str(Path(tmp) / "uploads")
        os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
        admin, name = None, None
        if url.startswith(("postgres://", "postgresql://")):
            config = dj_database_url.parse(url)
            admin = psycopg.connect(url, autocommit=True)
            name = f"{config['NAME']}_worker_restart"
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
            os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/worker.sqlite3"
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        print(f"database: {os.environ['DATABASE_URL']}")
        try:
            scenario()
        finally:
            from django.db import connections

            connections.close_all()
            if admin is not None:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
