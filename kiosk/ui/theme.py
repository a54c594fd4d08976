"""The kiosk's colours and type, derived from the operator's accent colour.

``assets/theme.qss`` is a template: colours are named tokens (``@accent@``, ``@ink@``...)
filled from a :class:`Theme`. The operator picks one accent colour (their brand); every
other colour is fixed or derived from it, and the text drawn on the accent is whichever of
navy or white reads better on it. An accent that no text can be read on at WCAG AA (4.5:1)
is darkened or lightened until it can, with one log line: a brand colour never makes a
button unreadable.

Accessible mode is the same template with a high-contrast palette (body text as dark as
headlines, every border dark) and every font size scaled up.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields, replace

from PySide6.QtGui import QColor

log = logging.getLogger("kiosk.ui.theme")

#: WCAG 2.x AA: normal text, large text (>= 24 px, or >= 18.66 px bold) and UI components.
AA_TEXT = 4.5
AA_LARGE = 3.0

DEFAULT_ACCENT = "#ffb400"
NAVY = "#0d2240"
WHITE = "#ffffff"


def luminance(colour: QColor | str) -> float:
    """Relative luminance (WCAG 2.x) of an sRGB colour."""
    # Never QColor(QColor): resolving that overload builds PySide's whole ``Qt`` namespace
    # (~30 ms before the first frame, see tests/app/test_cli.py).
    c = colour if isinstance(colour, QColor) else QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio between two colours (1.0 to 21.0)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _hex(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


@dataclass(frozen=True)
class Theme:
    """Every colour the kiosk draws with, and the font scale.

    ``on_accent`` is the text colour on ``accent`` fills; ``accent_dark`` the 3D edge
    under accent buttons; ``accent_soft`` the pulse of the target door.
    """

    accent: str = DEFAULT_ACCENT
    on_accent: str = NAVY
    accent_dark: str = "#c78c00"
    accent_soft: str = "#ffd466"
    accent_wash: str = "#fff7e0"
    page: str = "#f4f6fa"
    surface: str = WHITE
    ink: str = NAVY
    muted: str = "#35507a"
    line: str = "#c9d3e3"
    control_line: str = "#5a6f91"
    quiet_line: str = "#5a6f91"
    navy: str = NAVY
    navy_dark: str = "#050e1c"
    navy_pressed: str = "#1b3a66"
    on_navy_line: str = "#8da2c4"
    pressed: str = "#e3e9f2"
    disabled_bg: str = "#e3e9f2"
    disabled_text: str = "#8a9bb8"
    error: str = "#b3261e"
    success: str = "#1e6b3a"
    demo_ink: str = "#6b4b00"
    font_scale: float = 1.0
    accessible: bool = False


def accent_theme(accent: str = DEFAULT_ACCENT, *, accessible: bool = False) -> Theme:
    """The theme for ``accent`` (a CSS colour), corrected if no text reads on it.

    An unparsable accent falls back to the default with one log line.
    """
    colour = QColor(accent)
    if not colour.isValid():
        log.error("accent colour %r is not a colour: using %s", accent, DEFAULT_ACCENT)
        colour = QColor(DEFAULT_ACCENT)
    on = NAVY if contrast(colour, NAVY) >= contrast(colour, WHITE) else WHITE
    fixed = colour.lighter(100)  # a copy
    for _ in range(40):
        if contrast(fixed, on) >= AA_TEXT:
            break
        # Towards the side that helps the text on it: lighter under navy, darker under white.
        fixed = fixed.lighter(106) if on == NAVY else fixed.darker(106)
    if _hex(fixed) != _hex(colour):
        log.warning(
            "accent colour %s gives text a contrast of %.1f:1 only: using %s instead",
            _hex(colour),
            contrast(colour, on),
            _hex(fixed),
        )
    theme = Theme(
        accent=_hex(fixed),
        on_accent=on,
        accent_dark=_hex(fixed.darker(128)),
        accent_soft=_hex(fixed.lighter(125)),
        accent_wash=_hex(_mix(fixed, QColor(WHITE), 0.12)),
    )
    if accessible:
        # High contrast: body text as dark as headlines, every border dark, larger type.
        theme = replace(
            theme,
            page=WHITE,
            muted=NAVY,
            line="#4a5d7e",
            control_line=NAVY,
            quiet_line=NAVY,
            disabled_text="#4a5d7e",
            font_scale=1.25,
            accessible=True,
        )
    return theme


def _mix(a: QColor, b: QColor, weight: float) -> QColor:
    """``weight`` of ``a`` and the rest of ``b``."""
    return QColor.fromRgbF(
        a.redF() * weight + b.redF() * (1 - weight),
        a.greenF() * weight + b.greenF() * (1 - weight),
        a.blueF() * weight + b.blueF() * (1 - weight),
    )


_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_FONT_SIZE = re.compile(r"font-size:\s*(\d+)px")


def render_qss(template: str, theme: Theme) -> str:
    """``template`` with its ``@token@`` colours filled and font sizes scaled.

    Raises:
        ValueError: the template names a token the theme does not have (a typo there would
            otherwise leave Qt silently ignoring the whole rule).
    """
    values = {f.name: getattr(theme, f.name) for f in fields(theme)}

    def token(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"theme.qss: unknown colour @{name}@")
        return str(values[name])

    qss = re.sub(r"@([a-z_]+)@", token, _COMMENT.sub("", template))
    if theme.font_scale != 1.0:
        # The demo's own aids (codes to try, the simulator panel) keep their size: they are
        # for the person trying the demo, not part of what a shopper reads; the door's
        # number and the courier's count are huge already.
        qss = "\n".join(
            line
            if any(word in line for word in ("Demo", "simulator", "DoorNumber", "CourierCounter"))
            else _FONT_SIZE.sub(
                lambda m: f"font-size: {round(int(m.group(1)) * theme.font_scale)}px", line
            )
            for line in qss.split("\n")
        )
    return qss


_current = Theme()


def current() -> Theme:
    """The theme in force: painted widgets (the bank picture, the spinner) draw with it.

    One per application, like the style sheet it was rendered into.
    """
    return _current


def apply(template: str, theme: Theme) -> None:
    """Make ``theme`` the application's look (style sheet and painted colours)."""
    from PySide6.QtWidgets import QApplication

    global _current
    _current = theme
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setStyleSheet(render_qss(template, theme) if template else "")
