"""Upload size limits: a file field that refuses a file over its form's limit next to the field, with both sizes."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


class LimitedFileField(forms.FileField):
    """A file field whose limit, in megabytes, is the setting `limit_setting` (read at each upload, so the
    environment and tests can change it); `what` names the file in the message ("The paper is ...")."""

    limit_setting = ""
    what = "file"

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        limit = getattr(settings, self.limit_setting) * 1024 * 1024
        if upload and getattr(upload, "size", 0) > limit:
            raise forms.ValidationError(
                f"The {self.what} is {filesizeformat(upload.size)}: it must be {filesizeformat(limit)} or smaller.",
                code="too_big",
            )
        return upload
