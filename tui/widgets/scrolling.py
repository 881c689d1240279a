"""A line-API view (it draws its own lines) whose scrollable size is its own business."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class LineView(ScrollView):
    """A `ScrollView` that sets its scrollable size itself and keeps layouts out of it."""

    def set_virtual_size(self, size: Size) -> None:
        """A new scrollable size, updating only this view's scrollbars.

        `virtual_size` is a layout reactive: setting it reflows the screen. A view's scrollable
        size moves nothing else on screen, so this does what `ScrollView` does when its size
        changes: scrollbars updated, scroll offsets clamped. When a scrollbar appears or goes,
        `show_vertical_scrollbar` (a layout reactive) still asks for the layout that places it.
        """
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """As `ScrollView`, but the compositor's virtual size is not compared with this view's:
        it never equals it (the compositor does not know the lines), so every layout, even one
        for another pane's scrollbar, refreshed every view's scrollbars, which repainted them
        in one more frame after the layout's (up to two frame periods later: ~10 ms of CPU and
        up to 50 ms more before `entity g`'s panes were all drawn)."""
        return super()._size_updated(size, self.virtual_size, container_size, layout)
