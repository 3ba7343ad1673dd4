"""`manage.py backup` and `restore`: every table and every media file come back exactly, and a damaged backup or
a site already holding data is refused with nothing changed."""

import gzip
import io
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from boards import demo
from boards.models import Meeting, PackBuild, ReportAppendix
from crime.models import Release
from sbp import backup
from tests.conftest import BOROUGH_C, import_shared

pytestmark = pytest.mark.django_db

PAPER = b"%PDF-1.7 an uploaded paper \x00\xff" * 500
PACK = b"%PDF-1.7 a built agenda pack \x01\xfe" * 700


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def with_files():
    """The demo data with what only a running site adds: an uploaded paper, an appendix and a built pack."""
    if not Meeting.objects.exists():  # an earlier transactional test emptied the tables
        demo.load_all(with_users=True)
    if not Release.objects.exists():
        import_shared(BOROUGH_C)  # count grids are binary columns: they must come back byte for byte
    june = Meeting.objects.get(starts_at__date="2021-06-17")
    item = june.agenda_items.order_by("position").first()
    item.document.save("paper.pdf", ContentFile(PAPER))
    ReportAppendix.objects.order_by("pk").first().file.save("appendix-a.pdf", ContentFile(PAPER[::-1]))
    build = PackBuild(
        meeting=june, restricted=True, content_hash="f" * 64, status="ready", requested_at=timezone.now(), pages=3
    )
    build.file.save("pack.pdf", ContentFile(PACK))


def every_row():
    """{table: its rows, every column, in primary-key order} for every model Django knows, framework's included."""
    return {
        model._meta.label_lower: [
            tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)
            for row in model._base_manager.order_by("pk").values_list(*(f.attname for f in model._meta.concrete_fields))
        ]
        for model in apps.get_models(include_auto_created=True)
        # Loading the backup is itself a change to the record: the data version's token is new after a restore,
        # so no process serves figures cached before it (sbp/data_version.py).
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower != "sbp.dataversion"
    }


def every_file(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in Path(root).rglob("*") if path.is_file()}


def empty_the_site(root):
    call_command("flush", interactive=False)
    for path in sorted(Path(root).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_emptied_site_gives_back_every_row_and_every_file(media, tmp_path):
    with_files()
    rows, files = every_row(), every_file(media)
    assert {"papers", "appendices", "packs"} <= {name.split("/")[0] for name in files}
    assert all(rows[table] for table in ("crime.countblock", "boards.meeting", "sbp.partnershiprole"))
    call_command("backup", tmp_path / "site.tar.gz")

    empty_the_site(media)
    assert every_file(media) == {}
    assert not Meeting.objects.exists()
    call_command("restore", tmp_path / "site.tar.gz")

    assert every_row() == rows
    assert every_file(media) == files
    board = Meeting.objects.first().board  # and new rows take new ids: PostgreSQL's sequences moved on
    assert Meeting.objects.create(board=board, starts_at=timezone.now()).pk > max(
        row[0] for row in rows["boards.meeting"]
    )


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_replace_puts_the_backup_over_changed_data_and_files(media, tmp_path):
    with_files()
    rows, files = every_row(), every_file(media)
    call_command("backup", tmp_path / "site.tar.gz")
    Meeting.objects.order_by("starts_at").first().delete()
    (media / "stray.txt").write_text("added after the backup")

    with pytest.raises(CommandError, match=r"already holds data: .*--replace"):
        call_command("restore", tmp_path / "site.tar.gz")
    call_command("restore", tmp_path / "site.tar.gz", replace=True)

    assert every_row() == rows
    assert every_file(media) == files


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_a_restore_leaves_no_search_entry_of_business_it_took_away(media, tmp_path):
    """The index is no model's rows (the database keeps it): a restore must not keep entries of removed rows, which
    on PostgreSQL a flush (TRUNCATE, no row triggers) would otherwise leave, findable, beside the restored ones.
    (Seen failing with the TRUNCATE triggers left out: 382 entries against 316, earlier tests' flushes left some.)"""
    from django.db import connection

    from boards.models import AgendaItem, SearchDocument

    demo.load_all(with_users=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM boards_search_source")
        (indexed,) = cursor.fetchone()
    call_command("backup", tmp_path / "site.tar.gz")
    meeting = Meeting.objects.order_by("starts_at").last()
    AgendaItem.objects.create(
        meeting=meeting, number=99, position=99, title="Quokkasecret", part="exempt", exempt_reason="Paragraph 3"
    )
    call_command("restore", tmp_path / "site.tar.gz", replace=True)
    assert SearchDocument.objects.count() == indexed
    assert not SearchDocument.objects.filter(title="Quokkasecret").exists()


@pytest.fixture
def saved(media, tmp_path):
    """A backup of the site, and the site as it stood then."""
    with_files()
    backup.write(tmp_path / "site.tar.gz")
    return tmp_path / "site.tar.gz", every_row(), every_file(media)


def damaged(path, change):
    damaged = path.with_name("damaged.tar.gz")
    damaged.write_bytes(change(path.read_bytes()))
    return damaged


def tampered(path, member, data):
    """The same backup with one member's bytes changed and the manifest left as it was."""
    out = io.BytesIO()
    with tarfile.open(path, "r:gz") as source, tarfile.open(fileobj=out, mode="w:gz") as target:
        for info in source:
            body = source.extractfile(info).read()
            if info.name == member:
                body, info.size = data(body), len(data(body))
            target.addfile(info, io.BytesIO(body))
    return damaged(path, lambda _: out.getvalue())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "not a complete backup"),
        (lambda raw: raw[:-10], "not a complete backup"),
        (lambda raw: raw[:100] + bytes([raw[100] ^ 0xFF]) + raw[101:], "corrupted"),
        (lambda raw: gzip.compress(b"not a tar file at all"), "not a complete backup"),
    ],
    ids=["cut in half", "end missing", "a byte flipped", "not a tar"],
)
def test_a_truncated_or_corrupted_backup_is_refused_and_changes_nothing(saved, media, change, message):
    path, _, files = saved
    Meeting.objects.order_by("starts_at").first().delete()
    changed_rows = every_row()
    with pytest.raises(CommandError, match=f"{message}.*Nothing was changed"):
        call_command("restore", damaged(path, change), replace=True)
    assert every_row() == changed_rows
    assert every_file(media) == files


@pytest.mark.parametrize(
    ("member", "data"),
    [("database.json", lambda body: body.replace(b"Bromley", b"Bexley", 1)), ("media/packs", lambda body: body[:-1])],
)
def test_a_member_whose_checksum_does_not_match_the_manifest_is_named_and_nothing_changes(saved, media, member, data):
    path, rows, files = saved
    with tarfile.open(path) as archive:
        name = next(info.name for info in archive if info.name.startswith(member))
    with pytest.raises(CommandError, match=f"{name} has sha256 .* not .* as listed.*Nothing was changed"):
        call_command("restore", tampered(path, name, data), replace=True)
    assert every_row() == rows
    assert every_file(media) == files


def test_a_backup_made_at_other_migrations_is_refused(saved, media):
    path, _, _ = saved

    MigrationRecorder.Migration.objects.filter(app="boards").order_by("-id").first().delete()
    with pytest.raises(CommandError, match=r"other migrations \(boards \d{4}_\w+\)"):
        call_command("restore", path, replace=True)


def test_only_its_owner_may_read_a_backup(saved):
    path, _, _ = saved
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_file_that_is_not_there_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"nowhere\.tar\.gz: no such file"):
        call_command("restore", tmp_path / "nowhere.tar.gz")
