"""The look: the Fusion theme and its dark palette, the shipped fonts, the label colours."""
