"""Ward boundaries come from a file's ward codes, never its months; --ward-vintage still overrides."""

import pytest
from django.core.management import CommandError, call_command

from crime import mps_csv
from crime.models import Area, Release
from tests.conftest import import_shared, read_shared

pytestmark = pytest.mark.django_db

OLD_BROMLEY_TOWN, NEW_BROMLEY_TOWN, BETHNAL_GREEN = "E05000109", "E05013991", "E05009317"  # the last is in both
HEADER = "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,{months}\n"
EARLY, LATE = "201004,201005", "202401,202402"


def ward_file(codes, months=EARLY):
    rows = "".join(
        f"Burglary,Domestic Burglary,Ward {n},{code},{'Tower Hamlets' if code == BETHNAL_GREEN else 'Bromley'},1,2\n"
        for n, code in enumerate(codes)
    )
    return (HEADER.format(months=months) + rows).encode()


def import_bytes(raw, name="wards.csv", **options):
    from django.utils import timezone

    from crime import importer

    return importer.import_file(mps_csv.read(raw, name), None, timezone.now(), **options)


VINTAGES = [
    ("2022 codes carried back to 2010, as a Historical ward file does", [NEW_BROMLEY_TOWN], EARLY, 2022),
    ("2014 codes in recent months", [OLD_BROMLEY_TOWN], LATE, 2014),
    ("2014 codes and unchanged wards", [OLD_BROMLEY_TOWN, BETHNAL_GREEN], LATE, 2014),
    ("2022 codes and unchanged wards", [BETHNAL_GREEN, NEW_BROMLEY_TOWN], EARLY, 2022),
    ("only unchanged wards: the current boundaries", [BETHNAL_GREEN], EARLY, 2022),
]  # fmt: skip


@pytest.mark.parametrize(("case", "codes", "months", "vintage"), VINTAGES, ids=[v[0] for v in VINTAGES])
def test_the_vintage_is_the_one_whose_codes_the_file_uses(case, codes, months, vintage):
    release = import_bytes(ward_file(codes, months)).release
    assert release.ward_vintage == vintage
    assert Area.objects.filter(kind="ward", code=codes[0], ward_vintage=vintage).exists()


REFUSED = [
    ("a code of neither vintage", [OLD_BROMLEY_TOWN, "E05099999"], 3, "E05099999", "not an MPS ward"),
    ("codes of both vintages", [OLD_BROMLEY_TOWN, BETHNAL_GREEN, NEW_BROMLEY_TOWN], 4, NEW_BROMLEY_TOWN, "mixes"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "codes", "row", "value", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_whose_codes_match_no_one_vintage_is_refused_naming_file_row_column_and_value(
    case, codes, row, value, message
):
    before = Release.objects.count()
    with pytest.raises(mps_csv.ImportProblem) as raised:
        import_bytes(ward_file(codes), "odd-wards.csv")
    problem = raised.value
    assert (problem.file, problem.row, problem.column, problem.value) == ("odd-wards.csv", row, "ward_code", value)
    assert message in str(problem)
    assert Release.objects.count() == before


def test_the_command_refuses_a_file_of_unknown_codes_and_imports_nothing(tmp_path):
    path = tmp_path / "wards.csv"
    path.write_bytes(ward_file(["E05099999"]))
    with pytest.raises(CommandError, match=r"wards\.csv, row 2, column 'ward_code': this ward code is not"):
        call_command("import_crime", str(path))
    assert not Release.objects.filter(file_name="wards.csv").exists()


@pytest.mark.parametrize("vintage", [2014, 2022])
def test_ward_vintage_overrides_the_codes(vintage):
    release = import_bytes(ward_file([NEW_BROMLEY_TOWN]), ward_vintage=vintage).release
    assert release.ward_vintage == vintage
    assert Area.objects.filter(kind="ward", code=NEW_BROMLEY_TOWN, ward_vintage=vintage).exists()


def test_a_code_imported_with_an_override_is_known_to_later_files():
    """Wards first imported with --ward-vintage (new codes the shipped lists lack) are recognised afterwards."""
    import_bytes(ward_file(["E05099999"]), ward_vintage=2022)
    later = import_bytes(ward_file(["E05099999"], LATE), "later.csv")
    assert later.release.ward_vintage == 2022


@pytest.mark.parametrize(
    ("name", "vintage"),
    [
        ("MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv", 2014),
        ("MPS_Ward_Level_Crime_recent24_202401-202512.csv", 2022),
    ],
)
def test_the_shared_ward_files_are_on_the_vintage_of_their_codes(name, vintage):
    assert import_shared(name).release.ward_vintage == vintage


def test_the_2022_ward_file_relabelled_as_a_historical_file_from_2010_stays_on_2022_wards():
    """A Historical ward file carries the 2022 codes back to 2010: months before May 2022 do not make it 2014."""
    raw = read_shared("MPS_Ward_Level_Crime_recent24_202401-202512.csv")
    header, rest = raw.split(b"\n", 1)
    columns = header.decode().split(",")
    relabelled = columns[:5] + [f"{2010 + (3 + m) // 12}{(3 + m) % 12 + 1:02d}" for m in range(len(columns) - 5)]
    release = import_bytes(
        ",".join(relabelled).encode() + b"\n" + rest, "MPS Ward Level Crime (Historical).csv"
    ).release
    assert (release.first_month.isoformat(), release.ward_vintage) == ("2010-04-01", 2022)
