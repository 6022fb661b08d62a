"""Every problem of one input file, collected so that one run reports them all."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.errors import ImportFailed, MalformedInput


@dataclass(slots=True)
class Problems:
    """Every problem of one file, each with its line; the first ``limit`` are kept."""

    where: str
    limit: int
    lenient: bool = False
    items: list[tuple[int | None, str]] = field(default_factory=list)
    count: int = 0
    skipped: list[str] = field(default_factory=list)
    #: Say that ``--lenient`` would skip the malformed lines (CoNLL).
    lenient_hint: bool = True
    #: The class of the first error added with :meth:`add_error` (its code is kept).
    kind: type[ImportFailed] | None = None

    def add(self, line: int | None, message: str, *, skippable: bool = True) -> None:
        """A problem; in lenient mode a skippable one becomes a warning instead."""
        if self.lenient and skippable:
            self.skipped.append(f"line {line}: {message}" if line is not None else message)
            return
        self.count += 1
        if len(self.items) < self.limit:
            self.items.append((line, message))

    def check(self) -> None:
        """:raises MalformedInput: with every problem kept, the first one's line first."""
        if not self.count:
            return
        first_line, first = self.items[0]
        rest = [f"line {n}: {m}" if n is not None else m for n, m in self.items[1:]]
        more = self.count - len(self.items)
        if more:
            rest.append(f"… and {more} more problem(s) (only the first {self.limit} are listed)")
        message = first
        if rest:
            message += f"\n  ({self.count} problems in this file; the others:)\n  " + "\n  ".join(
                rest
            )
            if not self.lenient and self.lenient_hint:
                message += (
                    "\n  Fix them, or import with --lenient to skip the malformed lines "
                    "(each is listed in the import report)."
                )
        raise (self.kind or MalformedInput)(message, path=self.where, line=first_line)

    def add_error(self, error: ImportFailed) -> None:
        """An error raised for one part of the file (a line, a document)."""
        self.add(error.line, error.detail, skippable=False)
        if self.kind is None:
            self.kind = type(error)
