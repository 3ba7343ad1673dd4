from django.apps import AppConfig


class SbpConfig(AppConfig):
    name = "sbp"
    verbose_name = "Partnership directory"
