"""The store: the only package that touches TinyDB. No Textual here."""

from companion.store.errors import DataFileError, DataFileLocked
from companion.store.opening import default_data_path, file_has_data
from companion.store.store import Store

__all__ = ["DataFileError", "DataFileLocked", "Store", "default_data_path", "file_has_data"]
