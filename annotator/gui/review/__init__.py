"""The review window: agreement at a glance, then adjudication into gold.

Open it with :func:`open_review` (or build a :class:`ReviewWindow`).

============================  ===============================================
module                        job
============================  ===============================================
``window``                    the window: tabs, undo stack, toolbar, status bar
``agreement_tab``             heat map, overall numbers, F1 per label
``adjudication_tab``          documents, gold, rows, versions; the actions
``scores_tab``                each annotator against gold
``gold_view``                 gold text, painted and snapped like the editor
``versions``                  the chosen row, once per annotator
``models``                    agreement table models, what all models share
``adjudication_models``       documents, rows and scores table models
``heatmap``                   the painted pairwise matrix
``jobs``                      work off the UI thread, its own read connection
============================  ===============================================
"""

from annotator.gui.review.window import ReviewWindow, open_review

__all__ = ["ReviewWindow", "open_review"]
