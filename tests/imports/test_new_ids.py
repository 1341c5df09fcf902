"""The ids the preview gives the customers an import will create."""

import uuid

from app.imports.staging import new_uuids


def test_ids_are_uuid_v7_unique_and_growing_with_the_row() -> None:
    first, second = new_uuids(100_000).to_list(), new_uuids(3).to_list()
    ids = [uuid.UUID(x) for x in first + second]
    assert {(u.version, u.variant) for u in ids} == {(7, uuid.RFC_4122)}
    assert len(set(ids)) == len(ids)
    assert first == sorted(first) and first[-1] < second[0]  # later calls sort after
    assert new_uuids(0).to_list() == []
