"""The only package that imports spaCy: finding and loading a pipeline, tokenizing, pre-annotating."""
