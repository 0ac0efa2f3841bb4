from __future__ import annotations

from sqlmodel import select

from desktop.models import Territory, TerritoryKind
from desktop.services import territories
from desktop.store import Store


def test_store_opens_and_writes(store: Store, actor) -> None:
    with store.transaction() as session:
        territories.create_territory(
            session, actor, name="CA du Boulonnais", siren="200039071", kind=TerritoryKind.CA
        )
    with store.session() as session:
        assert session.exec(select(Territory.name)).all() == ["CA du Boulonnais"]
