"""Generate London-scale MPS files for benchmarks: 32 boroughs, ten years of monthly borough data (layout B)
and two years of ward data (about 680 wards). Counts are random but shaped like the real files (many zeros).

Run: .venv/bin/python bench/london_scale.py OUTPUT_FOLDER
"""

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BOROUGHS = []  # filled from crime.london without setting up Django
for line in (ROOT / "crime" / "london.py").read_text().splitlines():
    if line.strip().startswith('("E09'):
        BOROUGHS.append(line.split('"')[3])

CATEGORIES = [
    ("Burglary", "Domestic Burglary"), ("Burglary", "Burglary Business and Community"),
    ("Violence Against the Person", "Violence with Injury"), ("Violence Against the Person", "Violence without Injury"),
    ("Robbery", "Robbery of Personal Property"), ("Robbery", "Robbery of Business Property"),
    ("Theft", "Theft from Person"), ("Theft", "Shoplifting"), ("Theft", "Other Theft"), ("Theft", "Bicycle Theft"),
    ("Vehicle Offences", "Theft or Taking of a Motor Vehicle"), ("Vehicle Offences", "Theft from a Motor Vehicle"),
    ("Vehicle Offences", "Interfering with a Motor Vehicle"), ("Sexual Offences", "Rape"),
    ("Sexual Offences", "Other Sexual Offences"), ("Arson and Criminal Damage", "Criminal Damage"),
    ("Arson and Criminal Damage", "Arson"), ("Drug Offences", "Possession of Drugs"),
    ("Drug Offences", "Drug Trafficking"), ("Public Order Offences", "Public Fear Alarm or Distress"),
]  # fmt: skip


def months(first_year, first_month, count):
    return [f"{first_year + (first_month - 1 + n) // 12}{(first_month - 1 + n) % 12 + 1:02d}" for n in range(count)]


def borough_file(path, rng):
    columns = months(2012, 1, 120)
    with path.open("w") as out:
        out.write("MajorText,MinorText,LookUp_BoroughName," + ",".join(columns) + "\n")
        for borough in BOROUGHS:
            for major, minor in CATEGORIES:
                scale = rng.randint(5, 400)
                out.write(f"{major},{minor},{borough}," + ",".join(str(rng.randint(0, scale)) for _ in columns) + "\n")


def ward_file(path, rng):
    columns = months(2020, 1, 24)
    with path.open("w") as out:
        out.write("MajorText,MinorText,WardName,WardCode,LookUp_BoroughName," + ",".join(columns) + "\n")
        code = 0
        for borough in BOROUGHS:
            for ward in range(21):
                code += 1
                for major, minor in CATEGORIES:
                    cells = [str(rng.choice([0, 0, 0, rng.randint(0, 20)])) for _ in columns]
                    out.write(
                        f"{major},{minor},{borough} ward {ward + 1},E05{900000 + code:06d},{borough},"
                        + ",".join(cells)
                        + "\n"
                    )


def main(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2021)  # fixed seed: every run benchmarks the same data
    borough_file(folder / "london_boroughs_201201-202112.csv", rng)
    ward_file(folder / "london_wards_202001-202112.csv", rng)
    return folder


if __name__ == "__main__":
    print(main(sys.argv[1]))
