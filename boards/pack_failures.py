"""Why an agenda pack could not be built, in words a democratic services officer can act on.

`boards.pack.build` raises PackFailure, naming the stage that failed (and the agenda item, for a paper), from
the technical error; the build page shows `words(failure)` and the technical error goes to the log.
"""

from django.db import models


class Stage(models.TextChoices):
    PAPER = "paper", "reading an uploaded paper"
    FIGURES = "figures", "gathering the papers and figures"
    CHARTS = "charts", "drawing the charts"
    LAYOUT = "layout", "laying out the pages"
    MERGE = "merge", "merging in the uploaded papers"


class PackFailure(Exception):
    """A build failed at `stage`; `item_reference` names the agenda item (4a) when one paper is the cause."""

    def __init__(self, stage, item_reference=""):
        super().__init__(
            f"Pack build failed while {Stage(stage).label}" + (f" (item {item_reference})" if item_reference else "")
        )
        self.stage, self.item_reference = Stage(stage), item_reference


# What to say for each stage: what went wrong, and what to do about it.
WORDS = {
    Stage.PAPER: "The paper uploaded for item {item} is not a PDF that can be read: it may be damaged, password "
    "protected or not really a PDF. Open it on your computer, save it again as a PDF and upload it again.",
    Stage.FIGURES: "The papers and figures for the pack could not be gathered. Try again in a few minutes; if it "
    "fails again, ask the system administrator to look at the error log.",
    Stage.CHARTS: "A chart of the crime figures could not be drawn. Try again in a few minutes; if it fails again, "
    "ask the system administrator to look at the error log.",
    Stage.LAYOUT: "The pages of the pack could not be laid out. This is usually caused by unusual text in an agenda "
    "item, a report front sheet or the minutes, such as a very long word or table. Check what changed since the last "
    "pack was built; if nothing looks wrong, ask the system administrator to look at the error log.",
    Stage.MERGE: "One of the uploaded papers could not be added to the pack. Open each paper on your computer, save "
    "it again as a PDF and upload it again.",
}
UNKNOWN = (
    "Something unexpected stopped the pack being built. Try again in a few minutes; if it fails again, ask the "
    "system administrator to look at the error log."
)


def words(error):
    """The sentence for a failed build: the stage's words, or the unknown failure's for any other error."""
    if not isinstance(error, PackFailure):
        return UNKNOWN
    return WORDS[error.stage].format(item=error.item_reference or "(unknown)")


def technical(error):
    """The error as the log records it: the underlying exception's type and message."""
    cause = error.__cause__ if isinstance(error, PackFailure) and error.__cause__ else error
    return f"{type(cause).__name__}: {cause}"
