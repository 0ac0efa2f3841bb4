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
    assert (
        main(["--lang", "fr", "report", "--db", str(db), "--kind", "midterm", "--out", str(pdf)])
        == 0
    )
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    found = [
        i
        for i, text in enumerate(pages)
        if "Trajectoire de référence SNBC" in text and "Horizons réglementaires" in text
    ]
    assert found, "no page of the SNBC reference"
    text = " ".join(pages[found[0]].split())
    assert "(SNBC-2, décret 2020-457) : 2026, 2030, 2031, 2050" in text
    assert "Référence sectorielle simplifiée de la SNBC, et non l'outil territorialisé" in text
    # road transport: 2015, plan 2030 (-35 %), reference 2030 (-28 %), gap, points of 2015
    assert "653,6 424,8 470,6 -45,8 -7,0 points" in text
    # the sector named as the arrêté of 4 August 2016 names it
    assert "Industrie hors branche énergie (cae_1.i) 348,5 244,0 226,5 +17,4 +5,0 points" in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(found[0] + 1),
                "-l",
                str(found[0] + 1),
                str(pdf),
                str(artifacts / "reference-report"),
            ],
            check=True,
        )


def test_the_reference_part_is_in_the_word_and_slide_versions_too(tmp_path: Path) -> None:
    from docx import Document
    from pptx import Presentation

    db = tmp_path / "ems.pcaet"
    store = open_store(db)
    strasbourg.build(store)
    store.close()
    docx, pptx = tmp_path / "midterm.docx", tmp_path / "midterm.pptx"
    for out, fmt in ((docx, "docx"), (pptx, "pptx")):
        assert (
            main(
                [
                    "--lang",
                    "fr",
                    "report",
                    "--db",
                    str(db),
                    "--kind",
                    "midterm",
                    "--format",
                    fmt,
                    "--no-charts",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
    document = Document(str(docx))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Trajectoire de référence SNBC" in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Transport routier (cae_1.e)" in cells and "-45,8" in cells
    deck = Presentation(str(pptx))
    slide = next(
        s
        for s in deck.slides
        if any(
            sh.has_text_frame and sh.text_frame.text == "Trajectoire de référence SNBC"
            for sh in s.shapes
        )
    )
    notes = slide.notes_slide.notes_text_frame.text
    assert "(SNBC-2, décret 2020-457) : 2026, 2030, 2031, 2050" in notes
