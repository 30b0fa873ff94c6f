"""The article view: one document's text with its spans, how it is painted (boxes, labels, arcs),
how the mouse and keys select in it, and the pictures and pages `spandesk render` draws from it."""
