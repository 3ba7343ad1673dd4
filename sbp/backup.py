"""Back up and restore the whole record as one .tar.gz: every table, every media file, and a manifest (ADR 0014).

The archive holds `database.json` (dumpdata of every model, the framework's included), `media/...` (uploaded
papers and built packs, byte for byte) and `manifest.json` (the sha256 and size of each member, the rows of
each table and the migrations the data was made under). It does not depend on the database engine, so a
SQLite backup restores into PostgreSQL and back.

Restoring reads and checks the whole archive before it changes anything, refuses a database or media folder
that holds data unless asked to replace it, and loads the data in one transaction.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT, VERSION = "sbp-backup", 1
MANIFEST, DATABASE, MEDIA = "manifest.json", "database.json", "media/"
ASIDE = ".replaced-"  # where a restore moves the media it replaces, inside MEDIA_ROOT, until it has committed
# `migrate` fills these in an empty database; the backup's own rows replace them.
FILLED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


@dataclass
class Summary:
    rows: int
    tables: int
    files: int
    bytes: int


def tables():
    """Every model with a table of its own: apps' models, their many-to-many tables and the framework's."""
    every = apps.get_models(include_auto_created=True)
    return [model for model in every if model._meta.managed and not model._meta.proxy]


def row_counts():
    return {model._meta.label_lower: model._base_manager.count() for model in tables()}


def applied_migrations():
    applied = defaultdict(list)
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied[app].append(name)
    return dict(applied)


def media_files():
    """Every file under MEDIA_ROOT, as (path in the archive, path on disk)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = (
        path for path in root.rglob("*") if path.is_file() and not path.relative_to(root).parts[0].startswith(ASIDE)
    )
    return sorted((MEDIA + path.relative_to(root).as_posix(), path) for path in found)


def write(target):
    """Write the backup to `target` (a path); a half-written file never takes the target's name."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    members = {}
    try:
        partial.touch(mode=0o600)  # readable by its owner only: it holds password hashes and sessions
        with tarfile.open(partial, "w:gz") as archive, snapshot():
            add(archive, DATABASE, dump(), members)
            rows = row_counts()
            migrations = applied_migrations()
            for name, path in media_files():
                add(archive, name, path.read_bytes(), members)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": timezone.now().isoformat(),
                "engine": connection.vendor,
                "migrations": migrations,
                "rows": rows,
                "files": members,
            }
            add(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode(), {})
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    media = [entry for name, entry in members.items() if name.startswith(MEDIA)]
    return Summary(sum(rows.values()), len(rows), len(media), sum(entry["bytes"] for entry in media))


@contextmanager
def snapshot():
    """One transaction for the whole dump, so every table is read as of the same moment while the site runs.

    PostgreSQL reads each statement afresh by default (READ COMMITTED): a repeatable-read transaction sees one
    snapshot throughout. SQLite's read transaction already does.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def dump():
    """dumpdata's JSON of every row of every table, read through base managers so that none is hidden.

    Unlike dumpdata, many-to-many rows are saved as rows of their own tables (a restore would otherwise number
    them afresh), and times keep their microseconds (dumpdata keeps milliseconds): a restore gives back the very
    values.
    """
    objects = []
    for model in tables():
        fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
        rows = model._base_manager.order_by("pk").iterator()
        objects += serializers.serialize("python", rows, fields=fields)
    return json.dumps(objects, cls=ExactJSONEncoder, ensure_ascii=False).encode()


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def add(archive, name, data, members):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data))
    members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def restore(source, replace=False):
    """Replace the database and media with the backup's, after checking all of it. Returns its Summary."""
    with tempfile.TemporaryDirectory(prefix="sbp-restore-") as staging:
        staging = Path(staging)
        manifest = unpack(Path(source), staging)
        check_migrations(manifest)
        if not replace:
            check_empty()
        media = MediaSwap(staging / "media")
        try:
            with transaction.atomic():
                load(staging / DATABASE, manifest)
                media.apply()
        except BaseException:
            media.undo()
            raise
        media.finish()
    ContentType.objects.clear_cache()  # the restored content types may carry other ids
    restored = [entry for name, entry in manifest["files"].items() if name.startswith(MEDIA)]
    return Summary(
        sum(manifest["rows"].values()), len(manifest["rows"]), len(restored), sum(e["bytes"] for e in restored)
    )


