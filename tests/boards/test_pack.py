"""The agenda pack: true page references (also after a merged PDF), Part 2 kept out of the public pack."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader
from weasyprint import HTML

from boards import pack, redaction
from boards.models import AgendaItem, PackBuild, Report
from sbp import charts
from tests.conftest import BROMLEY

pytestmark = pytest.mark.django_db
REFERENCE = re.compile(r"^(\d+|[a-z]) +(.+?) \(Pages\s+(\d+)\s+-\s+(\d+)\)", re.MULTILINE)


def pages_of(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def agenda_references(pages):
    """[(label, title, first, last)] from the agenda pages of the pack."""
    agenda = "\n".join(page for page in pages[:4])
    joined = re.sub(r"\n(?!(\d+|[a-z]) +[A-Z])", " ", agenda)  # titles wrap over lines; items start "4  T" or "a  T"
    return [(label, title, int(first), int(last)) for label, title, first, last in REFERENCE.findall(joined)]


def appendix_pdf(pages=3):
    html = "".join(f'<p style="break-before: page">APPENDIX PAGE {n}</p>' for n in range(1, pages + 1))
    return HTML(string=f"<html><body>{html}</body></html>").write_pdf()


def test_every_agenda_page_reference_points_at_its_papers(june_2021):
    data, count = pack.build(june_2021, restricted=False)
    pages = pages_of(data)
    references = agenda_references(pages)
    assert [title.split(" ")[0] for _, title, _, _ in references] == [
        "MINUTES",
        "MATTERS",
        "REVISED",
        "QUARTER",
        "CRIME",
    ]
    for (_, title, first, last), following in zip(references, [*references[1:], None], strict=True):
        assert title[:20] in " ".join(pages[first - 1].split("\n")[:3]), title
        assert last == (following[2] - 1 if following else count)
        assert f"Page {first}" in pages[first - 1]
    minutes = pages[references[0][2] - 1 : references[0][3]]
    assert any(re.search(r"^JS\s*$", page, re.MULTILINE) for page in minutes)  # the minutes' Action column


def test_a_merged_pdf_appendix_keeps_every_reference_true(june_2021):
    strategy_item = june_2021.agenda_items.get(number=4, suffix="a")
    strategy_item.document.save("strategy.pdf", ContentFile(appendix_pdf(3)))
    data, _count = pack.build(june_2021, restricted=False)
    pages = pages_of(data)
    references = {title[:12]: (first, last) for _, title, first, last in agenda_references(pages)}
    first, last = references["REVISED SAFE"]
    assert last - first == 2
    for offset in range(3):
        assert f"APPENDIX PAGE {offset + 1}" in pages[first - 1 + offset]
        assert f"Page {first + offset}" in pages[first - 1 + offset]  # our footer runs through the appendix
    following = references["QUARTER 1: P"][0]
    assert following == last + 1
    assert "QUARTER 1: PRIORITY 1" in pages[following - 1]


def add_part_2(meeting):
    item = AgendaItem.objects.create(
        meeting=meeting, number=11, title="CCTV CONTRACT AWARD", part="exempt", position=99,
        exempt_reason="Information relating to the financial or business affairs of any particular person",
    )  # fmt: skip
    Report.objects.create(agenda_item=item, title="CCTV CONTRACT AWARD", reason="CONFIDENTIAL TENDER PRICES: Bidder B.")
    return item


def test_the_public_pack_carries_no_part_2_paper_but_keeps_the_page_numbers(june_2021):
    add_part_2(june_2021)
    public, public_count = pack.build(june_2021, restricted=False)
    restricted, restricted_count = pack.build(june_2021, restricted=True)
    public_pages, restricted_pages = pages_of(public), pages_of(restricted)
    assert public_count <= restricted_count  # the restricted pack may end with officers' source notes
    pages = [(label, first, last) for label, _, first, last in agenda_references(public_pages)]
    assert pages == [(label, first, last) for label, _, first, last in agenda_references(restricted_pages)]
    assert agenda_references(public_pages)[-1][1] == "Not for publication"
    # The item's title, not "CCTV" alone: the strategy document (4a) names CCTV among Priority 1's workstreams.
    assert not any("CONFIDENTIAL TENDER PRICES" in page or "CCTV CONTRACT" in page for page in public_pages)
    assert any("CONFIDENTIAL TENDER PRICES" in page for page in restricted_pages)
    first, last = agenda_references(restricted_pages)[-1][2:]
    for page in restricted_pages[first - 1 : last]:
        assert "NOT FOR PUBLICATION: Part 2 (exempt) business" in page
    assert "Not for publication" in public_pages[first - 1]


def test_a_pack_is_a_real_document(june_2021):
    data, _ = pack.build(june_2021, restricted=False)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Safer Bromley Partnership Board, 17 June 2021: agenda"
    assert reader.metadata.author == "London Borough of Bromley"
    assert [item.title for item in reader.outline][:3] == [
        "Safer Bromley Partnership Board",
        "A G E N D A",
        "2 MINUTES OF THE MEETING HELD ON 25TH MARCH 2021",
    ]
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=1)  # A4


def test_downloads_build_once_then_serve_the_stored_pack_until_the_content_changes(client, june_2021):
    url = reverse("meeting-pack", args=[june_2021.pk])
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"
    assert PackBuild.objects.filter(meeting=june_2021, status="ready").count() == 1
    client.get(url)
    assert PackBuild.objects.filter(meeting=june_2021).count() == 1
    june_2021.public_notice = "The meeting will be held virtually."
    june_2021.save()
    client.get(url)
    assert PackBuild.objects.filter(meeting=june_2021, status="ready").count() == 2


def test_a_failed_build_shows_its_error_and_keeps_the_last_good_pack(client, june_2021):
    url = reverse("meeting-pack", args=[june_2021.pk])
    client.get(url)
    broken = june_2021.agenda_items.get(number=4, suffix="a")
    broken.document.save("broken.pdf", ContentFile(b"%PDF-1.7 this is not really a PDF"))
    page = client.get(url)
    assert page.status_code == 500
    text = page.content.decode()
    assert "The agenda pack could not be built" in text
    good = PackBuild.objects.get(meeting=june_2021, status="ready")
    assert reverse("stored-pack", args=[good.pk]) in text
    assert client.get(reverse("stored-pack", args=[good.pk]))["Content-Type"] == "application/pdf"


def test_the_restricted_pack_and_part_2_papers_are_for_full_readers_only(client_for, june_2021):
    item = add_part_2(june_2021)
    item.document.save("tender.pdf", ContentFile(appendix_pdf(1)))
    assert client_for("anonymous").get(reverse("agenda-item-paper", args=[item.pk])).status_code == 302
    assert client_for("partner").get(reverse("meeting-pack-restricted", args=[june_2021.pk])).status_code == 403
    assert client_for("member").get(reverse("agenda-item-paper", args=[item.pk]))["Content-Type"] == "application/pdf"


def downloaded_text(client, meeting):
    response = client.get(reverse("meeting-pack", args=[meeting.pk]))
    return "\n".join(pages_of(b"".join(response.streaming_content)))


def test_a_published_pack_stays_as_sent_out_until_a_revised_one_is_published(client_for, june_2021):
    democratic, public = client_for("democratic"), client_for("anonymous")
    revise = reverse("publish-revised-pack", args=[june_2021.pk])
    democratic.post(revise)  # the demo meeting was published before packs were recorded: record them now
    sent = downloaded_text(public, june_2021)
    june_2021.public_notice = "The meeting has moved to Committee Room 9 of the library."
    june_2021.save()
    assert downloaded_text(public, june_2021) == sent
    assert "Committee Room 9" not in sent
    page = democratic.post(revise, follow=True).content.decode()
    assert "A revised agenda pack is published." in page
    assert "Agenda pack published" in page
    assert "revised" in page
    assert "Committee Room 9" in downloaded_text(public, june_2021)
    page = democratic.post(revise, follow=True).content.decode()
    assert "The papers have not changed since the pack was published" in page
    assert june_2021.pack_builds.exclude(published_at=None).count() == 4  # both audiences, twice; none lost


def test_officers_notes_on_a_hand_entered_figure_stay_off_the_public_pack(june_2021):
    from crime.models import ReportedFigure

    figure = ReportedFigure.objects.filter(financial_year=2021, quarter=1, statistic="count").first()
    figure.note = "Copied from the police slide deck; the MOPAC figure differs by two."
    figure.save()
    public = " ".join(" ".join(pages_of(pack.build(june_2021, restricted=False)[0])).split())
    restricted = " ".join(" ".join(pages_of(pack.build(june_2021, restricted=True)[0])).split())
    assert "Copied from the police slide deck" not in public
    assert "Copied from the police slide deck" in restricted


def test_a_front_sheet_and_its_pdf_body_both_go_in_with_true_page_references(june_2021):
    item = june_2021.agenda_items.get(number=5, suffix="a")
    Report.objects.create(agenda_item=item, title="CRIME NEEDS ASSESSMENT UPDATE", report_number="ES 21045",
                          reason="To present the Crime Needs Assessment to February 2021.")  # fmt: skip
    item.document.save("assessment.pdf", ContentFile(appendix_pdf(3)))
    data, _ = pack.build(june_2021, restricted=False)
    pages = pages_of(data)
    references = agenda_references(pages)
    titles = [title[:14] for _, title, _, _ in references]
    first, last = references[titles.index("CRIME NEEDS AS")][2:]
    assert "Report No. ES 21045" in pages[first - 1]  # the front sheet first
    body = next(n for n in range(first, last + 1) if "APPENDIX PAGE 1" in pages[n - 1])
    assert body > first
    assert last == body + 2  # then every page of the uploaded body
    for offset in range(3):
        assert f"APPENDIX PAGE {offset + 1}" in pages[body - 1 + offset]
        assert f"Page {body + offset}" in pages[body - 1 + offset]
    following = references[titles.index("CRIME NEEDS AS") + 1][2]
    assert following == last + 1


def test_the_published_june_2021_pack_stays_byte_identical_whatever_changes_after(client, june_2021):
    from boards import demo
    from boards.models import Action
    from sbp.models import Organisation
    from strategy.models import Priority, ProgressUpdate
    from tests.conftest import import_shared

    demo.record_published_packs()
    url = reverse("meeting-pack", args=[june_2021.pk])
    before = b"".join(client.get(url).streaming_content)
    ProgressUpdate.objects.create(
        priority=Priority.objects.get(number=2), partner=Organisation.objects.get(short_name="LFB"),
        financial_year=2021, quarter=1, rag="red", title="A return added after publication",
    )  # fmt: skip
    action = Action.objects.open().filter(minute__meeting__starts_at__lt=june_2021.starts_at).first()
    action.status, action.closed_on = Action.Status.COMPLETED, june_2021.starts_at.date()
    action.save()
    import_shared("MPS_Borough_Level_Crime_recent24_202202-202401.csv")  # a release revising the figures
    assert b"".join(client.get(url).streaming_content) == before
    demo.record_published_packs()  # loading the demo again records nothing new
    assert PackBuild.objects.filter(meeting=june_2021, published_at__isnull=False).count() == 2


def test_the_police_commentary_is_printed_under_its_figure_as_in_the_seed(june_2021, client_for):
    text = " ".join(" ".join(pages_of(pack.build(june_2021, restricted=False)[0])).split())
    gun = text.index("Gun crime")
    assert text.index("Total gun crime within Bromley has fallen between years by 50%.") > gun
    assert text.index("Total gun crime within Bromley") < text.index("Hate crime", gun)  # the next measure
    page = client_for("member").get(reverse("dashboard-quarter", args=[BROMLEY, "2021-22", "q1"])).content.decode()
    assert "Police commentary" in page
    assert "proactive approach to FA intel" in page


def test_an_unchanged_pack_downloads_in_five_queries_and_renders_nothing(
    client, june_2021, django_assert_max_num_queries
):
    url = reverse("meeting-pack", args=[june_2021.pk])
    client.get(url)  # builds it and remembers its fingerprint
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert [template.name for template in response.templates] == []


def strategy_report_meeting(june_2021):
    """The meeting after June 2021's, made from it once June's agenda carries a strategy progress report item."""
    from boards import agenda
    from boards.models import Meeting

    kind = AgendaItem.StandingKind.STRATEGY_REPORT
    report_item = AgendaItem(title="STRATEGY PROGRESS REPORT", kind=AgendaItem.Kind.STANDING, standing_kind=kind)
    agenda.append(june_2021, report_item, as_sub_item=False)
    starts = june_2021.starts_at.replace(month=9, day=16)
    return agenda.create_next_meeting(june_2021, starts, "Civic Centre", Meeting.Mode.IN_PERSON)


def test_a_new_meetings_pack_carries_the_strategy_report_with_each_prioritys_rag_in_words(june_2021):
    from sbp.models import Organisation
    from strategy.models import ProgressUpdate

    september = strategy_report_meeting(june_2021)
    assert september.agenda_items.filter(standing_kind="strategy_report").count() == 1
    priorities = june_2021.board.partnership.strategies.get().priorities.order_by("number")
    ProgressUpdate.objects.create(priority=priorities[0], partner=Organisation.objects.get(short_name="MPS"),
                                  financial_year=2021, quarter=2, rag="amber", title="Burglary in the autumn",
                                  narrative="Burglary rose in August.")  # fmt: skip
    text = " ".join(" ".join(pages_of(pack.build(september, restricted=False)[0])).split())
    assert "Quarter 2 (2021/22 Q2): progress against the strategy" in text
    first = text.index(f"Priority 1 – {priorities[0].title} Overall RAG Status: Amber")
    # A return against the whole priority is numbered after the priority's four sub-priorities.
    police = "Partner – Metropolitan Police Service 5. Burglary in the autumn RAG Status: Amber"
    assert text.index(police) > first
    for priority in priorities[1:]:
        assert f"Priority {priority.number} – {priority.title} Overall RAG Status: Not rated" in text
    assert "Burglary rose in August." in text


def papers_text(pages, title_start):
    """The whitespace-normalised text of one agenda item's papers, found by its agenda reference."""
    first, last = next(
        (first, last) for _, title, first, last in agenda_references(pages) if title.startswith(title_start)
    )
    return " ".join(" ".join(pages[first - 1 : last]).split())


