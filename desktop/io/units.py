"""Units written in headers and indicator names (defined in ``desktop.units``, which the
services use too to add a sector's parts and convert t/kt CO2e, MWh/GWh)."""

from __future__ import annotations

from ..units import Unit, UnitError, conversion_factor, convert, parse_unit, unit_in_text

__all__ = ["Unit", "UnitError", "conversion_factor", "convert", "parse_unit", "unit_in_text"]
