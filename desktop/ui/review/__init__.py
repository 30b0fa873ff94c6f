"""The review window (issue 11): adjudicate annotators' versions into the gold layer by keyboard.

`window.ReviewWindow` shows one document at a time in the article view (reused as it is):
the gold layer's spans filled, the spans still in dispute outlined, and beside it the
document's disagreements, each with who marked what (a colour per annotator). The keys
walk the disagreements and take one annotator's version, everyone's, or none; every
decision is an ops.adjudicating action, so undo and history cover it.
"""
