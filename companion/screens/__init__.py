"""One screen a file; each reads through the store and shows, never another's widgets."""
