"""Aggregates computed in SQL: ``timeline``, ``network``, ``map``, ``actors``, ``places``.
Each takes the same filters as ``/api/v1/events`` and returns a bounded answer."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from dateline.errors import Code
from dateline.store import explore

from .errors import ERROR_RESPONSES, ApiError
from .params import (
    ConnDep,
    FiltersDep,
    SettingsDep,
    encode_cursor,
    next_link,
    offset_from,
)

router = APIRouter(prefix="/api/v1", tags=["aggregates"])

T = TypeVar("T")


class BucketName(StrEnum):
    auto = "auto"
    day = "day"
    month = "month"
    year = "year"


class GroupName(StrEnum):
    none = "none"
    type = "type"
    actor = "actor"


class TimelineResponse(explore.Timeline):
    ok: Literal[True] = True


class NetworkResponse(explore.Network):
    ok: Literal[True] = True


class MapResponse(explore.MapView):
    ok: Literal[True] = True


class ActorPage(BaseModel):
    ok: Literal[True] = True
    next: str | None = Field(description="URL of the next page; null on the last page")
    actors: list[explore.ActorCount]


class PlacePage(BaseModel):
    ok: Literal[True] = True
    next: str | None = Field(description="URL of the next page; null on the last page")
    places: list[explore.PlaceCount]


@router.get(
    "/timeline",
    response_model=TimelineResponse,
    responses=ERROR_RESPONSES,
    summary="Events per day, month or year of event date, optionally grouped",
)
def timeline(
    conn: ConnDep,
    filters: FiltersDep,
    bucket: Annotated[
        BucketName, Query(description="auto picks day, month or year from the date range")
    ] = BucketName.auto,
    group: Annotated[
        GroupName, Query(description="none, type (PLOVER type) or actor (the top actors)")
    ] = GroupName.none,
    top: Annotated[int, Query(ge=1, le=50, description="actor groups: how many")] = 12,
) -> TimelineResponse:
    try:
        found = explore.timeline(
            conn,
            filters,
            bucket=bucket.value,
            group=group.value,
            top=top,
        )
    except ValueError as exc:
        raise ApiError(Code.E019, f"bucket: {exc}") from None
    return TimelineResponse(**found.model_dump())


@router.get(
    "/network",
    response_model=NetworkResponse,
    responses=ERROR_RESPONSES,
    summary="The actor graph: edges are events between actors",
)
def network(
    conn: ConnDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="the strongest edges, at most")] = 150,
) -> NetworkResponse:
    return NetworkResponse(**explore.network(conn, filters, limit=limit).model_dump())


@router.get(
    "/map",
    response_model=MapResponse,
    responses=ERROR_RESPONSES,
    summary="Located events in a bounding box: points, or grid clusters when there are many",
)
def map_view(
    conn: ConnDep,
    settings: SettingsDep,
    filters: FiltersDep,
    zoom: Annotated[int, Query(ge=0, le=20, description="map zoom: sizes the grid cells")] = 2,
    max_points: Annotated[
        int | None,
        Query(ge=1, le=5000, description="single events up to this many, else clusters"),
    ] = None,
) -> MapResponse:
    found = explore.map_view(conn, filters, zoom=zoom, max_points=max_points or settings.max_points)
    return MapResponse(**found.model_dump())


@router.get(
    "/actors",
    response_model=ActorPage,
    responses=ERROR_RESPONSES,
    tags=["actors and places"],
    summary="Actors of the matching events, by number of events",
)
def actors(
    request: Request,
    conn: ConnDep,
    filters: FiltersDep,
    name: Annotated[str | None, Query(description="the name contains this")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="from the previous page's `next`")] = None,
) -> ActorPage:
    rows, link = _ranked(
        request, "actors", cursor, limit,
        lambda n, offset: explore.actor_counts(conn, filters, name=name, limit=n, offset=offset),
    )  # fmt: skip
    return ActorPage(next=link, actors=rows)


@router.get(
    "/places",
    response_model=PlacePage,
    responses=ERROR_RESPONSES,
    tags=["actors and places"],
    summary="Places of the matching events, by number of events",
)
def places(
    request: Request,
    conn: ConnDep,
    filters: FiltersDep,
    name: Annotated[str | None, Query(description="the name contains this")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="from the previous page's `next`")] = None,
) -> PlacePage:
    rows, link = _ranked(
        request, "places", cursor, limit,
        lambda n, offset: explore.place_counts(conn, filters, name=name, limit=n, offset=offset),
    )  # fmt: skip
    return PlacePage(next=link, places=rows)


def _ranked(
    request: Request,
    kind: str,
    cursor: str | None,
    limit: int,
    count: Callable[[int, int], list[T]],
) -> tuple[list[T], str | None]:
    """One page of a ranked list (``count(n, offset)`` gives up to n rows from offset),
    and the link to the next page when there is one."""
    offset = offset_from(cursor, kind)
    rows = count(limit + 1, offset)
    token = encode_cursor({"k": kind, "o": offset + limit}) if len(rows) > limit else None
    return rows[:limit], next_link(request, token)
