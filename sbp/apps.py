from django.apps import AppConfig


class SbpConfig(AppConfig):
    name = "sbp"
    verbose_name = "Partnership directory"

    def ready(self):
        from sbp import data_version  # models are ready only now

        data_version.watch()