def unpack(source, staging):
    """Extract every member into `staging` and check it against the manifest; the manifest, if all is well."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            found = {member.name: extract(archive, member, staging) for member in archive}
            # Read on to the end, so gzip checks its CRC of the whole file and finds a cut-off end.
            while archive.fileobj.read(1 << 20):
                pass
    except FileNotFoundError:
        raise BackupError(f"{source}: no such file.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{source} is not a complete backup ({error}): it is truncated or corrupted. Nothing was changed."
        ) from None
    if MANIFEST not in found:
        raise BackupError(f"{source} has no {MANIFEST}: it is not an SBP Boards backup. Nothing was changed.")
    manifest = json.loads((staging / MANIFEST).read_bytes())
    if (manifest.get("format"), manifest.get("version")) != (FORMAT, VERSION):
        raise BackupError(f"{source} is not an SBP Boards backup of version {VERSION}. Nothing was changed.")
    found.pop(MANIFEST)
    for name in sorted(found.keys() | manifest["files"].keys()):
        problem = mismatch(name, found.get(name), manifest["files"].get(name))
        if problem:
            raise BackupError(f"{source}: {name} {problem}: the backup is corrupted. Nothing was changed.")
    return manifest


def extract(archive, member, staging):
    name = PurePosixPath(member.name)
    if not member.isfile() or name.is_absolute() or ".." in name.parts:
        raise BackupError(f"{archive.name}: unexpected member {member.name!r}. Nothing was changed.")
    data = archive.extractfile(member).read()
    path = staging / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def mismatch(name, found, listed):
    if listed is None:
        return "is not in the manifest"
    if found is None:
        return "is missing"
    if found != listed:
        return f"has sha256 {found['sha256'][:12]}… ({found['bytes']} bytes), not {listed['sha256'][:12]}… as listed"
    return None


def check_migrations(manifest):
    """Data loads only into the schema it was dumped from: the same migrations, no more and no fewer."""
    here, there = applied_migrations(), manifest["migrations"]
    if here != there:
        differ = sorted(app for app in here.keys() | there.keys() if here.get(app) != there.get(app))
        latest = ", ".join(f"{app} {(there.get(app) or ['none'])[-1]}" for app in differ)
        raise BackupError(
            f"The backup was made at other migrations ({latest}) than this database has. Restore with the version "
            "of SBP Boards that made it, into a database migrated with it. Nothing was changed."
        )


def check_empty():
    filled = {label: rows for label, rows in row_counts().items() if rows and label not in FILLED_BY_MIGRATE}
    files = media_files()
    if filled or files:
        held = [f"{label} ({rows} rows)" for label, rows in sorted(filled.items())[:3]]
        if files:
            held.append(f"{len(files)} media files in {settings.MEDIA_ROOT}")
        raise BackupError(
            f"This site already holds data: {', '.join(held)}{' and more' if len(filled) > 3 else ''}. "
            "Restore into an empty, migrated database, or pass --replace to replace everything. Nothing was changed."
        )


def load(dumped, manifest):
    """Empty every table and load the dump, inside the caller's transaction; the rows must come out as listed."""
    # Unmanaged tables (the search index) are the database's to keep in step: its triggers empty them with the rows.
    names = connection.introspection.django_table_names(only_existing=True, include_views=False)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), names, allow_cascade=True))
    call_command("loaddata", str(dumped), verbosity=0)
    counted = row_counts()
    if counted != manifest["rows"]:
        wrong = sorted(
            label
            for label in counted.keys() | manifest["rows"].keys()
            if counted.get(label) != manifest["rows"].get(label)
        )
        raise BackupError(f"The restored tables {', '.join(wrong)} do not hold the rows listed. Nothing was changed.")


class MediaSwap:
    """Put the backup's files in MEDIA_ROOT: the files there are moved aside (within MEDIA_ROOT, so a mounted
    folder works), put back by `undo`, and deleted by `finish` once the database has committed."""

    def __init__(self, staged):
        self.staged, self.root, self.aside = staged, Path(settings.MEDIA_ROOT), None

    def apply(self):
        self.root.mkdir(parents=True, exist_ok=True)
        self.aside = Path(tempfile.mkdtemp(prefix=ASIDE, dir=self.root))
        for entry in self.present():
            entry.rename(self.aside / entry.name)
        for path in sorted(self.staged.rglob("*")) if self.staged.is_dir() else []:
            if path.is_file():
                destination = self.root / path.relative_to(self.staged)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)

    def undo(self):
        if self.aside is None:
            return
        for entry in self.present():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in list(self.aside.iterdir()):
            entry.rename(self.root / entry.name)
        self.aside.rmdir()

    def finish(self):
        shutil.rmtree(self.aside, ignore_errors=True)

    def present(self):
        return [entry for entry in self.root.iterdir() if entry != self.aside]
