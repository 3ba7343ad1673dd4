"""Load the Bromley demo data from fixtures/bromley: a faithful copy of the 17 June 2021 agenda pack.

Every load is an update-or-create keyed on a natural key, so running it twice leaves the same rows.
"""

import tomllib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from boards import tasks
from boards.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Membership,
    Minute,
    Report,
    ReportAppendix,
    Resolution,
)
from crime import demo as crime_demo
from sbp.history import recorded_once
from sbp.models import Organisation, PartnerOrganisation, Partnership, PartnershipRole, Person
from sbp.roles import RoleName
from strategy import demo as strategy_demo
from strategy.models import Priority, ProgressUpdate, ReturnDeadline, Strategy, SubPriority, SuccessMeasure, Workstream
from strategy.quarters import Quarter

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "bromley"
# A second partnership, outside London, whose figures come from police.uk (fixtures/charnwood/board.toml).
SECOND = Path(settings.BASE_DIR) / "fixtures" / "charnwood"
LONDON = ZoneInfo("Europe/London")
DEMO_PASSWORD = "bromley-demo"
DEMO_USERS = [
    ("officer", RoleName.OFFICER, None),
    ("democratic", RoleName.DEMOCRATIC_SERVICES, None),
    ("member", RoleName.BOARD_MEMBER, None),
    ("partner", RoleName.PARTNER, "Dawn Helps"),  # Clarion Housing Group's member of the board
]
# The second partnership's sign-ins (fixtures/charnwood): its officer and a board member.
SECOND_USERS = [
    ("charnwood-officer", RoleName.OFFICER, "Taylor Brooks"),
    ("charnwood-member", RoleName.BOARD_MEMBER, "Sam Patel"),
]
PERSON_FIELDS = ["honorific", "job_title", "email", "phone", "initials"]


def read(name, folder=FIXTURES):
    with open(folder / name, "rb") as handle:
        return tomllib.load(handle)


def local(text):
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def save_person(item, organisations, source="Agenda pack 17 June 2021"):
    organisation = organisations.get(item.get("organisation"))
    person, _ = Person.objects.update_or_create(
        name=item["name"],
        organisation=organisation,
        defaults={field: item.get(field, "") for field in PERSON_FIELDS} | {"source_ref": source},
    )
    return person


def load_directory(data):
    organisations = {}
    for item in data["organisations"]:
        organisation, _ = Organisation.objects.update_or_create(
            name=item["name"], defaults={key: value for key, value in item.items() if key != "name"}
        )
        organisations[organisation.name] = organisation
    about = data["partnership"]
    partnership, _ = Partnership.objects.update_or_create(
        slug=about["slug"], defaults={"name": about["name"], "short_name": about["short_name"]}
    )
    info = data["board"]
    board, _ = Board.objects.update_or_create(
        slug=info["slug"],
        defaults={
            "partnership": partnership,
            "name": info["name"],
            "short_name": info["short_name"],
            "host": organisations[info["host"]],
            "minute_numbering": info.get("minute_numbering", Board.MinuteNumbering.CONTINUOUS),
            "municipal_year_starts": info.get("municipal_year_starts", 5),
        },
    )
    people = {}
    sources = data.get("sources", {})
    members = [
        (item, sources.get("members", "Agenda pack 17 June 2021, front sheet, p. 1")) for item in data["members"]
    ]
    members += [
        (item, sources.get("former_members", "Minutes of 25 March 2021, pack p. 5"))
        for item in data.get("former_members", [])
    ]
    for position, (item, source) in enumerate(members, 1):
        person = people[item["name"]] = save_person(
            item, organisations, sources.get("people", "Agenda pack 17 June 2021")
        )
        Membership.objects.update_or_create(
            board=board,
            person=person,
            defaults={
                "role": item.get("role", "member"),
                "representing": person.organisation,
                "capacity": item.get("capacity", ""),
                "end_date": item.get("end_date"),
                "position": position,
                "source_ref": source,
            },
        )
    for item in data["people"]:
        people[item["name"]] = save_person(item, organisations, sources.get("people", "Agenda pack 17 June 2021"))
    load_partners(partnership, data.get("partners", []), organisations, people)
    return board, organisations, people


