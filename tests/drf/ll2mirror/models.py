"""The spacecraft fields hangar filters, searches and orders by, and the two
related tables its choice filters read (`status`, `spacecraft_config`)."""
from django.db import models


class SpacecraftStatus(models.Model):
    name = models.CharField(max_length=255)

    class Meta:
        app_label = "ll2mirror"


class SpacecraftConfiguration(models.Model):
    name = models.CharField(max_length=255)

    class Meta:
        app_label = "ll2mirror"


class Spacecraft(models.Model):
    name = models.CharField(max_length=255)
    in_space = models.BooleanField(default=False)
    is_placeholder = models.BooleanField(default=False)
    status = models.ForeignKey(SpacecraftStatus, on_delete=models.PROTECT)
    spacecraft_config = models.ForeignKey(
        SpacecraftConfiguration, on_delete=models.PROTECT
    )
    flights_count = models.IntegerField(null=True)
    mission_ends_count = models.IntegerField(null=True)
    time_in_space = models.DurationField(null=True)
    time_docked = models.DurationField(null=True)
    # The record as the API sent it (JSON): what the endpoint answers, as
    # LL2's serializers would have written it.
    raw = models.TextField(default="")
    # The record's own endpoint's answer (`/spacecraft/{id}/`), JSON.
    raw_detail = models.TextField(default="")

    class Meta:
        app_label = "ll2mirror"
