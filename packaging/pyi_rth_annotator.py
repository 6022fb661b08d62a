"""PyInstaller runtime hook: give the frozen app what installed entry points give.

An installed ``annotator`` registers its spaCy tokenizer through the
``spacy_tokenizers`` entry point. A frozen application has entry points only if
the build copied the dist-info metadata (the spec does), so this hook makes sure
of it anyway: right after ``spacy.util`` (home of spaCy's registries) is
imported, the tokenizer is registered, as ``annotator.core.tokenizer.register()``
would do.

It does not import spaCy itself: ``annotator --version`` and the window must
start without paying for spaCy (DESIGN.md: load it lazily). The other entry
points installed here (spacy-legacy loggers and architectures, srsly readers)
only matter for training, which the app does not do; their metadata ships too.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

_WATCHED = "spacy.util"


def _register_tokenizer() -> None:
    # Not annotator.core.tokenizer.register(): it holds a non-reentrant lock while it
    # imports spacy.util, which would bring us back here and deadlock. Registering the
    # same function twice under one name is harmless in catalogue.
    from spacy.util import registry

    from annotator.core.tokenizer import TOKENIZER_NAME, create_arabic_tokenizer

    registry.tokenizers.register(TOKENIZER_NAME, func=create_arabic_tokenizer)


class _RegisterAfterExec(importlib.abc.Loader):
    """Wraps the loader of ``spacy.util``: executes it, then registers."""

    def __init__(self, inner: importlib.abc.Loader) -> None:
        self._inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        _register_tokenizer()

    def __getattr__(self, name: str) -> object:  # get_code, get_data, ... for tracebacks
        return getattr(self._inner, name)


class _SpacyUtilWatcher(importlib.abc.MetaPathFinder):
    """Finds ``spacy.util`` through the other finders and wraps its loader, once."""

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _WATCHED:
            return None
        sys.meta_path.remove(self)  # one module, once; also avoids recursing into ourselves
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find else None
            if spec is not None and spec.loader is not None:
                spec.loader = _RegisterAfterExec(spec.loader)
                return spec
        return None


if _WATCHED in sys.modules:  # pragma: no cover - never at start-up, but be exact
    _register_tokenizer()
else:
    sys.meta_path.insert(0, _SpacyUtilWatcher())