def load_partners(partnership, partners, organisations, people):
    """The partnership's partner organisations and their lead contacts, who receive the reminders."""
    for item in partners:
        lead = people[item["lead_contact"]]
        if not lead.email and item.get("lead_email"):
            Person.objects.filter(pk=lead.pk).update(email=item["lead_email"])
        PartnerOrganisation.objects.update_or_create(
            partnership=partnership, organisation=organisations[item["organisation"]], defaults={"lead_contact": lead}
        )


def load_meeting(board, data, people, meetings):
    info = data["meeting"]
    meeting, _ = Meeting.objects.update_or_create(
        board=board,
        starts_at=local(info["starts_at"]),
        defaults={
            "title": info.get("title", ""),
            "ends_at": local(info["ends_at"]) if "ends_at" in info else None,
            "mode": info["mode"],
            "venue": info.get("venue", ""),
            "status": info["status"],
            "agenda_published_at": local(info["agenda_published_at"]) if "agenda_published_at" in info else None,
            "contact_officer": people.get(info.get("contact_officer")),
            "public_notice": info.get("public_notice", ""),
            "minutes_status": info.get("minutes_status", "none"),
            "minutes_approved_by": meetings.get(info.get("minutes_approved_by")),
            "source_ref": info["source"],
        },
    )
    load_attendance(meeting, data.get("attendance", []), people)
    load_agenda(meeting, data.get("agenda", []))
    load_minutes(meeting, data.get("minutes", []), people)
    return meeting


def load_attendance(meeting, items, people):
    for position, item in enumerate(items, 1):
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=people[item["person"]],
            defaults={
                "status": item["status"],
                "role": item.get("role", "member"),
                "capacity": item.get("capacity", ""),
                "alternate_for": people.get(item.get("alternate_for")),
                "position": position,
                "source_ref": meeting.source_ref,
            },
        )


def load_agenda(meeting, items):
    for position, item in enumerate(items, 1):
        AgendaItem.objects.update_or_create(
            meeting=meeting,
            number=item["number"],
            suffix=item.get("suffix", ""),
            defaults={
                "title": item["title"],
                "kind": item["kind"],
                "context": item.get("context", ""),
                "standing_kind": item.get("standing_kind", ""),
                "priority": Priority.objects.filter(
                    strategy__partnership=meeting.board.partnership, number=item["priority"]
                ).first()
                if "priority" in item
                else None,
                "position": position,
                "source_ref": item.get("source", meeting.source_ref),
            },
        )


def load_minutes(meeting, items, people):
    for item in items:
        minute, _ = Minute.objects.update_or_create(
            meeting=meeting,
            number=item["number"],
            suffix=item.get("suffix", ""),
            defaults={
                "title": item["title"],
                "text": item["text"].strip(),
                "priority": Priority.objects.filter(
                    strategy__partnership=meeting.board.partnership, number=item["priority"]
                ).first()
                if "priority" in item
                else None,
                "source_ref": item["source"],
            },
        )
        for resolution in item.get("resolutions", []):
            Resolution.objects.update_or_create(
                minute=minute,
                number=resolution.get("number"),
                defaults={"text": resolution["text"].strip(), "source_ref": item["source"]},
            )
        for action in item.get("actions", []):
            load_action(minute, action, people, item["source"])


def load_action(minute, item, people, source):
    owner = people.get(item.get("owner"))
    closed_on = item.get("closed_on")
    Action.objects.update_or_create(
        minute=minute,
        action_by=item["action_by"],
        defaults={
            "resolution": minute.resolutions.filter(number=item.get("resolution")).first(),
            "description": item["description"].strip(),
            "owner_person": owner,
            "owner_organisation": owner.organisation if owner else None,
            "due_date": date.fromisoformat(item["due"]),
            "status": item["status"],
            "closed_on": date.fromisoformat(closed_on) if closed_on else None,
            "closure_note": item.get("closure_note", ""),
            "source_ref": source,
        },
    )


def load_report(meeting, data, people):
    info = dict(data["report"])
    item = info.pop("agenda_item")
    appendices = info.pop("appendices", [])
    info["contact_officer"] = people[info["contact_officer"]]
    info["source_ref"] = info.pop("source")
    info["agenda_item"] = meeting.agenda_items.get(number=int(item), suffix="")
    report, _ = Report.objects.update_or_create(report_number=info.pop("report_number"), defaults=info)
    for appendix in appendices:
        ReportAppendix.objects.update_or_create(
            report=report,
            letter=appendix["letter"],
            defaults={"title": appendix["title"], "body": appendix["body"], "source_ref": appendix["source"]},
        )