def assert_in_order(text, headings):
    at = 0
    for heading in headings:
        found = text.find(heading, at)
        assert found >= 0, f"{heading!r} missing, or before {headings[headings.index(heading) - 1]!r}"
        at = found + len(heading)


def test_the_substantive_priority_report_reads_in_the_seeds_order_one_partner_line_each(june_2021):
    text = papers_text(pages_of(pack.build(june_2021, restricted=False)[0]), "QUARTER 1: PRIORITY 1")
    unrated, amber, green = "RAG Status: Not rated", "RAG Status: Amber", "RAG Status: Green"
    assert_in_order(text, [
        "4b QUARTER 1: PRIORITY 1--SAFER NEIGHBOURHOODS.",
        "Priority 1 – Safer neighbourhoods",
        "There are 4 sub-priorities, numbered as the sections below: 1. Non-domestic violence with injury "
        "2. Residential burglary 3. Anti-social behaviour 4. Crime against the elderly",
        "Partner – London Borough of Bromley",
        f"1. Non-domestic Violence with injury {unrated}",
        f"2. Burglary {unrated}",
        f"3. ASB {unrated}",
        f"4. Financial Crimes Against the Elderly and Otherwise Vulnerable {unrated}",
        f"5. Impact of COVID 19 on Business as Usual (of any) {unrated}",
        "Partner – Metropolitan Police Service",
        f"1. NDVWI {amber}",
        f"2. Total Burglary and Residential Burglary {green}",
        f"3. ASB {amber}",
        f"5. Theft of Motor Vehicles Volume Crime {green}",
    ])  # fmt: skip
    assert text.count("Partner – London Borough of Bromley") == 1
    assert text.count("Partner – Metropolitan Police Service") == 1
    assert text.count("Partner -") == 0  # the seed's own "Partner - Community Safety" is not repeated in a title


