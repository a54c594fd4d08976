"""Render every screen the way ``--screenshot`` does, and check what a shopper would see.

Two checks over a rendered screen area:

- :func:`text_problems`: a text that does not fit its widget (a button whose text and
  padding are wider than the button, a label whose text is wider or, wrapped, taller than
  the label) or a widget that sticks out of the screen area or is clipped by its parent;
- :func:`contrast_problems`: WCAG AA contrast, from the rendered pixels: each text's
  colour (the widget's palette after the style sheet) against the background actually
  drawn behind it (the most common colour of its rectangle), 4.5:1 for normal text and
  3:1 for large text; and 3:1 for the outline of a button whose fill does not stand out
  from what is around it (the courier button that looked disabled).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.app.screenshot import samples, screen_size, set_orientation, show_sample
from kiosk.ui.base import TileButton
from kiosk.ui.theme import AA_LARGE, AA_TEXT, contrast


def settle() -> None:
    """Deferred deletes done and layouts settled (two passes of the event loop)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(2):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def views(
    kiosk: Kiosk, orientation: str, *, accessible: bool = False
) -> Iterator[tuple[str, QImage]]:
    """Show every screen view in turn: (view name, the screen area's pixels)."""
    kiosk.set_accessible(accessible)
    kiosk.window.footer.scanner = True
    kiosk.window.footer.help = "Help: +48 000 000 000"
    set_orientation(kiosk, orientation)
    for stem, name, data in samples(kiosk):
        if accessible and stem.startswith(("admin", "courier")):
            continue  # staff only: accessible mode ends at idle, before staff log in
        # Each view on the display's own size (a screen too big for it made the window
        # grow: the next view must not inherit that).
        kiosk.shell.set_size(*screen_size(kiosk, orientation))
        show_sample(kiosk, stem, name, data)
        settle()
        yield stem, kiosk.window.screen_area.grab().toImage()


def display_size(kiosk: Kiosk, orientation: str) -> QSize:
    """The size of the kiosk's display in ``orientation``."""
    return QSize(*screen_size(kiosk, orientation))


def shown_widgets(area: QWidget) -> list[QWidget]:
    """Every widget of the screen area the person can see now (none hidden under the
    open language picker)."""
    shown = [w for w in area.findChildren(QWidget) if w.isVisible() and w.window().isVisible()]
    picker = area.findChild(QWidget, "LanguagePicker")
    if picker is None or not picker.isVisible():
        return shown
    over = _rect_in(picker, area)
    return [
        w
        for w in shown
        if w is picker or picker.isAncestorOf(w) or not _rect_in(w, area).intersects(over)
    ]


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QPushButton):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


#: How much narrower than its size hint a button may be (padding it can give up).
BUTTON_SLACK = 16


def _rect_in(widget: QWidget, area: QWidget) -> QRect:
    return QRect(widget.mapTo(area, QPoint(0, 0)), widget.size())


def text_problems(area: QWidget, size: QSize | None = None) -> list[str]:
    """Every text on the screen area that is cut off, and why; with ``size``, also a
    screen whose content needs more room than the display has (the window grew)."""
    problems = []
    bounds = area.rect()
    if size is not None and area.size() != size:
        problems.append(f"needs {area.width()}x{area.height()} px, the display is {size}")
    for widget in shown_widgets(area):
        text = _text(widget)
        if not text or isinstance(widget, TileButton):
            continue  # a tile's text is its label, checked as a label
        where = _rect_in(widget, area)
        if not bounds.contains(where):
            problems.append(f"{text!r} sticks out of the screen ({where} in {bounds})")
            continue
        visible = widget.visibleRegion().boundingRect()
        if visible.width() < widget.width() - 1 or visible.height() < widget.height() - 1:
            problems.append(f"{text!r} is clipped ({visible.size()} of {widget.size()})")
            continue
        problem = _overflow(widget, text)
        if problem:
            problems.append(f"{text!r} {problem}")
    return problems


