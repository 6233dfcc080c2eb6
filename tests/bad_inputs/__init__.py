"""Builders for bad and hostile inputs, shared by the catalogue, the property tests and
``scripts/fuzz.py``. Fixtures are generated rather than committed, so each one is small, readable
and made exactly the way its name says."""
