"""Which code is running: a digest of the project's Python modules, templates and
pinned dependencies (pyproject.toml), read when the process starts.

HTML kept in the shared cache is keyed by it, so that after a deploy no page shows
what the previous code drew (the cache, Redis, outlives the processes).
"""

import functools
import hashlib
import os

from django.conf import settings

SKIPPED = {".git", ".venv", "var", "media", "staticfiles", "tests", "benchmarks", "__pycache__"}


@functools.cache
def release() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for root, dirs, files in os.walk(settings.BASE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".html")) or name == "pyproject.toml":
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, settings.BASE_DIR).encode())
                with open(path, "rb") as file:
                    digest.update(file.read())
    return digest.hexdigest()
