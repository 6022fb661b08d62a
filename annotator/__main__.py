"""``python -m annotator``: the same as the ``annotator`` command.

Also the entry script of the frozen application (packaging/annotator.spec).
"""

import sys

from annotator.cli.main import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen app's export workers (spawned from the GUI's worker thread, see
        # core/export/parallel.py) start as this executable: let them run as workers.
        import multiprocessing

        multiprocessing.freeze_support()
    main()
