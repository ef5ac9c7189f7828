"""Errors raised by summitry.

Hierarchy::

    SummitryError
    ├── ConfigError   a setting or an installed component is wrong (fix the setup)
    ├── IngestError   one input could not be read or decoded (the batch goes on)
    ├── ExtractError  one document failed in clean/extract/resolve (the batch goes on)
    └── StoreError    the database could not be opened or written

Every message says what failed and what to do next.
"""

from __future__ import annotations


class SummitryError(Exception):
    """Base class of every error summitry raises on purpose."""


class ConfigError(SummitryError):
    """A setting or an installed component is missing or wrong."""


class IngestError(SummitryError):
    """One input could not be read or decoded."""


class ExtractError(SummitryError):
    """One document could not be processed."""


class StoreError(SummitryError):
    """The database could not be opened or written."""
