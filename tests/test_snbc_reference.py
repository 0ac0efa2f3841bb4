"""The simplified SNBC sector reference and the regulatory horizons, without the store.

The public case is the Eurométropole de Strasbourg (SIREN 246700488): its 2015 inventory in
t CO2e and GWh, given to the reference in kteq CO2 (t / 1000). Every expected figure is derived
by hand from the SNBC-2 sector reductions, never by the code under test.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.services import snbc_reference as snbc
from desktop.services.horizons import regulatory_horizons, strategy_in_force

D = Decimal

# 2015 emissions of the Eurométropole de Strasbourg, t CO2e.
STRASBOURG_T = {
    "cae_1.c": D("447868"),  # residential
    "cae_1.d": D("471107"),  # tertiary
    "cae_1.e": D("653598"),  # road transport
    "cae_1.f": D("21492"),  # other transport
    "cae_1.g": D("28839"),  # agriculture
    "cae_1.h": D("39791"),  # waste
    "cae_1.i": D("348525"),  # industry excluding energy
    "cae_1.j": D("13500"),  # energy branch
}
# 2015 final consumption, GWh.
STRASBOURG_GWH = {
    "cae_2.e": D("3092.7"),
    "cae_2.f": D("3295.15"),
    "cae_2.i": D("61"),
    "cae_2.k": D("2668.65"),
}


def strasbourg() -> dict[str, dict[int, Decimal]]:
    series = {k: {2015: v / 1000} for k, v in STRASBOURG_T.items()}
    series.update({k: {2015: v} for k, v in STRASBOURG_GWH.items()})
    return series


def kt(tonnes: str) -> Decimal:
    return D(tonnes) / 1000


def test_strasbourg_2030_and_2050_by_sector() -> None:
    reference = snbc.sector_reference(strasbourg())
    e = reference.emissions
    # transport -28 % in 2030, zero in 2050
    assert e["cae_1.e"][2030] == kt("653598") * D("0.72") == D("470.59056")
    assert e["cae_1.f"][2030] == kt("21492") * D("0.72") == D("15.47424")
    assert e["cae_1.e"][2050] == e["cae_1.f"][2050] == 0
    # buildings -49 % in 2030, zero in 2050
    assert e["cae_1.c"][2030] == kt("447868") * D("0.51") == D("228.41268")
    assert e["cae_1.d"][2030] == kt("471107") * D("0.51") == D("240.26457")
    assert e["cae_1.c"][2050] == e["cae_1.d"][2050] == 0
    # agriculture -19 % / -46 %
    assert e["cae_1.g"][2030] == kt("28839") * D("0.81") == D("23.35959")
    assert e["cae_1.g"][2050] == kt("28839") * D("0.54") == D("15.57306")
    # industry -35 % / -81 %
    assert e["cae_1.i"][2030] == kt("348525") * D("0.65") == D("226.54125")
    assert e["cae_1.i"][2050] == kt("348525") * D("0.19") == D("66.21975")
    # energy branch -33 % / zero
    assert e["cae_1.j"][2030] == kt("13500") * D("0.67") == D("9.045")
    assert e["cae_1.j"][2050] == 0
    # waste -35 % / -66 %
    assert e["cae_1.h"][2030] == kt("39791") * D("0.65") == D("25.86415")
    assert e["cae_1.h"][2050] == kt("39791") * D("0.34") == D("13.52894")


def test_strasbourg_totals_and_years_between() -> None:
    e = snbc.sector_reference(strasbourg()).emissions
    total_2015 = sum(STRASBOURG_T.values()) / 1000
    assert total_2015 == D("2024.72")
    assert e["cae_1.a"][2015] == total_2015
    # 470.59056 + 15.47424 + 228.41268 + 240.26457 + 23.35959 + 226.54125 + 9.045 + 25.86415
    assert e["cae_1.a"][2030] == D("1239.55204")
    assert e["cae_1.a"][2050] == D("15.57306") + D("66.21975") + D("13.52894")
    assert e["cae_1.k"][2030] == D("470.59056") + D("15.47424")
    # A straight line 2015-2030, then 2030-2050: road transport falls by 653.598 x 0.28 / 15
    # = 12.200496 kt a year until 2030, then by 470.59056 / 20 = 23.529528 kt a year.
    assert e["cae_1.e"][2020] == D("653.598") - 5 * D("12.200496")
    assert e["cae_1.e"][2040] == D("470.59056") - 10 * D("23.529528")
    assert sorted(e["cae_1.e"]) == list(range(2015, 2051))


def test_strasbourg_consumption_has_no_reference_without_a_2012_total() -> None:
    reference = snbc.sector_reference(strasbourg())
    inventory = reference.inventory
    assert inventory is not None and inventory.enough
    assert (inventory.emission_rows, inventory.consumption_rows) == (8, 4)
    # Transport, waste and the energy branch have no 2015 consumption; the L100-4 reference
    # needs the 2012 total, which the public case does not give.
    assert reference.missing == ["cae_2.g", "cae_2.h", "cae_2.j", "cae_2.l_pcaet", "cae_2.a"]
    assert reference.consumption == {}


def test_consumption_follows_l100_4_from_the_2012_total() -> None:
    series = strasbourg()
    series["cae_2.a"] = {2012: D("10000")}
    consumption = snbc.sector_reference(series).consumption["cae_2.a"]
    assert consumption[2030] == D("8000")  # -20 % against 2012
    assert consumption[2050] == D("5000")  # -50 % against 2012
    # 2015 sits on the line 2012-2030: 10000 - 2000 x 3 / 18
    assert consumption[2015] == (D("10000") - D("2000") * 3 / 18).quantize(snbc.PLACES)
    assert min(consumption) == 2015


def test_the_2012_total_is_summed_from_sectors_by_tet_formula() -> None:
    series = strasbourg()
    for identifier, value in (
        ("cae_2.e", "3000"),
        ("cae_2.i", "60"),
        ("cae_2.g", "2000"),
        ("cae_2.h", "100"),
    ):
        series.setdefault(identifier, {})[2012] = D(value)
    base = snbc.consumption_base(series)
    assert base is not None and base.value == D("5160")  # 3000 + 60 + (2000 + 100)


def test_2015_is_interpolated_between_the_nearest_years() -> None:
    value = snbc.value_in({2012: D("100"), 2014: D("90"), 2018: D("60"), 2020: D("0")}, 2015)
    assert value is not None
    # 90 + (60 - 90) x (2015 - 2014) / (2018 - 2014)
    assert value.value == D("82.5") and value.years == (2014, 2018) and value.interpolated
    assert snbc.value_in({2016: D("1"), 2019: D("2")}, 2015) is None  # nothing before 2015
    assert snbc.value_in({2015: D("0")}, 2015) == snbc.YearValue(D("0"), (2015,))


def test_too_thin_an_inventory_is_refused_with_what_is_missing() -> None:
    series = {k: {2015: v} for k, v in list(STRASBOURG_T.items())[:3]}
    series.update({k: {2015: v} for k, v in STRASBOURG_GWH.items()})
    reference = snbc.sector_reference(series)
    assert not reference.computed
    assert reference.missing == [
        "cae_1.i",
        "cae_1.g",
        "cae_1.f",
        "cae_1.h",
        "cae_1.j",
        "cae_2.g",
        "cae_2.h",
        "cae_2.j",
        "cae_2.l_pcaet",
    ]
    only_two_consumptions = strasbourg()
    del only_two_consumptions["cae_2.e"], only_two_consumptions["cae_2.f"]
    assert not snbc.sector_reference(only_two_consumptions).computed


def test_a_missing_required_sector_leaves_the_total_out() -> None:
    series = strasbourg()
    del series["cae_1.g"]  # agriculture is a val() term of cae_1.a
    emissions = snbc.sector_reference(series).emissions
    assert "cae_1.a" not in emissions and "cae_1.e" in emissions
    series = strasbourg()
    del series["cae_1.j"]  # the energy branch is optional: the total stands without it
    assert snbc.sector_reference(series).emissions["cae_1.a"][2015] == D("2011.22")


@pytest.mark.parametrize(
    ("adopted", "expected"),
    [
        (date(2017, 6, 1), [2021, 2026, 2030, 2050]),  # SNBC-1 (decree 2015-1491)
        (date(2020, 4, 23), [2021, 2026, 2030, 2050]),  # the day SNBC-2 was published
        (date(2020, 4, 24), [2026, 2030, 2031, 2050]),  # SNBC-2 (decree 2020-457) in force
        (date(2024, 12, 15), [2026, 2030, 2031, 2050]),
        (date(2012, 1, 1), [2021, 2026, 2030, 2050]),  # before any SNBC: the first one
    ],
)
def test_horizons_follow_the_snbc_in_force_at_adoption(adopted: date, expected: list[int]) -> None:
    assert regulatory_horizons(adopted) == expected


def test_a_plan_not_adopted_follows_the_snbc_in_force_today() -> None:
    assert regulatory_horizons(None, today=date(2019, 1, 1)) == [2021, 2026, 2030, 2050]
    assert regulatory_horizons(None, today=date(2026, 12, 1)) == [2026, 2030, 2031, 2050]
    assert strategy_in_force(date(2026, 12, 1)).decree == "2020-457"
