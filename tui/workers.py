"""Database work off the main thread, with one way for its errors to reach the user.

Every query of the app runs in `@db_worker` methods: a thread worker (sqlite3 releases the
GIL), exclusive within its group so a newer request supersedes an older one. Database errors
become a `QueryFailed` message that bubbles up to the app's single error handler; anything
else is a bug and is left to crash loudly.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from textual import work
from textual.message import Message
from textual.message_pump import MessagePump

from dipexplore.db import SchemaError

F = TypeVar("F", bound=Callable[..., Any])
EXPECTED = (sqlite3.Error, SchemaError, OSError)


class QueryFailed(Message):
    """A worker could not read the database (or a file); the app explains it to the user."""

    def __init__(self, error: Exception, doing: str) -> None:
        super().__init__()
        self.error = error
        self.doing = doing


def db_worker(group: str, doing: str) -> Callable[[F], F]:
    """`@work(thread=True, exclusive=True, group=group)`, reporting expected errors as
    `QueryFailed(error, doing)` from the widget that ran it."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def guarded(self: MessagePump, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except EXPECTED as exc:
                self.post_message(QueryFailed(exc, doing))
                return None

        return work(thread=True, exclusive=True, group=group)(guarded)  # type: ignore[return-value]

    return decorate
