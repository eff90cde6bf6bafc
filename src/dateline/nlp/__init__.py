"""Natural-language processing: a spaCy pipeline plus Dateline's components."""

from dateline.nlp.pipeline import DEFAULT_MODEL, Pipeline, load_model

__all__ = ["DEFAULT_MODEL", "Pipeline", "load_model"]
