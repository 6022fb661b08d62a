"""Annotator: right-to-left first annotation of Arabic news for NLP training corpora."""

__version__ = "0.1.0"
