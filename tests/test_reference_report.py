"""The midterm report carries the SNBC reference: the plan's horizons and, per sector, its 2030
and 2050 targets beside the reference with the gap."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import strasbourg

from desktop.cli.main import main
from desktop.store import open_store

pytestmark = pytest.mark.gui


def test_the_midterm_report_compares_the_plan_with_the_reference(
    tmp_path: Path, artifacts: Path
) -> None:
    db = tmp_path / "ems.pcaet"
    store = open_store(db)
    strasbourg.build(store)
    store.close()
    pdf = tmp_path / "midterm.pdf"
    assert main(["--lang", "fr", "report", "--db", str(db), "--kind", "midterm",
                 "--out", str(pdf)]) == 0
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    found = [i for i, text in enumerate(pages) if "Trajectoire de référence SNBC" in text
             and "Horizons réglementaires" in text]
    assert found, "no page of the SNBC reference"
    text = " ".join(pages[found[0]].split())
    assert "(SNBC-2, décret 2020-457) : 2026, 2030, 2031, 2050" in text
    assert "Référence sectorielle simplifiée de la SNBC, et non l'outil territorialisé" in text
    # road transport: 2015, plan 2030 (-35 %), reference 2030 (-28 %), gap, points of 2015
    assert "653,6 424,8 470,6 -45,8 -7,0 points" in text
    assert "Industrie hors énergie (cae_1.i) 348,5 244,0 226,5 +17,4 +5,0 points" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(found[0] + 1), "-l",
                        str(found[0] + 1), str(pdf), str(artifacts / "reference-report")],
                       check=True)
