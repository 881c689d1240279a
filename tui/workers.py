"""Database work off the main thread, with one way for its errors to reach the user.

Every query of the app runs in `@db_worker` methods: a thread worker (sqlite3 releases the
GIL), exclusive within its group so a newer request supersedes an older one. Database errors
become a `QueryFailed` message that bubbles up to the app's single error handler; anything
else is a bug and is left to crash loudly.

A corpus the app stops using (another database opened, the app quitting) is `retire`d:
closed once no `db_worker` reads it, for closing a connection that another thread is querying
crashes sqlite (a segfault, seen when a follow was still reading as the database was reopened).
A worker whose thread starts after its corpus was closed reads nothing (the same segfault,
seen when the app quit as the search vocabulary's worker was about to start).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
import weakref
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from textual import work
from textual.message import Message
from textual.message_pump import MessagePump

from dipexplore.db import Corpus, SchemaError

F = TypeVar("F", bound=Callable[..., Any])
EXPECTED = (sqlite3.Error, SchemaError, OSError)

_lock = threading.Lock()  # held while counting readers and while closing a corpus
_readers: Counter[int] = Counter()  # id(corpus) -> db workers running with it
_retired: dict[int, Corpus] = {}  # to close when their last reader ends
_closed: weakref.WeakSet[Corpus] = weakref.WeakSet()  # retired and closed: workers queued for them skip


def retire(corpus: Corpus) -> None:
    """Close `corpus` now if no db worker reads it, else when the last one ends."""
    with _lock:
        if _readers[id(corpus)]:
            _retired[id(corpus)] = corpus
        else:
            _close(corpus)


def _close(corpus: Corpus) -> None:
    corpus.close()
    _closed.add(corpus)


def _enter(corpora: list[Corpus]) -> bool:
    """Count a worker in as it starts; False if one of its corpora was closed meanwhile (a
    worker is counted when its thread runs, which can be after its database was retired)."""
    with _lock:
        if any(corpus in _closed for corpus in corpora):
            return False
        _readers.update(id(corpus) for corpus in corpora)
        return True


def _leave(corpora: list[Corpus]) -> None:
    """Count a worker out; close the retired corpora it was the last to read."""
    with _lock:
        for corpus in corpora:
            _readers[id(corpus)] -= 1
            if _readers[id(corpus)] <= 0:
                del _readers[id(corpus)]
                if (retired := _retired.pop(id(corpus), None)) is not None:
                    _close(retired)


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
            corpora = [arg for arg in (*args, *kwargs.values()) if isinstance(arg, Corpus)]
            if not _enter(corpora):
                return None  # another database was opened before this ran: nothing to show
            try:
                return method(self, *args, **kwargs)
            except EXPECTED as exc:
                self.post_message(QueryFailed(exc, doing))
                return None
            finally:
                _leave(corpora)

        return work(thread=True, exclusive=True, group=group)(guarded)  # type: ignore[return-value]

    return decorate
