"""The licence every open data answer carries: the Open Government Licence v3.0."""

NAME = "Open Government Licence v3.0"
URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# An RFC 8288 link, so that a CSV download or an error says its licence too.
LINK_HEADER = f'<{URL}>; rel="license"'
STATEMENT = {"name": NAME, "url": URL}
