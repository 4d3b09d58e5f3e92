"""The spacecraft endpoint as LL2 declares it: `filterset_fields` on
DjangoFilterBackend (so django_filters.rest_framework.FilterSet builds the
filters from the model's fields), SearchFilter, OrderingFilter and
LimitOffsetPagination."""
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, pagination, serializers, viewsets

from .models import Spacecraft, SpacecraftConfiguration, SpacecraftStatus


class Pages(pagination.LimitOffsetPagination):
    default_limit = 10
    max_limit = 100


class StatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = SpacecraftStatus
        fields = ["id", "name"]


class ConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = SpacecraftConfiguration
        fields = ["id", "name"]


class SpacecraftSerializer(serializers.ModelSerializer):
    status = StatusSerializer()
    spacecraft_config = ConfigSerializer()

    class Meta:
        model = Spacecraft
        fields = [
            "id",
            "name",
            "in_space",
            "is_placeholder",
            "flights_count",
            "mission_ends_count",
            "status",
            "spacecraft_config",
        ]


class SpacecraftViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Spacecraft.objects.select_related("status", "spacecraft_config")
    serializer_class = SpacecraftSerializer
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    # In the order the endpoint's own help lists them (seeds/*.header.txt).
    filterset_fields = ["in_space", "is_placeholder", "name", "spacecraft_config", "status"]
    search_fields = ["name", "spacecraft_config__name"]
    ordering_fields = ["flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"]
    ordering = ["id"]