def load_action_updates(meeting, data, meetings):
    for item in data.get("action_updates", []):
        day, number = item["minute"].split()
        minute = Minute.objects.get(meeting=meetings[day], number=int(number), suffix="")
        for action in minute.actions.all():
            ActionUpdate.objects.update_or_create(
                action=action,
                for_meeting=meeting,
                defaults={
                    "written_on": item["written_on"],
                    "text": item["text"],
                    "source_ref": item["source"],
                },
            )


def load_users(partnership, people, users=DEMO_USERS):
    """Demo sign-ins, one per role in the partnership, and the administrator. The caller makes sure this only runs
    with DEBUG on."""
    accounts = []
    for username, role, person in users:
        user = demo_user(username)
        PartnershipRole.objects.filter(user=user).exclude(partnership=partnership, role=role).delete()
        PartnershipRole.objects.get_or_create(user=user, partnership=partnership, role=role)
        if person:
            Person.objects.filter(pk=people[person].pk).update(user=user)
        accounts.append((username, f"{role} ({partnership.short_name or partnership.name})"))
    if users is DEMO_USERS:
        admin = demo_user("admin", is_staff=True, is_superuser=True)
        accounts.append((admin.username, "Administrator (all roles)"))
    return accounts


def demo_user(username, **flags):
    user, _ = User.objects.get_or_create(username=username)
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@transaction.atomic
def record_published_packs():
    """Record the packs of meetings published in the demo (the 9 June 2021 agenda) as their published packs, as
    publishing in the app would have: from then on they are served as they were sent out, whatever changes.
    Meetings whose packs are already recorded are left alone, so running it again changes nothing."""
    for meeting in Meeting.objects.filter(agenda_published_at__isnull=False):
        if not tasks.published(meeting, restricted=False).exists():
            tasks.publish_packs(meeting, meeting.agenda_published_at)


def load_all(with_users):
    directory = (Partnership, Organisation, PartnerOrganisation, Person, Board, Membership)
    strategy_rows = (Strategy, Priority, SubPriority, Workstream, SuccessMeasure, ReturnDeadline)
    with recorded_once(Meeting, AgendaItem, Minute, Resolution, Action, ProgressUpdate, *directory, *strategy_rows):
        return load_everything(with_users)


def load_second_partnership():
    """The Charnwood partnership: its board, its published meeting and its police.uk figures setting."""
    board, organisations, people = load_directory(read("board.toml", SECOND))
    for path in sorted(SECOND.glob("meeting-*.toml")):
        load_meeting(board, read(path.name, SECOND), people, {})
    crime_demo.load_policeuk(read("crime.toml", SECOND), board.partnership)
    return board, organisations, people


def load_everything(with_users):
    board, _organisations, people = load_directory(read("board.toml"))
    strategy_demo.load(
        read("strategy.toml"), board.partnership
    )  # before the meetings, whose minutes name its priorities
    meetings = {}
    for path in sorted(FIXTURES.glob("meeting-*.toml"), key=lambda path: path.name):
        data = read(path.name)
        day = path.stem.removeprefix("meeting-")
        if "minutes_approved_by" in data["meeting"]:
            # Its approving meeting comes later in date order: load that meeting's row first.
            approving = read(f"meeting-{data['meeting']['minutes_approved_by']}.toml")
            meetings[data["meeting"]["minutes_approved_by"]] = load_meeting(board, approving, people, meetings)
        meetings[day] = load_meeting(board, data, people, meetings)
        if "report" in data:
            load_report(meetings[day], data, people)
        load_action_updates(meetings[day], data, meetings)
    crime_demo.load(read("crime.toml"), board.partnership)
    for meeting in meetings.values():
        if meeting.agenda_published_at:  # the 9 June 2021 pack presented the Quarter 1 returns
            quarter = Quarter.containing(meeting.starts_at.date())
            presented = ProgressUpdate.objects.of(board.partnership)
            presented.mark_presented(quarter.year, quarter.number, meeting.agenda_published_at)
    second, _organisations, second_people = load_second_partnership()
    if not with_users:
        return []
    return load_users(board.partnership, people) + load_users(second.partnership, second_people, SECOND_USERS)
