"""What every worker process of ours (import, export, merge) does when it starts."""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent() -> None:
    """End this worker process when the process that started it is gone (killed,
    say): a worker waiting for its next piece of work would otherwise wait forever.
    Call it first thing in the worker (a pool's initializer)."""
    threading.Thread(target=_watch, args=(os.getppid(),), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
