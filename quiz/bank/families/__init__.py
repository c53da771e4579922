"""The question families, one per module; each defines ``FAMILY`` (see `quiz.bank`)."""