def _overflow(widget: QWidget, text: str) -> str:
    if isinstance(widget, QPushButton | QComboBox):
        # The size hint is text, icon, the theme's padding and border: the padding may
        # give up to 8 px a side before the text itself touches the edge.
        hint = widget.sizeHint()
        if hint.width() > widget.width() + BUTTON_SLACK:
            return f"needs {hint.width()} px, has {widget.width()}"
        return ""
    assert isinstance(widget, QLabel)
    if widget.textFormat() == widget.textFormat().RichText:
        return ""
    box = widget.contentsRect()
    metrics = widget.fontMetrics()
    if widget.wordWrap():
        longest = max(text.split(), key=metrics.horizontalAdvance, default="")
        if metrics.horizontalAdvance(longest) > box.width() + 1:
            return f"has a word wider than its {box.width()} px"
        needed = widget.heightForWidth(widget.width())
        if needed > widget.height() + 2:
            return f"needs {needed} px high, has {widget.height()}"
        return ""
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    if width > box.width() + 1:
        return f"needs {width} px, has {box.width()}"
    if metrics.height() * len(lines) > box.height() + 2:
        return f"needs {metrics.height() * len(lines)} px high, has {box.height()}"
    return ""


# ---------------------------------------------------------------- contrast
def _samples(image: QImage, rect: QRect, step: int) -> Counter[int]:
    colours: Counter[int] = Counter()
    rect = rect.intersected(image.rect())
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            colours[image.pixel(x, y) & 0xFFFFFF] += 1
    return colours


def background(image: QImage, rect: QRect) -> QColor:
    """The colour drawn most behind a widget's rectangle (its background)."""
    step = max(1, min(rect.width(), rect.height()) // 24)
    colours = _samples(image, rect, step)
    return QColor.fromRgb(colours.most_common(1)[0][0]) if colours else QColor("#ffffff")


def is_large(widget: QWidget) -> bool:
    """WCAG large text: 24 px and up, or bold from 18.66 px (14 pt)."""
    font = widget.font()
    px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    return px >= 24 or (font.bold() and px >= 18.66)


def _ring(image: QImage, rect: QRect, inset: int, width: int) -> list[QColor]:
    """Colours along a band ``width`` px wide, ``inset`` px inside ``rect`` (negative:
    outside)."""
    band = rect.adjusted(inset, inset, -inset, -inset)
    colours = []
    for offset in range(width):
        edge = band.adjusted(offset, offset, -offset, -offset)
        for x in range(edge.left(), edge.right() + 1, 3):
            for y in (edge.top(), edge.bottom()):
                if image.rect().contains(x, y):
                    colours.append(QColor.fromRgb(image.pixel(x, y)))
        for y in range(edge.top(), edge.bottom() + 1, 3):
            for x in (edge.left(), edge.right()):
                if image.rect().contains(x, y):
                    colours.append(QColor.fromRgb(image.pixel(x, y)))
    return colours


def _dominant(colours: list[QColor]) -> QColor:
    counts = Counter(c.rgb() & 0xFFFFFF for c in colours)
    return QColor.fromRgb(counts.most_common(1)[0][0]) if counts else QColor("#ffffff")


def contrast_problems(area: QWidget, image: QImage) -> list[str]:
    """Every text and button outline on the rendered ``image`` of ``area`` below WCAG AA."""
    problems = []
    for widget in shown_widgets(area):
        if not widget.isEnabled():
            continue  # WCAG exempts inactive controls
        rect = _rect_in(widget, area)
        text = _text(widget)
        if text and not isinstance(widget, TileButton):
            colour = widget.palette().color(QPalette.ColorGroup.Active, widget.foregroundRole())
            behind = background(image, rect)
            if isinstance(widget, QPushButton) and widget.isChecked():
                # A style sheet's :checked colours are not in the palette: the text is
                # the drawn colour farthest from the background.
                drawn = _samples(image, rect, 2)
                colour = max(
                    (QColor.fromRgb(rgb) for rgb in drawn), key=lambda c: contrast(c, behind)
                )
            ratio = contrast(colour, behind)
            need = AA_LARGE if is_large(widget) else AA_TEXT
            if ratio < need:
                problems.append(
                    f"{text[:40]!r}: {colour.name()} on {behind.name()} is {ratio:.2f}:1, "
                    f"needs {need}"
                )
        if isinstance(widget, QPushButton) and widget.width() > 4 and widget.height() > 4:
            outside = _dominant(_ring(image, rect, -3, 1))
            inside = background(image, rect)
            if contrast(inside, outside) >= 1.5:
                continue  # a filled button: its fill shows where it is
            edge = _ring(image, rect, 0, 4)
            best = max((contrast(c, outside) for c in edge), default=1.0)
            if best < AA_LARGE:
                label = text or widget.objectName()
                problems.append(f"button {label[:40]!r}: outline {best:.2f}:1 on {outside.name()}")
    return problems


def sample_views(kiosk: Kiosk) -> list[tuple[str, str, Any]]:
    """The (file stem, screen, data) ``--screenshot`` renders."""
    return samples(kiosk)
