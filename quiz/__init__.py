"""The pure domain of Surprise Quiz: no Telegram, no database, no I/O.

- `quiz.calculator`: probability, surprisal, entropy, cross-entropy, KL divergence
- `quiz.answers`: `parse_answer`, a small safe parser of what students type
- `quiz.questions`: `generate`, the question bank (five topics × three levels, uk and en)
- `quiz.grading`: `grade`, tolerant of notation, precise about mistakes
- `quiz.mastery`: Bayesian Knowledge Tracing per topic × level, the level rules, the path
- `quiz.reviews`: spaced repetition of mastered levels (FSRS)
- `quiz.numbers`: numbers for people (decimal comma in Ukrainian)
"""
