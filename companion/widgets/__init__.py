"""Reusable widgets: each takes its data as attributes and posts messages up."""
