"""The domain: dataclasses and pure rules. No IO, no Textual, no TinyDB."""
