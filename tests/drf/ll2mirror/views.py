"""The spacecraft endpoint as LL2 declares it: `filterset_fields` on
DjangoFilterBackend (so django_filters.rest_framework.FilterSet builds the
filters from the model's fields), SearchFilter, OrderingFilter and
LimitOffsetPagination.

Records are answered as the API sent them (the `raw` column), with the
upstream's URLs made this server's as DRF's own hyperlinks would be
(`rest_framework.reverse.preserve_builtin_query_params` keeps the request's
`format`), and in normal mode (the default) cut to the properties of the
schema's normal components (`SpacecraftNormal` and what it refers to)."""
import json
import os

from django.db.models import F
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, pagination, serializers, viewsets
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.utils.urls import remove_query_param

from .models import Spacecraft

UPSTREAM = "https://ll.thespacedevs.com/2.3.0"
SCHEMA = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "schema",
    "ll2-2.3.0-components.json",
)
with open(SCHEMA, encoding="utf-8") as f:
    COMPONENTS = json.load(f)


class Pages(pagination.LimitOffsetPagination):
    default_limit = 10
    max_limit = 100


class PostgresOrdering(filters.OrderingFilter):
    """DRF's OrderingFilter, ordering NULLs as PostgreSQL (LL2's database)
    does, last ascending and first descending, where SQLite puts them
    first; ties, which PostgreSQL leaves in no particular order, by id (as
    hangar breaks them)."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        terms = []
        for term in ordering:
            if term.startswith("-"):
                terms.append(F(term[1:]).desc(nulls_first=True))
            else:
                terms.append(F(term).asc(nulls_last=True))
        return queryset.order_by(*terms, "id")


def _resolve(schema):
    while True:
        if "$ref" in schema:
            schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[1]]
        elif "allOf" in schema:
            schema = schema["allOf"][0]
        else:
            return schema


def project(value, schema):
    """`value` cut to what `schema` names, recursively; `response_mode` the
    component's own (its default)."""
    schema = _resolve(schema)
    if isinstance(value, dict) and "properties" in schema:
        props = schema["properties"]
        out = {k: project(v, props[k]) for k, v in value.items() if k in props}
        if "response_mode" in props and "default" in props["response_mode"]:
            out["response_mode"] = props["response_mode"]["default"]
        return out
    if isinstance(value, list) and "items" in schema:
        return [project(v, schema["items"]) for v in value]
    return value


def rewrite(value, request):
    """Every URL under the upstream's base made this server's, the request's
    `format` kept as DRF's hyperlinks keep it."""
    if isinstance(value, dict):
        return {k: rewrite(v, request) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v, request) for v in value]
    if isinstance(value, str) and (value == UPSTREAM or value.startswith(UPSTREAM + "/")):
        url = request.build_absolute_uri("/2.3.0" + value[len(UPSTREAM):])
        return preserve_builtin_query_params(remove_query_param(url, "format"), request)
    return value


class SpacecraftSerializer(serializers.BaseSerializer):
    def to_representation(self, instance):
        request = self.context["request"]
        view = self.context["view"]
        if view.action == "retrieve":
            return rewrite(json.loads(instance.raw_detail), request)
        record = rewrite(json.loads(instance.raw), request)
        if self.context.get("version") == "2.2.0" or request.query_params.get("mode") == "detailed":
            return record
        return project(record, {"$ref": "#/components/schemas/SpacecraftNormal"})


class SpacecraftViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Spacecraft.objects.select_related("status", "spacecraft_config")
    serializer_class = SpacecraftSerializer
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, PostgresOrdering]
    # In the order the endpoint's own help lists them (seeds/*.header.txt).
    filterset_fields = ["in_space", "is_placeholder", "name", "spacecraft_config", "status"]
    search_fields = ["name", "spacecraft_config__name"]
    ordering_fields = ["flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"]
    ordering = ["id"]


class Spacecraft220ViewSet(SpacecraftViewSet):
    """2.2.0's spacecraft endpoint: three filters, ordering by id alone
    (shared/API.md); the records as held, in either mode (no 2.2.0
    schema is published to cut a normal one by)."""

    filterset_fields = ["name", "spacecraft_config", "status"]
    ordering_fields = ["id"]

    def get_serializer_context(self):
        return dict(super().get_serializer_context(), version="2.2.0")
