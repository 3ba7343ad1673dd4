"""A public meeting as a schema.org Event in JSON-LD, for search engines (https://schema.org/Event).

Only a meeting the public may open is described (boards.access.is_public), and only what its public page shows:
its name, times, place, mode, status, partnership and address. Never any agenda business.
"""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

from boards import access
from boards.models import Meeting
from sbp.outbox import absolute

SCHEMA = "https://schema.org/"
STATUSES = {Meeting.Status.CANCELLED: "EventCancelled", Meeting.Status.POSTPONED: "EventPostponed"}
SCHEDULED = "EventScheduled"
MODES = {
    Meeting.Mode.IN_PERSON: "OfflineEventAttendanceMode",
    Meeting.Mode.VIRTUAL: "OnlineEventAttendanceMode",
    Meeting.Mode.HYBRID: "MixedEventAttendanceMode",
}
# As django.utils.html.json_script escapes: no "</script>" or "<!--" can end the data block early.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def event(meeting):
    """The Event as a dict. A postponed meeting keeps its original startDate until it has a new meeting, as
    schema.org's EventPostponed asks."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.name,
        "startDate": timezone.localtime(meeting.starts_at).isoformat(),
        "endDate": timezone.localtime(meeting.expected_end).isoformat(),
        "eventAttendanceMode": SCHEMA + MODES[meeting.mode],
        "eventStatus": SCHEMA + STATUSES.get(meeting.status, SCHEDULED),
        "organizer": {
            "@type": "Organization",
            "name": meeting.board.partnership.name,
            "url": absolute(meeting.board.get_absolute_url()),
        },
        "url": absolute(meeting.get_absolute_url()),
    }
    if places := locations(meeting):
        data["location"] = places[0] if len(places) == 1 else places
    return data


def locations(meeting):
    """The venue as a Place, the link to join as a VirtualLocation: whichever the meeting's mode uses and has."""
    places = []
    if meeting.mode != Meeting.Mode.VIRTUAL and meeting.venue:
        places.append({"@type": "Place", "name": meeting.venue, "address": meeting.venue})
    if meeting.has_web_link:
        places.append({"@type": "VirtualLocation", "url": meeting.web_link})
    return places


def json_ld(meeting):
    """The text of the page's `<script type="application/ld+json">`, or None for a meeting not yet public."""
    if not access.is_public(meeting):
        return None
    # Safe to mark: the escapes leave no character that HTML reads inside a script element.
    return mark_safe(json.dumps(event(meeting), ensure_ascii=False).translate(ESCAPES))
