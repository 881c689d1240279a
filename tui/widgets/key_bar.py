"""The footer: the keys that matter now, on one line.

Textual's `Footer` recomposes a widget per key whenever the bindings change, which is on
every focus change: ~130 ms of each `tab` on a loaded two-core machine. This draws the same
keys as one line and repaints only when they differ; a click on a key presses it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    key: str  # what a click presses
    display: str
    description: str
    enabled: bool


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] = ()
        self._spans: list[tuple[int, int, str]] = []  # cells each key occupies, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = self._shown_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def _shown_keys(self, screen: Screen) -> tuple[Key, ...]:
        """One key per shown action (the first bound), then the command palette's."""
        by_action: dict[str, Key] = {}
        palette: Key | None = None
        for key, (_, binding, enabled, _) in screen.active_bindings.items():
            shown = Key(key, self.app.get_key_display(binding), binding.description, enabled)
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show and binding.description:
                by_action.setdefault(binding.action, shown)
        return (*by_action.values(), *((palette,) if palette else ()))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled = self.get_component_rich_style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for key in self._keys:
            start = line.cell_len
            line.append(f" {key.display} ", key_style if key.enabled else key_style + disabled)
            line.append(f"{key.description} ", description_style if key.enabled else description_style + disabled)
            self._spans.append((start, line.cell_len, key.key))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
