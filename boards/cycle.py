"""A board's meeting cycle: the date and time its next meeting is proposed for."""

import calendar
import datetime

from django.utils import timezone


def months_on(year, month, months):
    """The (year, month) `months` after a month: December plus one is January of the next year."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def occurrence(day):
    """Which of its weekday's occurrences in the month a date is: 17 June 2021 is the 3rd Thursday."""
    return (day.day - 1) // 7 + 1


def nth_weekday(year, month, weekday, nth):
    """The nth `weekday` (Monday 0) of a month, or its last when the month has no nth (a fifth Thursday)."""
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    return datetime.date(year, month, days[min(nth, len(days)) - 1])


def proposed_start(board, previous_start):
    """The next meeting's proposed start: `meetings_every_months` after the previous meeting, on the same
    occurrence of the board's usual weekday in that month (the 3rd Thursday stays the 3rd Thursday), at its usual
    time. Without a usual weekday or time, those of the previous meeting. Boards set their dates by such rules
    ("the third Thursday of the quarter's last month"), so a plain 13 weeks on would drift off them."""
    local = timezone.localtime(previous_start)
    year, month = months_on(local.year, local.month, board.meetings_every_months)
    weekday = local.weekday() if board.usual_weekday is None else board.usual_weekday
    day = nth_weekday(year, month, weekday, occurrence(local.date()))
    at = board.usual_time or local.time().replace(tzinfo=None)
    return timezone.make_aware(datetime.datetime.combine(day, at))
