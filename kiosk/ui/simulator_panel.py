"""The demo's side panel: the person at the screen plays the world behind the doors.

In ``--demo`` mode the lock boards are the in-process simulator. Nobody can shut a
simulated door by hand, so this panel lists every compartment with its simulated state and
offers the hands for the selected one: close the door, put an item in or take it out, jam
the lock. A door that opens is selected at once, so "Close door" is one tap away. One list
and three buttons (rather than three buttons per compartment) keep the panel cheap to
build: it is on screen in ``--demo``, whose start-up is measured. It talks to
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
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
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
    """The simulated compartments, and buttons acting on the selected one.

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
        self._layout = dict(sorted(layout.items()))
        self._places = list(self._layout.values())
        self._states: dict[tuple[int, int], LockState] = {}

        title = QLabel(self.tr("Simulated lockers"), self)
        title.setObjectName("simulator-title")
        self.list = QListWidget(self)
        self.list.setObjectName("simulator-list")
        for comp in self._layout:
            QListWidgetItem(comp, self.list)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("simulator-close")
        self.close_button.clicked.connect(self._close)
        self.item_button = QPushButton(self)
        self.item_button.setObjectName("simulator-item")
        self.item_button.clicked.connect(self._toggle_item)
        self.jam_button = QPushButton(self)
        self.jam_button.setObjectName("simulator-jam")
        self.jam_button.clicked.connect(self._toggle_jam)
        buttons = QHBoxLayout()
        for button in (self.close_button, self.item_button, self.jam_button):
            button.setMinimumHeight(44)
            buttons.addWidget(button)
        box = QVBoxLayout(self)
        box.addWidget(title)
        box.addWidget(self.list, 1)
        box.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setObjectName("simulator-panel-refresh")
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self.list.setCurrentRow(0)
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

    def select(self, compartment: str) -> None:
        """Make ``compartment`` the one the buttons act on."""
        self.list.setCurrentRow(list(self._layout).index(compartment))

    def state(self, compartment: str) -> str:
        """The state text shown for ``compartment`` (``closed``, ``open, item``, ...)."""
        return self._describe(self._states.get(self._layout[compartment]))

    def _describe(self, state: LockState | None) -> str:
        if state is None:
            return self.tr("missing")
        parts = [self.tr("closed") if state.closed else self.tr("open")]
        if state.item:
            parts.append(self.tr("item"))
        if state.jammed:
            parts.append(self.tr("jammed"))
        return ", ".join(parts)

    def refresh(self) -> None:
        """Show the simulator's current state on every row; select a door that opened."""
        before = self._states
        self._states = {(s.board, s.lock): s for s in self._sim.locks()}
        for row, (comp, place) in enumerate(self._layout.items()):
            state = self._states.get(place)
            item = self.list.item(row)
            text = f"{comp}  {self._describe(state)}"
            if item.text() != text:
                item.setText(text)
            was = before.get(place)
            if state is not None and not state.closed and (was is None or was.closed):
                self.list.setCurrentRow(row)
        self._update_buttons()

    def _current(self) -> tuple[tuple[int, int], LockState | None] | None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._places):
            return None
        place = self._places[row]
        return place, self._states.get(place)

    def _update_buttons(self) -> None:
        current = self._current()
        state = current[1] if current else None
        self.close_button.setText(self.tr("Close door"))
        self.close_button.setEnabled(state is not None and not state.closed)
        self.item_button.setText(
            self.tr("Item out") if state is not None and state.item else self.tr("Item in")
        )
        self.jam_button.setText(
            self.tr("Free") if state is not None and state.jammed else self.tr("Jam")
        )
        self.item_button.setEnabled(state is not None)
        self.jam_button.setEnabled(state is not None)

    def _close(self) -> None:
        current = self._current()
        if current is not None:
            self._sim.close_door(*current[0])
            self.refresh()

    def _toggle_item(self) -> None:
        current = self._current()
        if current is not None:
            place, state = current
            self._sim.set_item(*place, not (state is not None and state.item))
            self.refresh()

    def _toggle_jam(self) -> None:
        current = self._current()
        if current is not None:
            place, state = current
            self._sim.jam(*place, not (state is not None and state.jammed))
            self.refresh()
