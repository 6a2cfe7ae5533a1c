"""Word files edited on their XML: the zip part by part (package.py), source offsets to runs
(runs.py), replacements and tracked changes (revisions.py), comments (comments.py), and the fix
and review copy built from them (review.py)."""
