"""Helpers for testing flows without widgets: what screens a flow asked for."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from kiosk.flows.screendata import CodeEntryData, DoorData, MessageData


class Screens(QObject):
    """Remembers every screen a flow asked for, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, object]] = []

    @Slot(str, object)
    def show(self, name: str, data: object) -> None:
        self.shown.append((name, data))

    @property
    def last(self) -> tuple[str, object]:
        return self.shown[-1]

    def names(self) -> list[str]:
        return [name for name, _ in self.shown]

    def message(self) -> MessageData:
        name, data = self.last
        assert name == "message", name
        assert isinstance(data, MessageData)
        return data

    def door(self) -> DoorData:
        name, data = self.last
        assert name == "door", name
        assert isinstance(data, DoorData)
        return data

    def code_entry(self) -> CodeEntryData:
        name, data = self.last
        assert name == "code_entry", name
        assert isinstance(data, CodeEntryData)
        return data

    def choice_keys(self) -> list[str]:
        """The answer keys of the message or door screen on top."""
        _, data = self.last
        assert isinstance(data, MessageData | DoorData)
        return [choice.key for choice in data.choices]
