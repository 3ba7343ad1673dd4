"""Is a change real? Whether two counts differ by more than normal variation for counts of their size.

Recorded crime in a period is close to a Poisson count, whose variance equals its mean, so 10 against 7 is noise
while 1,000 against 700 is not, though both are +43%. The square root stabilises a Poisson variance at 1/4, so
sqrt(a) - sqrt(b) of two counts has variance 1/2 when nothing changed, and z = sqrt(2) (sqrt(a) - sqrt(b)) is about
standard normal: |z| >= 2 is a change that would arise by chance about one time in twenty. (The often quoted
2(sqrt(a) - sqrt(b)) treats one count as fixed; against |z| >= 2 it calls one chance change in six real.) Board
members misread small counts' percentages; this says which to trust.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

SIGNAL_Z = 2


class Signal(models.TextChoices):
    RISE = "rise", "A rise beyond normal variation"
    FALL = "fall", "A fall beyond normal variation"
    NONE = "none", "Within normal variation"


def z_score(current, baseline):
    """sqrt(2) (sqrt(current) - sqrt(baseline)) to two places, or None without two counts."""
    if current is None or baseline is None or current < 0 or baseline < 0:
        return None
    z = math.sqrt(2) * (math.sqrt(current) - math.sqrt(baseline))
    return Decimal(repr(z)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def signal(z):
    """The Signal of a z-score (from z_score), or None without one."""
    if z is None:
        return None
    if z >= SIGNAL_Z:
        return Signal.RISE
    if z <= -SIGNAL_Z:
        return Signal.FALL
    return Signal.NONE
