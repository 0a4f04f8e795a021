"""Keys shared by several screens."""

from typing import Final

# [ and ] need AltGr on a Belgian AZERTY keyboard; - and + (also on the numpad) do not.
PREVIOUS: Final = "minus"
NEXT: Final = "plus"
