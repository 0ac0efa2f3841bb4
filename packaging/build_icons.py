"""Render the application icon (resources/icons/app.svg) for each platform's installer.

Writes into packaging/icons/:
- ``pcaet-<size>.png`` for 16..512 px (Linux hicolor theme) and ``pcaet.png`` (256 px);
- ``pcaet.ico`` (Windows: executables, installer, file association);
- ``pcaet.icns`` (macOS: the .app and the document icon).

Each size is drawn from the SVG by QtSvg (offscreen, no display needed), so small sizes stay
sharp, then Pillow packs the multi-size .ico and .icns. ``--if-stale`` does nothing when the
outputs are newer than the SVG (the spec calls it on every build).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
SOURCE = PACKAGING.parent / "resources" / "icons" / "app.svg"
OUTPUT = PACKAGING / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def outputs() -> list[Path]:
    return [
        *(OUTPUT / f"pcaet-{size}.png" for size in PNG_SIZES),
        OUTPUT / "pcaet.png",
        OUTPUT / "pcaet.ico",
        OUTPUT / "pcaet.icns",
    ]


def is_stale() -> bool:
    source_time = SOURCE.stat().st_mtime
    return any(not path.exists() or path.stat().st_mtime < source_time for path in outputs())


def render(sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn at each size, on a transparent background."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    result: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        result[size] = bytes(data.data())
    return result


def build() -> list[Path]:
    from PIL import Image

    OUTPUT.mkdir(parents=True, exist_ok=True)
    pngs = render(tuple(sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))))
    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in pngs.items()}
    for size in PNG_SIZES:
        (OUTPUT / f"pcaet-{size}.png").write_bytes(pngs[size])
    (OUTPUT / "pcaet.png").write_bytes(pngs[256])
    images[256].save(
        OUTPUT / "pcaet.ico",
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != 256],
    )
    images[1024].save(
        OUTPUT / "pcaet.icns",
        format="ICNS",
        append_images=[images[size] for size in ICNS_SIZES if size != 1024],
    )
    return outputs()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--if-stale", action="store_true", help="only when the SVG changed")
    args = parser.parse_args(argv)
    if args.if_stale and not is_stale():
        return 0
    for path in build():
        print(f"{path.relative_to(PACKAGING.parent)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
