"""The read-only open data API at /api/v1/ (ADR 0027): the published business, exactly as the public sees it.

Every view asks boards/access.py and boards/redaction.py as the public (access.PUBLIC_USER), whoever is signed in.
"""
