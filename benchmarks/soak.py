"""Soak test: the production setup under a few minutes of parallel, mixed use.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vitae_soak \\
        python benchmarks/soak.py [--duration 150] [--clients 6]

Runs the app as deployed (README, "Deploying for real"): gunicorn with sync workers and
production settings (DEBUG off, SECRET_KEY, ALLOWED_HOSTS, manifest static files) on
PostgreSQL, behind a "proxy" on loopback (every request says X-Forwarded-Proto https and
X-Forwarded-For a client address of its own, TRUSTED_PROXIES=127.0.0.1), with the task
worker (``manage.py worker``) parsing uploads. Uploads and the file cache go to a
temporary folder; the database is the one DATABASE_URL names (use one of your own:
it is migrated and the sample CVs are imported into it).

Parallel clients, each with its own address and cookies, run until ``--duration`` ends.
Anonymous clients browse (home, directory, search, profiles, publications, the API,
HEAD requests). Researchers sign up, then up to ``--uploads`` times upload a fictional
CV from samples/ (renamed for them), wait for the worker to parse it, review it (a draft
edit), import it and edit their profile. Shared co-authors and papers make imports of
different clients meet in the same rows.

Prints the requests, the responses by status, p50/p99 latency by kind, the memory of
the worker and the web workers at the start and the end, each upload's fate, and the
exceptions the server logged. Exits with 1 on any 5xx, failed connection, lost upload
(accepted but never parsed, or its file missing) or failed import.
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Each sample CV and its owner's name as written, replaced by the uploader's own.
UPLOADS = [
    ("mara-okonkwo-lind.md", "Mara Okonkwo-Lind"),
    ("tomas-ferreira.txt", "Tomás Ferreira"),
    ("jun-wei-tan.html", "Jun Wei Tan"),
]
GIVEN = ["Ines", "Oskar", "Leila", "Bruno", "Hana", "Pavel", "Noor", "Emil", "Sofia", "Tariq"]
FAMILY = ["Varga", "Lindqvist", "Moreau", "Adeyemi", "Castell", "Rowe", "Sato", "Brandt"]
PASSWORD = "soak test password 42"
SEARCHES = ["memory", "Ferreira", "learning", "MIT", "tan", "systems", "marsh"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=150, help="seconds of load")
    parser.add_argument("--clients", type=int, default=6, help="parallel clients")
    parser.add_argument("--researchers", type=float, default=0.5, help="share who sign up")
    parser.add_argument("--uploads", type=int, default=3, help="CVs per researcher at most")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


# --- processes --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total += int(match.group(1)) * 1024 if match else 0
    return total


@dataclass
class Memory:
    samples: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def sample(self, processes: dict[str, int]) -> None:
        for name, pid in processes.items():
            self.samples[name].append(tree_rss(pid))


class Site:
    """gunicorn and the task worker with production settings, on a free loopback port."""

    def __init__(self, workers: int, folder: Path) -> None:
        self.port = free_port()
        self.workers = workers
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": f"soak-{uuid.uuid4().hex}-not-a-real-secret",
            "ALLOWED_HOSTS": "127.0.0.1",
            "TRUSTED_PROXIES": "127.0.0.1",
            "UPLOAD_ROOT": str(folder / "uploads"),
            "CACHE_DIR": str(folder / "cache"),
            "LOG_LEVEL": "WARNING",
        }
        self.log = folder / "server.log"
        self.processes: dict[str, subprocess.Popen] = {}

    def manage(self, *args: str) -> None:
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def __enter__(self) -> Site:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_samples")  # something to browse; a sample imported before is skipped
        log = self.log.open("w")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.processes["web"] = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi:application",
                f"--workers={self.workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes["worker"] = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "0.5"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def __exit__(self, *exc) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def pids(self) -> dict[str, int]:
        return {name: process.pid for name, process in self.processes.items()}


# --- clients ----------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    uploads: list[int] = field(default_factory=list)
    failed_imports: list[str] = field(default_factory=list)
    events: Counter = field(default_factory=Counter)

    def record(self, kind: str, status: int | str, seconds: float, where: str) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.statuses[status] += 1
            if not isinstance(status, int) or status >= 500:
                self.server_errors.append(f"{status} {where}")


def form_fields(html: str, field_name: str) -> dict[str, str] | None:
    """The fields of the first POST form that has ``field_name``, as a browser sends them."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form", method=re.compile("post", re.I)):
        if not form.find(attrs={"name": field_name}):
            continue
        data = {}
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            kind = (element.get("type") or "").lower()
            if not name or kind in {"submit", "button", "file", "image", "reset"}:
                continue
            if kind in {"checkbox", "radio"}:
                if element.has_attr("checked"):
                    data[name] = element.get("value", "on")
            elif element.name == "textarea":
                data[name] = element.text
            elif element.name == "select":
                chosen = element.find("option", selected=True) or element.find("option")
                data[name] = chosen.get("value", chosen.text) if chosen else ""
            else:
                data[name] = element.get("value", "")
        return data
    return None


def multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Client:
    def __init__(self, number: int, port: int, stats: Stats, links: list[str], seed: int):
        self.number = number
        self.port = port
        self.stats = stats
        self.links = links  # pages found while browsing, shared by every client
        self.random = random.Random(seed * 1000 + number)
        # Addresses from the benchmarking range (RFC 2544), one per client.
        self.address = f"198.18.{number // 250}.{number % 250 + 1}"
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{port}"

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response | None:
        sent = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            **(
                {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
                if self.cookies
                else {}
            ),
            **(headers or {}),
        }
        if method == "POST":
            sent |= {"Origin": self.origin, "Referer": self.origin + path}
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            conn.close()
        except OSError as error:
            self.stats.record(kind, type(error).__name__, time.perf_counter() - started, path)
            return None
        self.stats.record(kind, raw.status, time.perf_counter() - started, f"{method} {path}")
        for cookie in raw.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value in {"", '""'}:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return Response(raw.status, raw.headers, text)

    def post_form(self, kind: str, path: str, fields: dict[str, str]) -> Response | None:
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        return self.request(
            kind,
            "POST",
            path,
            urlencode(fields).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    # -- anonymous browsing

    def browse(self) -> None:
        choice = self.random.random()
        if choice < 0.15 or not self.links:
            page = self.request("directory", "GET", "/people/?sort=recent")
            if page and page.status == 200:
                found = set(re.findall(r'href="(/people/[a-z0-9-]+/)"', page.text))
                with self.stats.lock:
                    self.links[:] = sorted(set(self.links) | found)[-200:]
        elif choice < 0.45:
            page = self.request("profile", "GET", self.random.choice(self.links))
            if page and page.status == 200:
                papers = re.findall(r'href="(/publications/[a-z0-9-]+/)"', page.text)
                if papers:
                    self.request("publication", "GET", self.random.choice(papers))
        elif choice < 0.6:
            query = urlencode({"q": self.random.choice(SEARCHES)})
            self.request("search", "GET", f"/search/?{query}")
        elif choice < 0.7:
            self.request("home", "GET", "/")
        elif choice < 0.85:
            api = self.random.choice(["people", "publications", "venues", "organizations"])
            self.request("api", "GET", f"/api/v1/{api}/")
        else:
            self.request("head", "HEAD", self.random.choice(["/healthz", "/", "/people/"]))

    # -- a researcher: sign up, upload, review, import, edit

    def sign_up(self, name: str) -> bool:
        self.request("signup", "GET", "/accounts/signup/")
        username = f"{name.split()[0].lower()}{uuid.uuid4().hex[:8]}"
        response = self.post_form(
            "signup",
            "/accounts/signup/",
            {
                "username": username,
                "email": f"{username}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        return response is not None and response.status == 302

    def upload(self, name: str) -> int | None:
        sample, owner = self.random.choice(UPLOADS)
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        text = text.replace(owner, name).replace(owner.upper(), name.upper())
        self.request("upload", "GET", "/upload/")
        token = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        body, content_type = multipart(token, sample, text.encode())
        response = self.request("upload", "POST", "/upload/", body, {"Content-Type": content_type})
        if response is None or response.status != 302:
            return None
        match = re.match(r"/documents/(\d+)/", response.headers.get("Location", ""))
        if not match:
            return None
        pk = int(match.group(1))
        with self.stats.lock:
            self.stats.uploads.append(pk)
        return pk

    def wait_parsed(self, pk: int, limit: float = 90) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            response = self.request(
                "status", "GET", f"/documents/{pk}/status/", headers={"HX-Request": "true"}
            )
            if response is not None and response.headers.get("HX-Refresh"):
                return True
            time.sleep(1)
        return False

    def review_and_import(self, pk: int) -> str | None:
        page = self.request("review", "GET", f"/documents/{pk}/")
        if page is None or page.status != 200 or f"/documents/{pk}/import/" not in page.text:
            self.stats.events["not reviewable"] += 1
            return None
        edit = self.request("review", "GET", f"/documents/{pk}/person/0/edit/")
        fields = form_fields(edit.text, "headline") if edit and edit.status == 200 else None
        if fields is not None:
            fields["headline"] = f"Researcher (soak draft {self.random.randrange(1000)})"
            self.post_form("review", f"/documents/{pk}/person/0/edit/", fields)
        done = self.post_form("import", f"/documents/{pk}/import/", {})
        if done is None or done.status != 302:
            return None
        where = done.headers.get("Location", "")
        if where.startswith("/people/"):
            self.stats.events["imported"] += 1
            return where
        page = self.request("import", "GET", where)
        reason = re.search(r"The import failed[^<]*", page.text) if page else None
        with self.stats.lock:
            self.stats.failed_imports.append(html.unescape(reason.group(0) if reason else where))
        return None

    def edit_profile(self, profile: str) -> None:
        slug = profile.strip("/").split("/")[-1]
        form = self.request("edit", "GET", f"/edit/people/{slug}/header/")
        fields = form_fields(form.text, "headline") if form and form.status == 200 else None
        if fields is None:
            self.stats.events["no edit form"] += 1
            return
        fields["headline"] = f"Researcher, edited {self.random.randrange(1000)}"
        saved = self.post_form("edit", f"/edit/people/{slug}/header/", fields)
        if saved is not None and saved.status == 302:
            self.stats.events["edited"] += 1

    def run(self, deadline: float, researcher: bool, uploads: int) -> None:
        name = f"{GIVEN[self.number % len(GIVEN)]} {FAMILY[self.number * 7 % len(FAMILY)]}"
        signed_up = researcher and self.sign_up(name)
        left = uploads if signed_up else 0
        while time.monotonic() < deadline:
            if left and self.random.random() < 0.25:
                left -= 1
                pk = self.upload(name)
                if pk is not None and self.wait_parsed(pk):
                    profile = self.review_and_import(pk)
                    if profile:
                        self.request("profile", "GET", profile)
                        self.edit_profile(profile)
            else:
                self.browse()
                time.sleep(self.random.uniform(0, 0.3))  # a person reads


# --- the report ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def megabytes(value: int) -> str:
    return f"{value / 1024 / 1024:.0f} MB"


def upload_fates(pks: list[int], env: dict[str, str], wait: float) -> tuple[Counter, list[str]]:
    """Each accepted upload's status once the worker is done (or ``wait`` s have passed),
    and the ones lost: never parsed, gone, or without their stored file."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from profiles.models import CVDocument

    waiting = {CVDocument.Status.UPLOADED, CVDocument.Status.PARSING}
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not CVDocument.objects.filter(pk__in=pks, status__in=waiting).exists():
            break
        time.sleep(1)
    documents = {document.pk: document for document in CVDocument.objects.filter(pk__in=pks)}
    fates, lost = Counter(), []
    for pk in pks:
        document = documents.get(pk)
        if document is None:
            lost.append(f"document {pk}: gone")
            continue
        fates[document.status] += 1
        if document.status in waiting or document.status == CVDocument.Status.FAILED:
            lost.append(f"document {pk}: {document.status} {document.error or ''}".strip())
        elif not document.file or not document.file.storage.exists(document.file.name):
            lost.append(f"document {pk}: its file is missing")
    return fates, lost


def main() -> int:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of your own (it is migrated).")
    folder = Path(tempfile.mkdtemp(prefix="vitae-soak-"))
    stats, memory, links = Stats(), Memory(), []
    try:
        with Site(args.web_workers, folder) as site:
            memory.sample(site.pids())
            started = time.monotonic()
            deadline = started + args.duration
            researchers = round(args.clients * args.researchers)
            clients = [
                threading.Thread(
                    target=Client(n, site.port, stats, links, args.seed).run,
                    args=(deadline, n < researchers, args.uploads),
                )
                for n in range(args.clients)
            ]
            for client in clients:
                client.start()
            while any(client.is_alive() for client in clients):
                time.sleep(2)
                memory.sample(site.pids())
            elapsed = time.monotonic() - started
            fates, lost = upload_fates(stats.uploads, site.env, wait=120)
            memory.sample(site.pids())
            server_log = site.log.read_text()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    requests = sum(stats.statuses.values())
    all_times = [t for times in stats.times.values() for t in times]
    print(
        f"Soak: {args.clients} clients ({researchers} researchers) for {elapsed:.0f} s, "
        f"gunicorn with {args.web_workers} workers and the worker, PostgreSQL"
    )
    print(f"requests: {requests} ({requests / elapsed:.1f}/s)")
    print(
        "by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses.items(), key=str))
    )
    print(
        f"latency: p50 {percentile(all_times, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(all_times, 0.99) * 1000:.0f} ms"
    )
    print(f"{'kind':<12} {'n':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, times in sorted(stats.times.items()):
        print(
            f"{kind:<12} {len(times):>6} {percentile(times, 0.5) * 1000:>8.0f} "
            f"{percentile(times, 0.99) * 1000:>8.0f}"
        )
    for name, samples in memory.samples.items():
        print(
            f"memory of {name}: {megabytes(samples[0])} at start, peak {megabytes(max(samples))}, "
            f"{megabytes(samples[-1])} at the end (growth {megabytes(samples[-1] - samples[0])})"
        )
    print(
        f"uploads accepted: {len(stats.uploads)}; "
        + ", ".join(f"{s}: {n}" for s, n in fates.items())
    )
    for event, count in sorted(stats.events.items()):
        print(f"  {event}: {count}")
    # The last line of each traceback names the exception.
    exceptions = Counter(
        re.findall(r"^Traceback[\s\S]*?^(\w[\w.]*(?:Error|Exception)\b.*)$", server_log, re.M)
    )
    for exception, count in exceptions.most_common():
        print(f"server log: {count} x {exception[:200]}")
    problems = stats.server_errors + lost + [f"import failed: {m}" for m in stats.failed_imports]
    for problem in problems[:20]:
        print(f"ERROR {problem[:300]}")
    print("FAIL" if problems else "OK: no 5xx, no lost upload")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
