"""The demo's side panel: the person at the screen plays the world behind the doors.

In ``--demo`` mode the lock boards are the in-process simulator. Nobody can shut a
simulated door by hand, so this panel lists every compartment with its simulated state and
offers the hands: close the door, put an item in or take it out, jam the lock. It talks to
the simulator object it is given (never to the bus or the service): the simulator's
methods only flip state under a short lock, so nothing here blocks the GUI thread. The
driver then sees the change on its next poll, exactly as it would with real boards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.hardware.simulator import LockState


class SimulatorControls(Protocol):
    """What the panel needs from a simulator (``kiosk.hardware.simulator.SimulatedBus``)."""

    def locks(self) -> list[LockState]:
        """Every simulated lock, quickly and without I/O."""
        ...

    def close_door(self, board: int, lock: int) -> None:
        """Shut a door."""
        ...

    def set_item(self, board: int, lock: int, present: bool) -> None:
        """Put an item in or take it out."""
        ...

    def jam(self, board: int, lock: int, jammed: bool = True) -> None:
        """Jam or free a lock."""
        ...


class SimulatorPanel(QWidget):
    """A list of compartments with "close door", "item in/out" and "jam" buttons.

    Signals: none; the panel acts on the simulator, and the kiosk learns of it through the
    bus like it would from real hardware.

    Args:
        simulator: The in-process simulated bus.
        layout: Compartment id -> (board, lock); locks outside it are not shown. None shows
            every simulated lock as "board:lock".
        parent: Qt parent.
        refresh_ms: How often the shown state is refreshed while the panel is visible.
    """

    def __init__(
        self,
        simulator: SimulatorControls,
        layout: Mapping[str, tuple[int, int]] | None = None,
        parent: QWidget | None = None,
        *,
        refresh_ms: int = 200,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("simulator-panel")
        self._sim = simulator
        if layout is None:
            layout = {f"{s.board}:{s.lock}": (s.board, s.lock) for s in simulator.locks()}
        self._layout = dict(layout)
        self._rows: dict[tuple[int, int], tuple[QLabel, QPushButton, QPushButton, QPushButton]]
        self._rows = {}

        title = QLabel(self.tr("Simulated lockers"), self)
        title.setObjectName("simulator-title")
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(4, 4, 4, 4)
        for row, (comp, place) in enumerate(sorted(self._layout.items())):
            name = QLabel(comp, grid_host)
            state = QLabel(grid_host)
            state.setObjectName(f"state-{comp}")
            close = QPushButton(self.tr("Close door"), grid_host)
            close.setObjectName(f"close-{comp}")
            close.clicked.connect(lambda _=False, p=place: self._close(p))
            item = QPushButton(self.tr("Item in"), grid_host)
            item.setObjectName(f"item-{comp}")
            item.clicked.connect(lambda _=False, p=place: self._toggle_item(p))
            jam = QPushButton(self.tr("Jam"), grid_host)
            jam.setObjectName(f"jam-{comp}")
            jam.clicked.connect(lambda _=False, p=place: self._toggle_jam(p))
            for col, widget in enumerate((name, state, close, item, jam)):
                grid.addWidget(widget, row, col)
            self._rows[place] = (state, close, item, jam)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        box = QVBoxLayout(self)
        box.addWidget(title)
        box.addWidget(scroll)

        self._timer = QTimer(self)
        self._timer.setObjectName("simulator-panel-refresh")
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._states: dict[tuple[int, int], LockState] = {}
        self.refresh()

    # A hidden panel has nothing to show: its timer runs only while visible.
    def showEvent(self, event: QShowEvent) -> None:
        """Start refreshing when shown."""
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop refreshing when hidden or closed."""
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Show the simulator's current state on every row."""
        self._states = {(s.board, s.lock): s for s in self._sim.locks()}
        for place, (state_label, close, item, jam) in self._rows.items():
            state = self._states.get(place)
            if state is None:
                state_label.setText(self.tr("missing"))
                for button in (close, item, jam):
                    button.setEnabled(False)
                continue
            parts = [self.tr("closed") if state.closed else self.tr("open")]
            if state.item:
                parts.append(self.tr("item"))
            if state.jammed:
                parts.append(self.tr("jammed"))
            state_label.setText(", ".join(parts))
            close.setEnabled(not state.closed)
            item.setText(self.tr("Item out") if state.item else self.tr("Item in"))
            jam.setText(self.tr("Free") if state.jammed else self.tr("Jam"))

    def _close(self, place: tuple[int, int]) -> None:
        self._sim.close_door(*place)
        self.refresh()

    def _toggle_item(self, place: tuple[int, int]) -> None:
        state = self._states.get(place)
        self._sim.set_item(*place, not (state is not None and state.item))
        self.refresh()

    def _toggle_jam(self, place: tuple[int, int]) -> None:
        state = self._states.get(place)
        self._sim.jam(*place, not (state is not None and state.jammed))
        self.refresh()
