"""The regulatory indicator referential: the shipped resource, its generator, its installation
by the migration, and the schema agreeing with the models."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import select

from desktop.models import Indicator, IndicatorCategory, metadata
from desktop.store import Store, open_store
from desktop.store.referential import indicator_uuid, install_referential, read_resource
from desktop.tools import referential as generator

RESOURCES = Path(__file__).parent / "resources"


def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_the_shipped_resource_is_what_the_generator_writes(shared_data: Path) -> None:
    rows = generator.read_definitions(shared_data / "tet-indicateur-definitions.csv")
    expected = generator.render(generator.build(rows))
    assert generator.OUTPUT.read_text(encoding="utf-8") == expected


def test_the_generator_keeps_the_pcaet_indicators_and_what_they_point_at(
    shared_data: Path,
) -> None:
    rows = generator.read_definitions(shared_data / "tet-indicateur-definitions.csv")
    chosen = set(generator.select(rows))
    pcaet = {i for i, row in rows.items() if "pcaet" in row["categories"]}
    assert pcaet <= chosen
    # every formula term and every parent is shipped too: hierarchies are complete
    for identifier in chosen:
        row = rows[identifier]
        assert set(generator.formula_references(row["valeurCalcule"])) <= chosen, identifier
    assert {"cae_1.k", "cae_2.m", "cae_1.ca", "cae_63.e", "cae_2.d", "chaleur"} <= chosen
    # nothing outside the PCAET's needs (no Cit'ergie action, no CRTE-only indicator)
    assert "cae_1.b" not in chosen and "crte_3.1" not in chosen


def test_the_resource_covers_the_r229_51_domains_in_three_languages() -> None:
    data = read_resource()
    entries = {e["identifier"]: e for e in data["indicators"]}
    assert data["source"]["licence"] == "MIT"
    for entry in entries.values():
        assert all(entry["title"][lang].strip() for lang in ("fr", "en", "nl")), entry
        for parent in entry["parents"]:
            assert parent in entries, (entry["identifier"], parent)
        for term in generator.formula_references(entry["formula"]):
            assert term in entries, (entry["identifier"], term)
    prefixes = ("cae_1.", "cae_2.", "cae_3.", "cae_24.", "cae_25.", "cae_4.", "cae_63.")
    assert all(any(i.startswith(p) for i in entries) for p in prefixes)
    carriers = {e["dimension"] for e in entries.values() if e["dimension"].startswith("carrier_")}
    assert {
        "carrier_electricity",
        "carrier_gas",
        "carrier_oil",
        "carrier_wood",
        "carrier_heat_networks",
    } <= carriers
    assert {"pcaet_hn.renewable", "pcaet_3.recovered_heat", "pcaet_3.storage"} <= set(entries)
    assert entries["cae_1.i"]["dimension"] == "industry_excl_energy"
    assert entries["cae_1.j"]["dimension"] == "energy_industry"


def test_a_new_store_holds_the_referential(store: Store) -> None:
    with store.session() as session:
        indicators = {i.identifier: i for i in session.exec(select(Indicator))}
    assert len(indicators) == len(read_resource()["indicators"])
    total = indicators["cae_1.a"]
    assert total.code == "cae_1.a" and total.unit == "kteq CO2"
    assert total.category == IndicatorCategory.GHG_EMISSIONS
    assert total.uuid == indicator_uuid("cae_1.a")  # the same in every store
    assert total.referential == "tet" and total.referential_version
    assert indicators["cae_1.c"].parent_identifiers == "cae_1.a"
    assert "val(cae_1.k)" in total.formula


def test_an_older_store_gains_the_referential_and_keeps_a_tet_indicator_it_had(
    tmp_path: Path,
) -> None:
    # GIVEN a store of revision 0001 holding an indicator imported from TeT under its identifier
    copy = tmp_path / "old.pcaet"
    copy.write_bytes((RESOURCES / "stores" / "rev0001.pcaet").read_bytes())
    connection = sqlite3.connect(copy)
    with connection:
        connection.execute(
            "INSERT INTO indicator (uuid, created_at, updated_at, version, code, name,"
            " normalised_name, unit, category, dimension, direction, description,"
            " source_producer, source_method, source_url) VALUES ('u-1', '2026-01-01',"
            " '2026-01-01', 1, 'cae_1.c', 'GES résidentiel', 'ges residentiel', 'tCO2e',"
            " 'ghg_emissions', '', 'lower_is_better', '', '', '', '')"
        )
    connection.close()
    # WHEN it is opened (migrated after a backup)
    store = open_store(copy)
    try:
        with store.session() as session:
            adopted = session.exec(select(Indicator).where(Indicator.code == "cae_1.c")).one()
            count = len(
                session.exec(
                    select(Indicator.identifier).where(
                        Indicator.identifier.is_not(None)  # type: ignore[union-attr]
                    )
                ).all()
            )
    finally:
        store.close()
    # THEN it is the referential's residential sector, with its values' unit kept
    assert adopted.uuid == "u-1" and adopted.identifier == "cae_1.c"
    assert adopted.dimension == "residential" and adopted.unit == "tCO2e"
    assert count == len(read_resource()["indicators"])


def test_a_later_release_updates_older_rows_only(store: Store) -> None:
    data = read_resource()
    newer = json.loads(json.dumps(data))
    newer["version"] = "2999-01-01"
    newer["indicators"][0]["title"]["fr"] = "Émissions de GES (v2)"
    newer["indicators"] = newer["indicators"][:2]
    with store.engine.begin() as connection:
        assert install_referential(connection, newer) == 2
        # installing the older version again changes nothing
        assert install_referential(connection, data) == 0
    with store.session() as session:
        total = session.exec(select(Indicator).where(Indicator.identifier == "cae_1.a")).one()
    assert total.name == "Émissions de GES (v2)" and total.referential_version == "2999-01-01"
