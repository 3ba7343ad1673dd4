"""The RAG scale shared by strategy returns and crime figures. The rules that pick a rating live with them."""

from django.db import models


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
