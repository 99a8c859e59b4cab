"""Review inside Word: findings as comments, fixes as tracked changes, on a copy of the letter.

    annotate(docx_bytes, findings, data)        -> (bytes, comments written)
    track_fixes(docx_bytes, findings, data)     -> TrackResult(data, tracked, commented)

`data` is the letter's content as the importer read it (text as written), which is what
the findings' paths point into. The original file is never touched.
"""

from drafter.review.annotate import annotate
from drafter.review.tracked import TrackResult, track_fixes

__all__ = ["annotate", "track_fixes", "TrackResult"]
