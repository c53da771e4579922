"""Repositories: small async functions over an `AsyncSession`, one module per feature.
The caller owns the transaction (`async with db.session() as s: ...; await s.commit()`)."""
