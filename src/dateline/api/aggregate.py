"""Aggregates computed in SQL: ``timeline``, ``network``, ``map``, ``actors``, ``places``.
Each takes the same filters as ``/api/v1/events`` and returns a bounded answer."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from dateline.errors import Code
from dateline.store import explore

from .errors import ERROR_RESPONSES, ApiError
from .params import (
    FiltersDep,
    encode_cursor,
    get_settings,
    next_link,
    offset_from,
    read_store,
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
async def timeline(
    request: Request,
    filters: FiltersDep,
    bucket: Annotated[
        BucketName, Query(description="auto picks day, month or year from the date range")
    ] = BucketName.auto,
    group: Annotated[
        GroupName, Query(description="none, type (PLOVER type) or actor (the top actors)")
    ] = GroupName.none,
    top: Annotated[int, Query(ge=1, le=50, description="actor groups: how many")] = 12,
) -> TimelineResponse:
    def read(conn: Connection) -> explore.Timeline:
        try:
            return explore.timeline(conn, filters, bucket=bucket.value, group=group.value, top=top)
        except ValueError as exc:
            raise ApiError(Code.E019, f"bucket: {exc}") from None

    return TimelineResponse(**(await read_store(request, read)).model_dump())


@router.get(
    "/network",
    response_model=NetworkResponse,
    responses=ERROR_RESPONSES,
    summary="The actor graph: edges are events between actors",
)
async def network(
    request: Request,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="the strongest edges, at most")] = 150,
) -> NetworkResponse:
    found = await read_store(request, lambda conn: explore.network(conn, filters, limit=limit))
    return NetworkResponse(**found.model_dump())


@router.get(
    "/map",
    response_model=MapResponse,
    responses=ERROR_RESPONSES,
    summary="Located events in a bounding box: points, or grid clusters when there are many",
)
async def map_view(
    request: Request,
    filters: FiltersDep,
    zoom: Annotated[int, Query(ge=0, le=20, description="map zoom: sizes the grid cells")] = 2,
    max_points: Annotated[
        int | None,
        Query(ge=1, le=5000, description="single events up to this many, else clusters"),
    ] = None,
) -> MapResponse:
    most = max_points or get_settings(request).max_points
    found = await read_store(
        request, lambda conn: explore.map_view(conn, filters, zoom=zoom, max_points=most)
    )
    return MapResponse(**found.model_dump())


@router.get(
    "/actors",
    response_model=ActorPage,
    responses=ERROR_RESPONSES,
    tags=["actors and places"],
    summary="Actors of the matching events, by number of events",
)
async def actors(
    request: Request,
    filters: FiltersDep,
    name: Annotated[str | None, Query(description="the name contains this")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="from the previous page's `next`")] = None,
) -> ActorPage:
    rows, link = await _ranked(
        request, "actors", cursor, limit,
        lambda conn, n, offset: explore.actor_counts(
            conn, filters, name=name, limit=n, offset=offset
        ),
    )  # fmt: skip
    return ActorPage(next=link, actors=rows)


@router.get(
    "/places",
    response_model=PlacePage,
    responses=ERROR_RESPONSES,
    tags=["actors and places"],
    summary="Places of the matching events, by number of events",
)
async def places(
    request: Request,
    filters: FiltersDep,
    name: Annotated[str | None, Query(description="the name contains this")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="from the previous page's `next`")] = None,
) -> PlacePage:
    rows, link = await _ranked(
        request, "places", cursor, limit,
        lambda conn, n, offset: explore.place_counts(
            conn, filters, name=name, limit=n, offset=offset
        ),
    )  # fmt: skip
    return PlacePage(next=link, places=rows)


async def _ranked(
    request: Request,
    kind: str,
    cursor: str | None,
    limit: int,
    count: Callable[[Connection, int, int], list[T]],
) -> tuple[list[T], str | None]:
    """One page of a ranked list (``count(conn, n, offset)`` gives up to n rows from
    offset), and the link to the next page when there is one."""
    offset = offset_from(cursor, kind)
    rows = await read_store(request, lambda conn: count(conn, limit + 1, offset))
    token = encode_cursor({"k": kind, "o": offset + limit}) if len(rows) > limit else None
    return rows[:limit], next_link(request, token)
