"""fill(): the one way interface text takes its values (annotator/gui/i18n.py)."""

from __future__ import annotations

from annotator.gui.i18n import fill


def test_a_value_holding_a_placeholder_is_inserted_as_it_is() -> None:
    # A document titled "50%1 خصم" in "Opened %2 (%1)" once came out mangled.
    assert fill("Opened %2 (%1)", 7, "50%1 خصم") == "Opened 50%1 خصم (7)"


def test_ten_values_and_a_placeholder_without_one() -> None:
    values = [f"v{n}" for n in range(1, 11)]
    assert fill("%10 %1 %2", *values) == "v10 v1 v2"
    assert fill("%1 and %3", "a") == "a and %3"
