"""Help (`?`, `f1`): every key, generated from the bindings themselves, so it cannot go stale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from ..frames import PromptFrames


def binding_rows(node_class: type[DOMNode]) -> list[tuple[str, str]]:
    """(keys, description) of a class's bindings, keys of one action joined."""
    merged = node_class._merged_bindings
    by_action: dict[tuple[str, str], list[str]] = {}
    for bindings in (merged.key_to_bindings.values() if merged else ()):
        for binding in bindings:
            if binding.description:
                by_action.setdefault((binding.action, binding.description), []).append(_key(binding))
    return [(" ".join(dict.fromkeys(keys)), description) for (_, description), keys in by_action.items()]


def _key(binding: Binding) -> str:
    return binding.key_display or binding.key.replace("ctrl+", "^")


class HelpScreen(PromptFrames, ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, type[DOMNode]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2), expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, node_class in self.sections:
            rows = binding_rows(node_class)
            if not rows:
                continue
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys, style="bold"), Text(description))
            table.add_row("", "")
        with VerticalScroll(id="help-box"):
            yield Static(table)

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "escape to close · ctrl+p for every command"