def test_the_strategy_document_item_prints_the_strategy_in_force_in_the_seeds_order(june_2021):
    pages = pages_of(pack.build(june_2021, restricted=False)[0])
    text = papers_text(pages, "REVISED SAFER BROMLEY")
    assert_in_order(text, [
        "4a REVISED SAFER BROMLEY PARTNERSHIP STRATEGY DOCUMENT",
        "Foreword",
        "We are pleased to introduce the Safer Bromley Partnership Community Safety Strategy for 2020 to 2023",
        "Our priorities",
        "Priority 1 – Safer neighbourhoods",
        "Priority 4 – Stand together against hate crime and extremism",
        "This Priority looks at the crime and anti-social behaviour (ASB)",  # the introduction comes first
        "Priority 1 – Safer neighbourhoods",
        "Our aim",
        "What we will tackle",
        "Non-domestic violence with injury – Establishing a specific Police led tasking group",
        "Residential burglary",
        "Anti-social behaviour",
        "Crime against the elderly and vulnerable (financial abuse)",
        "How we will do it",
        "Improve partnership and stakeholder engagement and collaboration",
        "Make use of legislation",
        "How we will know we are on track",
        "Police will present an update to the Public Protection & Enforcement Policy Development",
        "Priority 2 – Violence Against Women and Girls",
        "Our aim",
        "What we will tackle",
        "Prevention",
        "How we will do it",
        "How we will know we are on track",
        "Priority 3 – Keeping young people safe",
        "Priority 4 – Stand together against hate crime and extremism",
        "How we will know we are on track",
    ])  # fmt: skip
    assert "Legal Requirement" not in text  # the front sheet's text is no longer taken for the foreword
    first, last = next((f, la) for _, title, f, la in agenda_references(pages) if title.startswith("REVISED"))
    assert last - first >= 5  # the 4a reference spans the document's pages, not a placeholder
    assert "Priority 4 – Stand together" in " ".join(pages[last - 2 : last])  # and ends with the last priority


