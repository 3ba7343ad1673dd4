"""Shared fixtures: the Bromley demo data loaded once per test database, and signed-in clients per role."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from boards import demo
from boards.models import Meeting
from crime import importer, mps_csv, ons_csv
from sbp.models import Partnership, PartnershipRole
from sbp.roles import RoleName

# The real public data files, beside the project as in CI (shared/data/README.md says what each holds).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BOROUGH_B = "MPS_Borough_Level_Crime_Historical_201004-202201.csv"
BOROUGH_C = "MPS_Borough_Level_Crime_recent24_202401-202512.csv"
POPULATION = "ons_mye_london_population_2011-2024_long.csv"
# The demo partnership (fixtures/bromley/board.toml): partnership A wherever tests compare two.
BROMLEY = "safer-bromley"


def read_shared(name):
    return (SHARED_DATA / name).read_bytes()


def import_shared(name, **options):
    return importer.import_file(mps_csv.read(read_shared(name), name), None, timezone.now(), **options)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo data and two real MPS borough releases; each test's changes roll back."""
    with django_db_blocker.unblock():
        demo.load_all(with_users=True)
        import_shared(BOROUGH_B)
        import_shared(BOROUGH_C)
        importer.import_population(ons_csv.read(read_shared(POPULATION), POPULATION))


def migrate(target):
    """Migrate the test database to `target` (a list of (app, migration)); returns the apps as they were then."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrate_to_latest():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def figure_for(measure, end, area_name="Bromley", baseline_year=2019):
    """The one figures pipeline's Figure for a measure, twelve months to `end` (a date), as every page gets it."""
    from crime import comparison, figures
    from crime.models import Area

    area = Area.objects.get(kind="borough", name=area_name)
    basis = comparison.for_area(area, baseline_year)
    return figures.computed(area, {measure: list(measure.components.all())}, end, basis)[measure.pk]


def make_user(username, *roles, partnership=None, **flags):
    """A user holding `roles` in `partnership` (the demo's, Safer Bromley, unless given)."""
    user = User.objects.filter(username=username).first()
    if user:
        return user
    user = User.objects.create_user(username=username, password="a-long-test-password", **flags)
    partnership = partnership or Partnership.objects.get(slug=BROMLEY)
    PartnershipRole.objects.bulk_create(PartnershipRole(user=user, partnership=partnership, role=r) for r in roles)
    return user


ROLES = {
    "anonymous": None,
    "no role": (),
    "officer": (RoleName.OFFICER,),
    "democratic": (RoleName.DEMOCRATIC_SERVICES,),
    "member": (RoleName.BOARD_MEMBER,),
    "partner": (RoleName.PARTNER,),
    "admin": "superuser",
}


@pytest.fixture
def client_for(client):
    """client_for('officer') returns the test client signed in as a fresh user holding that role."""

    def sign_in(role):
        spec = ROLES[role]
        if spec is None:
            return client
        if spec == "superuser":
            user = make_user(f"test-{role}", is_staff=True, is_superuser=True)
        else:
            user = make_user(f"test-{role.replace(' ', '-')}", *spec)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def june_2021():
    return Meeting.objects.get(starts_at__date="2021-06-17")


@pytest.fixture
def march_2021():
    return Meeting.objects.get(starts_at__date="2021-03-25")


@pytest.fixture
def december_2019():
    return Meeting.objects.get(starts_at__date="2019-12-05")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; a slow hash buys nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
