"""Page-number paging (`page`, `page_size`, `total`) shared by every list."""

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

T = TypeVar("T")

MAX_PAGE_SIZE = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(examples=[1234])
    page: int = Field(examples=[1])
    page_size: int = Field(examples=[50])


class PageParams(BaseModel):
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _page_params(
    page: Annotated[int, Query(ge=1, le=100_000, description="1-based page number")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows per page")] = 50,
) -> PageParams:
    return PageParams(page=page, page_size=page_size)


PageDep = Annotated[PageParams, Depends(_page_params)]