def test_a_strategy_document_outside_any_strategy_has_no_papers(june_2021):
    item = june_2021.agenda_items.get(standing_kind=AgendaItem.StandingKind.STRATEGY_DOCUMENT)
    june_2021.board.partnership.strategies.update(ends_on="2021-05-31")
    assert pack.papers_for(june_2021, item, pack.redaction.RESTRICTED_PACK) is None


def test_a_strategy_report_outside_any_strategy_has_no_papers(june_2021):
    september = strategy_report_meeting(june_2021)
    september.board.partnership.strategies.update(ends_on="2021-08-31")
    item = september.agenda_items.get(standing_kind="strategy_report")
    assert pack.papers_for(september, item, pack.redaction.RESTRICTED_PACK) is None


def structure_alt_texts(reader):
    """Every /Alt in the PDF's structure tree: what a screen reader says for each figure."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                stack.append(node["/K"])
    return found


def test_every_chart_in_the_pack_carries_alt_text_with_its_main_figures(june_2021):
    papers = pack.contents(june_2021, redaction.for_pack(False))
    svgs = charts.to_svg(pack.chart_figures(papers))
    assert svgs, "the June 2021 pack draws its ranking and trend charts"
    for svg in svgs.values():
        title = re.search(r"<svg[^>]*>\s*<title>([^<]+)</title>\s*<desc>([^<]+)</desc>", svg)
        assert title, svg[:300]
    ranking = next(svg for key, svg in svgs.items() if "ranking" in key)
    assert re.search(r"Bromley \(this district\) ranks \d+ of 32 at [\d.]+ per 1,000", ranking)

    data, _ = pack.build(june_2021, restricted=False)
    alts = structure_alt_texts(PdfReader(io.BytesIO(data)))
    assert any("ranks" in alt and "of 32" in alt for alt in alts), alts
    assert any(alt.startswith("Line chart") for alt in alts), alts


def test_the_cover_prints_no_page_number_and_appendix_a_starts_its_own_page(june_2021):
    data, _ = pack.build(june_2021, restricted=False)
    pages = pages_of(data)
    assert "Page 1" not in pages[0]
    assert "Page 2" in pages[1]
    front_sheet = next(n for n, text in enumerate(pages) if "Report No. CSD 21071" in text)
    # Without its page break Appendix A follows the front sheet's last paragraph: no page would start with it.
    appendix = next(n for n, text in enumerate(pages) if text.lstrip().startswith("Appendix A"))
    assert appendix > front_sheet
