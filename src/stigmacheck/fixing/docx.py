"""Apply settled fixes to a Word file (.docx) on its XML, keeping every other byte of the file.

The work is done by stigmacheck.word (the same code that makes the review copy, so accepting all
its tracked changes gives exactly what fix writes): edits come in offsets of the reader's source
text (paragraphs joined by "\\n") and are mapped to the runs of each paragraph, whose texts must
join to exactly the reader's source. An edit over several runs is made too: the new text takes the
formatting of the run where the edit starts. Every zip member other than the edited XML parts is
copied byte for byte.
"""

from __future__ import annotations


def fix_docx(data: bytes, source: str, todo):
    """(applied findings, skipped, fixed bytes or None, error or None)."""
    from stigmacheck.fixing.apply import Skipped
    from stigmacheck.word.review import fix_docx as fix_word

    done, left, fixed, error = fix_word(data, source, todo)
    return done, [Skipped(f, reason) for f, reason in left], fixed, error
