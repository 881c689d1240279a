"""A screen's frames drawn as soon as they are due, not up to two frame periods late.

Textual draws a screen's changes on a timer (`Screen._update_timer`: at most `MAX_FPS` frames
a second) that keeps to a grid of periods from its start and sleeps while there is nothing to
draw. A frame asked for after such a pause is drawn at once, but the loop then skips ahead to
the grid point after next (`Timer._run` with `skip`): the next frame waited one to two periods
(17-33 ms) after the first was drawn, however late it was asked for. An interaction's second
frame (a pane restyled for focus after the panes were drawn, a source pane after the list that
leads it) came that late on every `tab`, search hit and follow.

`FrameTimer` keeps the limit, one frame a period, and draws a frame due since then at once;
the app's screens draw with it (`PromptFrames`).
"""

from __future__ import annotations

from textual import _time
from textual.message_pump import MessagePump
from textual.screen import UPDATE_PERIOD
from textual.timer import EventTargetGone, Timer, TimerCallback


class FrameTimer(Timer):
    """A paused repeating timer whose tick comes when resumed, at least `interval` after the last."""

    async def _run(self) -> None:
        last = float("-inf")
        while True:
            await self._active.wait()
            if (wait := last + self._interval - _time.get_time()) > 0:
                await _time.sleep(wait)
                await self._active.wait()
            last = _time.get_time()
            try:
                await self._tick(next_timer=last, count=0)
            except EventTargetGone:
                break


def start_frames(owner: MessagePump, callback: TimerCallback, interval: float) -> FrameTimer:
    """A `FrameTimer` owned by `owner` (stopped with its timers), started paused, as
    `MessagePump.set_interval(..., pause=True)` starts Textual's."""
    timer = FrameTimer(owner, interval, name="screen_update", callback=callback, pause=True)
    timer._start()
    owner._timers.add(timer)
    return timer


class PromptFrames:
    """Mixed into a `Screen` (before it): the screen's update timer is a `FrameTimer`."""

    _frames: FrameTimer | None = None

    @property
    def _update_timer(self) -> Timer:
        if self._frames is None:
            self._frames = start_frames(self, self._on_timer_update, UPDATE_PERIOD)  # type: ignore[arg-type,attr-defined]
        return self._frames
