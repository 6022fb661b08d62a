"""``python -m annotator``: the same as the ``annotator`` command.

Also the entry script of the frozen application (packaging/annotator.spec).
"""

from annotator.cli.main import main

if __name__ == "__main__":
    main()
