"""Financial-year quarters, as councils count them: Q1 is April to June; 2021/22 starts in April 2021."""

import datetime
import re
from dataclasses import dataclass

SLUG = re.compile(r"(\d{4})-(\d{2})", re.ASCII)  # ASCII: \d alone would take other scripts' digits
# The financial years the service deals in. Beyond them a quarter's neighbours and months would not fit in a
# date (year 9999's fourth quarter ends in 10000), and no partnership reports on them anyway.
YEARS = range(2000, 2101)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int  # the calendar year the financial year starts in
    number: int

    @classmethod
    def from_slugs(cls, year_slug, quarter_slug):
        """('2021-22', 'q1') -> Quarter(2021, 1); ValueError for anything else."""
        found = SLUG.fullmatch(year_slug)
        if (
            not found
            or int(found[1]) not in YEARS
            or (int(found[1]) + 1) % 100 != int(found[2])
            or quarter_slug not in ("q1", "q2", "q3", "q4")
        ):
            raise ValueError(f"Not a financial quarter: {year_slug}/{quarter_slug}")
        return cls(int(found[1]), int(quarter_slug[1]))

    @classmethod
    def containing(cls, day):
        year = day.year if day.month >= 4 else day.year - 1
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def is_served(self):
        """Whether its pages exist: the quarters next to the first and last served ones are not linked."""
        return self.year in YEARS

    @property
    def year_slug(self):
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def slug(self):
        return f"q{self.number}"

    @property
    def label(self):
        return f"{self.year}/{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def first_month(self):
        month = 4 + 3 * (self.number - 1)
        return datetime.date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def last_month(self):
        first = self.first_month
        index = first.year * 12 + first.month - 1 + 2
        return datetime.date(index // 12, index % 12 + 1, 1)

    @property
    def last_day(self):
        return self.next().first_month - datetime.timedelta(days=1)

    def previous(self):
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)

    def next(self):
        return Quarter(self.year, self.number + 1) if self.number < 4 else Quarter(self.year + 1, 1)
