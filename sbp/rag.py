"""The RAG scale shared by strategy returns and crime figures. The rules that pick a rating live with them."""

from django.db import models


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


NOT_RATED = "Not rated"  # said of a line or a return with no rating, never a colour or a dash


def in_words(rating):
    """A rating as the pages, exports and open data say it: 'Amber', or 'Not rated'."""
    return Rag(rating).label if rating else NOT_RATED
