"""What each open data record says, Popolo-shaped where Popolo has a name for it (id, name, role, person_id,
organization_id, start_date, end_date, label). Agenda items and minutes are serialised from the redaction
policy's views (boards.redaction.ItemView, MinuteView), never from model rows, so withheld text cannot reach them.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boards.models import Attendance, Meeting, Role
from sbp import rag
from sbp.models import Organisation
from sbp.rag import Rag
from sbp.templatetags import figures as figure_words


def absolute(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


class PartnershipSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slug = serializers.SlugField()
    short_name = serializers.CharField()
    district_names = serializers.SerializerMethodField()
    district_gss_codes = serializers.SerializerMethodField(
        help_text="The GSS codes of the local authority districts it covers, where the crime figures know them."
    )
    board_ids = serializers.SerializerMethodField()

    @staticmethod
    def districts(partnership):
        setting = getattr(partnership, "figures", None)  # a partnership without a setting has no districts yet
        return sorted(setting.districts.all(), key=lambda district: district.name) if setting else []

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_district_names(self, partnership):
        return [district.name for district in self.districts(partnership)]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_district_gss_codes(self, partnership):
        return [district.code for district in self.districts(partnership) if district.code]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_board_ids(self, partnership):
        return [board.pk for board in partnership.boards.all()]


class BoardSerializer(serializers.Serializer):
    """A board as a Popolo Organization."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    classification = serializers.SerializerMethodField()
    slug = serializers.SlugField()
    short_name = serializers.CharField()
    partnership_id = serializers.IntegerField()
    host_organization_id = serializers.IntegerField(source="host_id", allow_null=True)
    quorum = serializers.IntegerField(allow_null=True)

    def get_classification(self, board) -> str:
        return "board"


class OrganizationSerializer(serializers.Serializer):
    """An organisation of the directory as a Popolo Organization; its classification is its sector."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    short_name = serializers.CharField()
    classification = serializers.ChoiceField(source="sector", choices=Organisation.Sector.choices)
    statutory = serializers.BooleanField(help_text="A responsible authority under the Crime and Disorder Act 1998.")


class PersonSerializer(serializers.Serializer):
    """Only what the papers print of a person: never their email, phone or account."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    honorific_prefix = serializers.CharField(source="honorific")
    job_title = serializers.CharField()
    organization_id = serializers.IntegerField(allow_null=True)


class MembershipSerializer(serializers.Serializer):
    """A seat on a board as a Popolo Membership: `organization_id` is the board (/api/v1/boards/), and
    `on_behalf_of_id` the organisation the member represents (/api/v1/organizations/)."""

    id = serializers.IntegerField(source="pk")
    person_id = serializers.IntegerField()
    organization_id = serializers.IntegerField(source="board_id")
    on_behalf_of_id = serializers.IntegerField(source="representing_id", allow_null=True)
    role = serializers.ChoiceField(choices=Role.choices)
    label = serializers.CharField(source="capacity", help_text="The capacity as printed on the membership list.")
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    alternate_person_id = serializers.IntegerField(source="alternate_id", allow_null=True)


class AgendaItemSerializer(serializers.Serializer):
    """An agenda item as the public agenda shows it: a Part 2 item only as its number, its title shown ('Not for
    publication' or the public title officers chose) and its exempt reason."""

    id = serializers.IntegerField(source="pk")
    meeting_id = serializers.IntegerField()
    number = serializers.IntegerField()
    suffix = serializers.CharField()
    reference = serializers.CharField()
    title = serializers.CharField()
    context = serializers.CharField()
    exempt = serializers.BooleanField(help_text="Part 2 (exempt) business.")
    withheld = serializers.BooleanField()
    exempt_reason = serializers.CharField()
    withheld_note = serializers.CharField()
    presenter_id = serializers.SerializerMethodField()
    paper_url = serializers.SerializerMethodField()

    def get_presenter_id(self, item) -> int | None:
        return item.presenter.pk if item.presenter else None

    def get_paper_url(self, item) -> str | None:
        return absolute(self.context["request"], "agenda-item-paper", item.pk) if item.has_paper else None


class MeetingSerializer(serializers.Serializer):
    """A published meeting as a Popolo Event of its board, with its agenda."""

    id = serializers.IntegerField(source="meeting.pk")
    organization_id = serializers.IntegerField(source="meeting.board_id", help_text="The board (/api/v1/boards/).")
    name = serializers.SerializerMethodField()
    start_date = serializers.DateTimeField(source="meeting.starts_at")
    end_date = serializers.DateTimeField(source="meeting.ends_at", allow_null=True)
    location = serializers.CharField(source="meeting.venue")
    mode = serializers.ChoiceField(source="meeting.mode", choices=Meeting.Mode.choices)
    web_link = serializers.SerializerMethodField()
    status = serializers.ChoiceField(source="meeting.status", choices=Meeting.Status.choices)
    called_off_reason = serializers.CharField(source="meeting.called_off_reason")
    postponed_to = serializers.DateTimeField(source="meeting.postponed_to", allow_null=True)
    agenda_published_at = serializers.DateTimeField(source="meeting.agenda_published_at", allow_null=True)
    minutes_status = serializers.ChoiceField(source="meeting.minutes_status", choices=Meeting.MinutesStatus.choices)
    minutes_approved_by_id = serializers.IntegerField(source="meeting.minutes_approved_by_id", allow_null=True)
    url = serializers.SerializerMethodField()
    pack_url = serializers.SerializerMethodField()
    agenda_items = AgendaItemSerializer(many=True)

    def get_name(self, shown) -> str:
        return shown.meeting.title or shown.meeting.board.name

    def get_web_link(self, shown) -> str:
        return shown.meeting.web_link if shown.meeting.has_web_link else ""

    def get_url(self, shown) -> str:
        return absolute(self.context["request"], "meeting-detail", shown.meeting.pk)

    def get_pack_url(self, shown) -> str:
        return absolute(self.context["request"], "meeting-pack", shown.meeting.pk)


class ResolutionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    minute_id = serializers.IntegerField()
    number = serializers.IntegerField(allow_null=True)
    text = serializers.CharField(help_text="What follows 'RESOLVED that'.")


class ListedResolutionSerializer(ResolutionSerializer):
    meeting_id = serializers.IntegerField(source="minute.meeting_id")
    minute_reference = serializers.CharField(source="minute.reference")


class MinuteActionSerializer(serializers.Serializer):
    """An action as the minutes print it."""

    id = serializers.IntegerField(source="pk")
    description = serializers.CharField()
    action_by = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)


class AmendmentSerializer(serializers.Serializer):
    text = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class MinuteSerializer(serializers.Serializer):
    """An approved minute; a minute of Part 2 business only as its number, title shown and exempt reason."""

    id = serializers.IntegerField(source="pk")
    meeting_id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField(help_text="Markdown.")
    withheld = serializers.BooleanField()
    exempt_reason = serializers.CharField()
    withheld_note = serializers.CharField()
    resolutions = ResolutionSerializer(many=True)
    actions = MinuteActionSerializer(many=True)
    amendments = AmendmentSerializer(many=True)


class AttendanceSerializer(serializers.Serializer):
    """One line of an approved minutes' attendance, in the order the minutes print it."""

    id = serializers.IntegerField(source="pk")
    meeting_id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    name = serializers.CharField(source="person.name")
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    role = serializers.ChoiceField(choices=Role.choices)
    label = serializers.CharField(source="capacity", help_text="The capacity as printed.")
    alternate_for_id = serializers.IntegerField(allow_null=True)


class PublishedQuarterSerializer(serializers.Serializer):
    partnership_id = serializers.IntegerField(source="partnership.pk")
    partnership = serializers.SlugField(source="partnership.slug")
    financial_year = serializers.CharField(source="quarter.year_slug", help_text="e.g. 2021-22.")
    quarter = serializers.CharField(source="quarter.slug", help_text="q1 (April to June) to q4.")
    label = serializers.CharField(source="quarter.label")
    figures_url = serializers.SerializerMethodField()

    def get_figures_url(self, published) -> str:
        quarter = published.quarter
        args = (published.partnership.slug, quarter.year_slug, quarter.slug)
        return absolute(self.context["request"], "api-crime-figures", *args)


class HotspotSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    ward = serializers.CharField()
    ward_gss_code = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)


class RankingSerializer(serializers.Serializer):
    """The area's row of the measure's ranking table, as the pack printed it."""

    rank = serializers.IntegerField()
    of = serializers.IntegerField(help_text="How many districts were ranked.")
    rate_per_1000 = serializers.DecimalField(max_digits=None, decimal_places=None)
    population = serializers.CharField(help_text="The population the rates used, e.g. 'ONS mid-2024 estimate'.")
    group = serializers.CharField(help_text="The comparison group ranked among.")
    places_moved = serializers.IntegerField(
        allow_null=True, help_text="Places moved up (positive) since the same months a year before."
    )
    rating = serializers.ChoiceField(choices=Rag.choices, allow_null=True, help_text="The ranking's RAG band.")


class FigureSerializer(serializers.Serializer):
    """A police line exactly as the quarter's newest published public pack printed it (boards.printed_figures)."""

    measure = serializers.SlugField()
    measure_name = serializers.CharField()
    area = serializers.CharField()
    area_gss_code = serializers.CharField()
    period = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField(help_text="The first day of the period's last month.")
    count = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)
    comparison = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)
    comparison_label = serializers.CharField()
    change_percent = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)
    change_significance = serializers.SerializerMethodField(
        help_text="Whether the change is beyond normal variation for its counts, as the pack printed it."
    )
    z_score = serializers.DecimalField(source="z", max_digits=None, decimal_places=None, allow_null=True)
    rating = serializers.ChoiceField(choices=Rag.choices, allow_null=True)
    rating_words = serializers.SerializerMethodField(help_text="The rating as the pack printed it.")
    rating_overridden = serializers.BooleanField()
    override_reason = serializers.CharField()
    cautions = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()
    narrative = serializers.CharField(help_text="The police commentary printed under the figure (Markdown).")
    hotspots = HotspotSerializer(many=True)
    ranking = RankingSerializer(allow_null=True, help_text="Where the pack printed the measure's ranking table.")

    def get_change_significance(self, line) -> str:
        return figure_words.signal_words(line)

    def get_rating_words(self, line) -> str:
        return rag.in_words(line.rating)
