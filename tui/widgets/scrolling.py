"""Resizing a line-API view's scrollable area without laying out the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new scrollable size, updating only its scrollbars.

    `virtual_size` is a layout reactive: setting it reflows the screen, and in that reflow every
    other ScrollView refreshes its scrollbars too (the compositor's virtual size for a view that
    draws its own lines never equals the view's). A view's scrollable size moves nothing else
    on screen, so this does what `ScrollView` does when its size changes: scrollbars updated,
    scroll offsets clamped. When a scrollbar appears or goes, `show_vertical_scrollbar` (a
    layout reactive) still asks for the layout that places it.
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
