"""A one-line question (a file path), shared by open, ingest and export."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from ..frames import PromptFrames


class PathPrompt(PromptFrames, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: Text, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Input(self.value, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one("#prompt-box").border_title = self.title_text
        self.query_one("#prompt-box").border_subtitle = "enter to confirm · escape to cancel"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
