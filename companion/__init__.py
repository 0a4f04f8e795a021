"""Classroom Companion: small daily moments of connection, for kindergarten teachers."""

__version__ = "0.1.0"
