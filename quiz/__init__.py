"""The pure domain of Surprise Quiz: no Telegram, no database, no I/O.

- `quiz.calculator`: probability, surprisal, entropy, cross-entropy, KL divergence
- `quiz.answers`: `parse_answer`, a small safe parser of what students type
- `quiz.questions`: `generate`, the question bank's contract (five topics × three levels, uk and
  en); the families themselves live in `quiz.bank` (one module each)
- `quiz.grading`: `grade`, tolerant of notation, exact about precision, true about mistakes
- `quiz.precision`: how precisely each question asks to answer
- `quiz.choices`: multiple-choice options from the classic mistakes
- `quiz.glossary`: one term per idea per language
- `quiz.mastery`: Bayesian Knowledge Tracing per topic × level, the level rules, the path
- `quiz.reviews`: spaced repetition of mastered levels (FSRS)
- `quiz.numbers`: numbers for people (decimal comma in Ukrainian)
"""
